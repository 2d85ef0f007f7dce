// Plans and runs the Astro builds of a site: one build for small catalogues, else a list build plus item-page shards.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface ShardRun {
  /** CLEARANCE_SHARD value: `all`, `lists` or `items:<i>/<n>`. */
  spec: string;
  outDir: string;
}

/** Item pages per Astro build; above this the build is sharded so no single process holds the whole catalogue. */
export const DEFAULT_SHARD_SIZE = 20_000;

export function planShards(records: number, shardSize: number, stagingDir: string): ShardRun[] {
  if (records <= shardSize) return [{ spec: 'all', outDir: join(stagingDir, 'all') }];
  const n = Math.ceil(records / shardSize);
  return [
    { spec: 'lists', outDir: join(stagingDir, 'lists') },
    ...Array.from({ length: n }, (_, i) => ({ spec: `items:${i}/${n}`, outDir: join(stagingDir, `items-${i}`) })),
  ];
}

export interface RunOptions {
  env: Record<string, string>;
  jobs: number;
  verbose: boolean;
}

function runOne(run: ShardRun, cacheDir: string, opts: RunOptions): Promise<void> {
  const child = join(import.meta.dirname, 'astro-child.mjs');
  const args = [child, run.outDir, cacheDir, ...(opts.verbose ? ['--verbose'] : [])];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, ...opts.env, CLEARANCE_SHARD: run.spec },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
      if (opts.verbose) process.stderr.write(chunk);
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
      reject(new Error(`astro build (${run.spec}) failed: ${last}`));
    });
  });
}

/** Runs the shards, `jobs` at a time; the first failure fails the lot. */
export async function runShards(runs: ShardRun[], stagingDir: string, opts: RunOptions): Promise<void> {
  const queue = [...runs.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [i, run] = next;
      const cacheDir = join(stagingDir, `cache-${i}`);
      await mkdir(cacheDir, { recursive: true });
      await runOne(run, cacheDir, opts);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs, runs.length)) }, worker));
}
