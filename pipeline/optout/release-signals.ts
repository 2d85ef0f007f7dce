// Loads a release's opt-out files once (registry snapshot, ai.txt and TDM-Rep caches, withdrawals) for the opt-out stages.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Release } from '../catalog/index.js';
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

/** A path from release.json, resolved inside the release directory (it may not leave it). */
export function insideRelease(releaseDir: string, path: string, what: string): string {
  const full = resolve(releaseDir, path);
  const rel = relative(resolve(releaseDir), full);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`release ${what} path leaves the release directory: ${path}`);
  return full;
}

async function readDirFiles(dir: string, ext: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw err;
  }
  for (const name of names.sort()) {
    if (!name.endsWith(ext)) continue;
    out.set(name.slice(0, -ext.length).toLowerCase(), await readFile(join(dir, name), 'utf8'));
  }
  return out;
}

export async function loadReleaseSignals(releaseDir: string, release: Release): Promise<ReleaseSignals> {
  const warnings: string[] = [];
  const opt = release.optOut ?? {};
  let registry = emptyRegistry();
  if (opt.registry) {
    registry = parseRegistry(await readFile(insideRelease(releaseDir, opt.registry, 'optOut.registry'), 'utf8'));
    for (const bad of registry.invalid.slice(0, 5)) warnings.push(`registry line ${bad.line} not understood: ${bad.text}`);
  }
  const aiTxt = new Map<string, AiTxt>();
  if (opt.aiTxt) for (const [host, text] of await readDirFiles(insideRelease(releaseDir, opt.aiTxt, 'optOut.aiTxt'), '.txt')) aiTxt.set(host, parseAiTxt(text));
  const tdmRep = new Map<string, TdmRule[]>();
  if (opt.tdmRep) {
    for (const [host, text] of await readDirFiles(insideRelease(releaseDir, opt.tdmRep, 'optOut.tdmRep'), '.json')) {
      const { rules, errors } = parseTdmRepJson(text);
      tdmRep.set(host, rules);
      for (const e of errors) warnings.push(`tdmRep ${host}.json: ${e}`);
    }
  }
  const withdrawals = release.withdrawals
    ? parseWithdrawals(await readFile(insideRelease(releaseDir, release.withdrawals, 'withdrawals'), 'utf8'), release.withdrawals)
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
