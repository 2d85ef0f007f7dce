// Loads a release's opt-out files once (registry snapshot, ai.txt and TDM-Rep caches, withdrawals) for the opt-out stages.
import { realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Release } from '../catalog/index.js';
import { releasePath, resolveInsideSync } from '../image/path-safety.js';
import { CliError } from '../util/cli-error.js';
import { readRegularText, UnreadableFile } from '../util/read-regular.js';
import { parseAiTxt, type AiTxt } from './ai-txt.js';
import { emptyRegistry, parseRegistry, type RegistrySnapshot } from './registry-snapshot.js';
import { parseTdmRepJson, type TdmRule } from './tdm-rep.js';
import { emptyWithdrawals, parseWithdrawals, type Withdrawals } from './withdrawals.js';

export interface ReleaseSignals {
  registry: RegistrySnapshot;
  aiTxt: Map<string, AiTxt>;
  tdmRep: Map<string, TdmRule[]>;
  withdrawals: Withdrawals;
  /** Problems worth a log line (unreadable cache files, registry lines not understood). */
  warnings: string[];
}

/** Read limits of the per-host files: RFC 9309 lets a crawler stop parsing a robots file after 500 KiB; a
 *  tdmrep.json over 1 MiB is refused (the fetcher caches at most 512 KiB). */
export const SIGNAL_FILE_LIMITS = { aiTxtBytes: 512 * 1024, tdmRepBytes: 1024 * 1024 } as const;

/** A path from release.json, resolved inside the release directory after symlinks (it may not leave it). */
export function insideRelease(releaseDir: string, path: string, what: string): string {
  return releasePath(releaseDir, path, `release.json ${what}`);
}

/** An opt-out file that cannot be read stops the run with a message: an opt-out is never skipped silently. */
async function readSignalFile(path: string, what: string, opts: { maxBytes?: number; truncate?: boolean } = {}): Promise<string> {
  try {
    return await readRegularText(path, opts);
  } catch (err) {
    if (err instanceof UnreadableFile) throw new CliError(`${what}: ${err.message}`);
    throw new CliError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** The `<host><ext>` files of a cache dir; each must be a regular file inside the release (symlinks are followed and checked). */
async function readDirFiles(releaseDir: string, dir: string, ext: string, what: string, maxBytes: number, warnings: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw new CliError(`cannot list ${what} ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  for (const name of names.sort()) {
    if (!name.endsWith(ext)) continue;
    const r = resolveInsideSync(releaseDir, relative(realpathSync.native(releaseDir), join(dir, name)), { what: `${what} file` });
    if (!r.ok) throw new CliError(r.detail);
    const truncate = ext === '.txt';
    const text = await readSignalFile(r.path, `${what} ${name}`, { maxBytes, truncate });
    if (truncate && Buffer.byteLength(text) >= maxBytes) warnings.push(`${what} ${name}: only its first ${maxBytes} bytes are read`);
    out.set(name.slice(0, -ext.length).toLowerCase(), text);
  }
  return out;
}

export async function loadReleaseSignals(releaseDir: string, release: Release): Promise<ReleaseSignals> {
  const warnings: string[] = [];
  const opt = release.optOut ?? {};
  let registry = emptyRegistry();
  if (opt.registry) {
    registry = parseRegistry(await readSignalFile(insideRelease(releaseDir, opt.registry, 'optOut.registry'), 'the registry snapshot'));
    for (const bad of registry.invalid.slice(0, 5)) warnings.push(`registry line ${bad.line} not understood: ${bad.text}`);
  }
  const aiTxt = new Map<string, AiTxt>();
  if (opt.aiTxt) {
    const dir = insideRelease(releaseDir, opt.aiTxt, 'optOut.aiTxt');
    for (const [host, text] of await readDirFiles(releaseDir, dir, '.txt', 'optOut.aiTxt', SIGNAL_FILE_LIMITS.aiTxtBytes, warnings)) aiTxt.set(host, parseAiTxt(text));
  }
  const tdmRep = new Map<string, TdmRule[]>();
  if (opt.tdmRep) {
    const dir = insideRelease(releaseDir, opt.tdmRep, 'optOut.tdmRep');
    for (const [host, text] of await readDirFiles(releaseDir, dir, '.json', 'optOut.tdmRep', SIGNAL_FILE_LIMITS.tdmRepBytes, warnings)) {
      const { rules, errors } = parseTdmRepJson(text);
      tdmRep.set(host, rules);
      for (const e of errors) warnings.push(`tdmRep ${host}.json: ${e}`);
    }
  }
  const withdrawals = release.withdrawals
    ? parseWithdrawals(await readSignalFile(insideRelease(releaseDir, release.withdrawals, 'withdrawals'), 'the withdrawals file'), release.withdrawals)
    : emptyWithdrawals();
  return { registry, aiTxt, tdmRep, withdrawals, warnings };
}

const shared = new WeakMap<Release, Map<string, Promise<ReleaseSignals>>>();

/** The release's signals, loaded once per run and shared by the optout and content-signals stages (a large registry
 *  snapshot is held in memory once). Keyed by the run's release object and directory. */
export function releaseSignals(releaseDir: string, release: Release): Promise<ReleaseSignals> {
  let byDir = shared.get(release);
  if (!byDir) shared.set(release, (byDir = new Map()));
  let p = byDir.get(releaseDir);
  if (!p) byDir.set(releaseDir, (p = loadReleaseSignals(releaseDir, release)));
  return p;
}
