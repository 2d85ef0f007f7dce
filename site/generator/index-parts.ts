// Indexes the catalogue in parts: each part's records stream to its own Pagefind child process (a few run at once;
// a waiting part's records queue in memory), and the search page merges the bundles, so no one process holds them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SearchRecord } from '../src/lib/search-record.js';
import { captureOutput } from '../../pipeline/util/capture-output.js';
import { limiter } from '../../pipeline/util/limiter.js';

/**
 * Records per Pagefind bundle. Measured at 100k records (2 jobs): 10k parts peak at 0.75 GB with a first search
 * result in 110–312 ms; 20k parts at 1.2–1.4 GB and 92–194 ms. The search page loads every part, so fewer is faster.
 */
export const DEFAULT_PART_SIZE = 20_000;

/**
 * Result fragment files per part: above this Pagefind bundles fragments into shared files (20 a file for a 20k part),
 * a tenth of the files to write and upload for a few KB more per result fetch.
 */
export const MAX_FRAGMENT_FILES = 1_000;

/** URL path of part k's bundle: the first is /pagefind/ (the search page loads it), the others merge into it. */
export const partUrl = (k: number): string => (k === 0 ? '/pagefind/' : `/pagefind/part-${k}/`);

export interface IndexParts {
  /** Adds a record to the current part (a new part starts after `partSize` records). */
  add(record: SearchRecord): void;
  /** Parts begun so far (a part begins with its first record). */
  readonly parts: number;
  /** Closes the last part and waits for every bundle: the records indexed and each part's bundle dir. */
  finish(): Promise<{ indexed: number; bundles: string[] }>;
  /** Stops running indexers (after a failure elsewhere). */
  abort(): void;
}

export interface PartOptions {
  partSize: number;
  jobs: number;
  log?: (line: string) => void;
}

interface Part {
  k: number;
  /** Lines waiting for the child (null once it reads them from stdin). */
  queued: string[] | null;
  child?: ChildProcess;
  closed: boolean;
  count: number;
}

export function indexInParts(stagingDir: string, opts: PartOptions): IndexParts {
  const pool = limiter(opts.jobs);
  const running = new Set<ChildProcess>();
  const done: Promise<number>[] = [];
  const bundles: string[] = [];
  let current: Part | undefined;
  let failed: unknown;
  let aborted = false;

  const index = async (part: Part): Promise<number> => {
    if (aborted) throw new Error('indexing stopped');
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(import.meta.dirname, 'pagefind-child.mjs'), bundles[part.k]!, String(MAX_FRAGMENT_FILES)], { stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(child);
    child.stdin.on('error', () => undefined); // a child that died reports through its exit code
    child.stdin.write(part.queued!.join(''));
    part.queued = null;
    part.child = child;
    if (part.closed) child.stdin.end();
    const { code, stdout, stderr } = await captureOutput(child).finally(() => running.delete(child));
    if (code !== 0) throw new Error(`indexing part ${part.k} failed: ${stderr.trim().split('\n').pop() || `exit code ${code}`}`);
    const { indexed } = JSON.parse(stdout) as { indexed: number };
    if (indexed !== part.count) throw new Error(`indexing part ${part.k}: ${indexed} of ${part.count} records indexed`);
    opts.log?.(`index part ${part.k}: ${indexed} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return indexed;
  };

  const open = (): Part => {
    const part: Part = { k: bundles.length, queued: [], closed: false, count: 0 };
    bundles.push(join(stagingDir, `bundle-${part.k}`));
    const p = pool(() => index(part));
    p.catch((err: unknown) => (failed ??= err));
    done.push(p);
    return part;
  };

  const close = (): void => {
    if (!current) return;
    current.closed = true;
    current.child?.stdin?.end();
    current = undefined;
  };

  return {
    add(record) {
      if (failed !== undefined) throw failed;
      current ??= open();
      const line = `${JSON.stringify(record)}\n`;
      if (current.child) current.child.stdin!.write(line);
      else current.queued!.push(line);
      if (++current.count >= opts.partSize) close();
    },
    get parts() {
      return bundles.length;
    },
    async finish() {
      // An empty catalogue still gets an (empty) index, so the search page loads and finds nothing.
      if (bundles.length === 0) current = open();
      close();
      const counts = await Promise.all(done);
      return { indexed: counts.reduce((a, b) => a + b, 0), bundles };
    },
    abort() {
      aborted = true;
      for (const child of running) child.kill();
    },
  };
}
