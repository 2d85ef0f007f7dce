// Atomic output directory: build into a temp dir beside --out, swap it in with renames, recover leftovers of a killed run.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../util/cli-error.js';
import { processAlive } from '../util/process-alive.js';

const MARKERS = ['decisions.jsonl', 'report.json', 'catalog.jsonl'];

async function isDir(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return undefined;
  }
}


/** Puts back an output left renamed away by a run killed mid-swap; removes temp dirs of dead runs. */
export async function recoverOutput(out: string): Promise<string[]> {
  const parent = dirname(out);
  const base = basename(out);
  const notes: string[] = [];
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return notes;
  }
  const olds = names.filter((n) => n.startsWith(`.${base}.old-`)).sort();
  if ((await isDir(out)) === undefined && olds.length) {
    const last = olds.pop()!;
    await rename(join(parent, last), out);
    notes.push(`restored the previous output from ${last} (an earlier run was interrupted while swapping)`);
  }
  for (const n of olds) await rm(join(parent, n), { recursive: true, force: true });
  for (const n of names.filter((x) => x.startsWith(`.${base}.tmp-`))) {
    const pid = Number(n.slice(`.${base}.tmp-`.length).split('-')[0]);
    if (!processAlive(pid)) {
      await rm(join(parent, n), { recursive: true, force: true });
      notes.push(`removed ${n} left by an interrupted run`);
    }
  }
  return notes;
}

export interface OutputDir {
  /** Where this run writes. */
  tmp: string;
  /** Swaps the finished temp dir into place. */
  commit(): Promise<void>;
  /** Removes the temp dir (the previous output stays untouched). */
  abort(): Promise<void>;
}

export async function openOutput(out: string): Promise<OutputDir> {
  const existing = await isDir(out);
  if (existing === false) throw new CliError(`--out ${out} is a file, not a directory: choose a directory path`);
  if (existing) {
    const names = await readdir(out);
    if (names.length && !MARKERS.some((m) => names.includes(m))) {
      throw new CliError(`--out ${out} exists and is not a Clearance output (no decisions.jsonl/report.json): choose another --out or empty it`);
    }
  }
  const parent = dirname(out);
  const tmp = join(parent, `.${basename(out)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(tmp);
  } catch (err) {
    throw new CliError(`cannot write the output beside ${out} (${(err as NodeJS.ErrnoException).code ?? String(err)}): choose a writable --out`);
  }
  return {
    tmp,
    async commit() {
      const old = join(parent, `.${basename(out)}.old-${process.pid}-${Date.now()}`);
      const had = (await isDir(out)) === true;
      if (had) await rename(out, old);
      await rename(tmp, out);
      if (had) await rm(old, { recursive: true, force: true });
    },
    async abort() {
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
