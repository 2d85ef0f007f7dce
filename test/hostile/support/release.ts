// Writes small releases for the hostile tests, and runs `clearance build` in a child process that is killed at a deadline.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnBundledCli } from '../../pipeline/support/cli.js';
import { captureOutput } from '../../../pipeline/util/capture-output.js';
import { drawImage } from '../../../pipeline/sample/draw.js';

export const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';

export interface Line {
  id: string;
  image: string;
  licence?: string;
  [k: string]: unknown;
}

/** A drawn CC0 image at `images/<name>` (different seeds give pictures far apart for dedup). */
export async function goodImage(release: string, name: string, seed: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<string> {
  await mkdir(join(release, 'images'), { recursive: true });
  await writeFile(join(release, 'images', name), await drawImage({ format, width: 320, height: 240, seed }));
  return `images/${name}`;
}

/** release.json with one manifest source `m` (m.jsonl) plus `extra` settings; returns the release dir. */
export async function writeRelease(release: string, lines: (Line | string)[], extra: Record<string, unknown> = {}, sources: unknown[] = []): Promise<string> {
  await mkdir(release, { recursive: true });
  await writeFile(join(release, 'm.jsonl'), `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify({ licence: CC0, ...l }))).join('\n')}\n`);
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'hostile', sources: [{ name: 'm', adapter: 'manifest', path: 'm.jsonl' }, ...sources], ...extra }));
  return release;
}

export interface BoundedResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `clearance <args>` in a child killed (SIGKILL) after `ms`: a hang rejects with what the child had printed. */
export async function cliWithin(ms: number, args: string[], env: Record<string, string> = {}): Promise<BoundedResult> {
  const child = await spawnBundledCli(args, env);
  const started = performance.now();
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, ms);
  const r = await captureOutput(child).finally(() => clearTimeout(timer));
  if (killed) throw new Error(`clearance ${args.join(' ')} did not finish within ${ms} ms (killed); stderr: ${r.stderr.slice(-500)}`);
  return { ...r, ms: performance.now() - started };
}
