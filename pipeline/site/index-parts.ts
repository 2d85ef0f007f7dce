// Indexes the catalogue in parts: each part's Pagefind records go to a file, and child processes (a few at a time)
// index them into separate bundles the search page merges, so no one Pagefind process holds the whole catalogue.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { SearchRecord } from '../../site/src/lib/search-record.js';
import { captureOutput } from '../util/capture-output.js';
import { limiter } from '../util/limiter.js';

/** Records per Pagefind bundle: 10k keeps each indexing process near 350 MB, and a search loads few bundles. */
export const DEFAULT_PART_SIZE = 10_000;

/** URL path of part k's bundle: the first is /pagefind/ (the search page loads it), the others merge into it. */
export const partUrl = (k: number): string => (k === 0 ? '/pagefind/' : `/pagefind/part-${k}/`);

export interface IndexParts {
  /** Adds a record to the current part; a full part starts indexing (when a slot is free). */
  add(record: SearchRecord): Promise<void>;
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

export function indexInParts(stagingDir: string, opts: PartOptions): IndexParts {
  const pool = limiter(opts.jobs);
  const running = new Set<ChildProcess>();
  const done: Promise<number>[] = [];
  const bundles: string[] = [];
  let out: WriteStream | undefined;
  let inPart = 0;
  let failed: unknown;
  const recordsFile = (k: number) => join(stagingDir, `part-${k}.jsonl`);

  const index = async (k: number): Promise<number> => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(import.meta.dirname, 'pagefind-child.mjs'), recordsFile(k), bundles[k]!], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const { code, stdout, stderr } = await captureOutput(child).finally(() => running.delete(child));
    if (code !== 0) throw new Error(`indexing part ${k} failed: ${stderr.trim().split('\n').pop() || `exit code ${code}`}`);
    const { indexed } = JSON.parse(stdout) as { indexed: number };
    opts.log?.(`index part ${k}: ${indexed} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return indexed;
  };

  const openPart = (): WriteStream => {
    bundles.push(join(stagingDir, `bundle-${bundles.length}`));
    inPart = 0;
    return createWriteStream(recordsFile(bundles.length - 1));
  };

  const closePart = async (): Promise<void> => {
    const stream = out;
    if (!stream) return;
    out = undefined;
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const k = bundles.length - 1;
    const p = pool(() => (failed === undefined ? index(k) : Promise.reject(failed)));
    p.catch((err: unknown) => (failed ??= err));
    done.push(p);
  };

  return {
    async add(record) {
      if (failed !== undefined) throw failed;
      out ??= openPart();
      if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((r) => out!.once('drain', () => r()));
      if (++inPart >= opts.partSize) await closePart();
    },
    get parts() {
      return bundles.length;
    },
    async finish() {
      // An empty catalogue still gets an (empty) index, so the search page loads and finds nothing.
      if (bundles.length === 0) out = openPart();
      await closePart();
      const counts = await Promise.all(done);
      return { indexed: counts.reduce((a, b) => a + b, 0), bundles };
    },
    abort() {
      for (const child of running) child.kill();
    },
  };
}
