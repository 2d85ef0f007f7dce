// Writes a benchmark's figures to test/bench/results/<bench>.json, stamped with the date, the commit and the machine.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../pipeline/util/atomic-write.js';
import { repoRoot } from '../../support/shared.js';

/** Figures are plain JSON: numbers with their unit in the key (`ms`, `perSecond`, `mb`…), or short strings. */
export type Figures = { [key: string]: Figure };
type Figure = number | string | boolean | null | Figure[] | { [key: string]: Figure };

export const RESULTS_DIR = join(repoRoot, 'test', 'bench', 'results');

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Starts a benchmark's record: the commit and load average now (the code that runs is the code loaded at the start),
 *  and the figures it adds, written by `write()`. */
export function benchResults(bench: string, settings: Figures = {}) {
  const startedAt = new Date();
  const loadAtStart = loadavg().map(round);
  const commit = git('rev-parse', 'HEAD') || 'unknown';
  // uncommitted changes outside the results themselves: the figures are not of `commit` alone
  const dirty = git('status', '--porcelain', '--', '.', ':(exclude)test/bench/results').length > 0;
  const figures: Figures = {};
  return {
    /** Adds (or replaces) one figure or a group of figures under `key`. */
    add(key: string, value: Figure): void {
      figures[key] = value;
    },
    /** Writes `test/bench/results/<bench>.json` (atomically) and returns its path. */
    async write(): Promise<string> {
      const record = {
        bench,
        date: startedAt.toISOString(),
        durationS: round((Date.now() - startedAt.getTime()) / 1000),
        commit,
        dirty,
        command: `${process.argv.slice(1).map((a) => a.replace(`${repoRoot}/`, '')).join(' ')}`,
        machine: {
          cpus: availableParallelism(),
          cpuModel: cpus()[0]?.model ?? 'unknown',
          memoryGb: round(totalmem() / 2 ** 30),
          node: process.version,
          platform: `${process.platform}-${process.arch}`,
          loadAverage: { start: loadAtStart, end: loadavg().map(round) },
        },
        settings,
        figures,
      };
      await mkdir(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${bench}.json`);
      await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
      console.log(`figures written to ${path.replace(`${repoRoot}/`, '')}`);
      return path;
    },
  };
}
