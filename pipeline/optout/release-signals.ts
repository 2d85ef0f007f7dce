// Loads a release's opt-out files once (registry snapshot, ai.txt / tdmrep.json / robots.txt caches, landing pages, withdrawals, fetch logs) for the opt-out stages.
import { join } from 'node:path';
import { PageSignals, type FetchLog, type Release, type SignalSources } from '../catalog/index.js';
import { releasePath } from '../image/path-safety.js';
import { CliError } from '../util/cli-error.js';
import { sha256Hex } from '../util/hash.js';
import { parseAiTxt, type AiTxt } from './ai-txt.js';
import { emptyRegistry, parseRegistry, type RegistrySnapshot } from './registry-snapshot.js';
import { parseRobots, type RobotsFile } from './robots-txt.js';
import { readDirFiles, readFetchLog, readSignalFile } from './signal-files.js';
import { parseTdmRepJson, type TdmRule } from './tdm-rep.js';
import { emptyWithdrawals, parseWithdrawals, type Withdrawals } from './withdrawals.js';

export type HostSignal = 'ai-txt' | 'tdm-rep' | 'robots-txt' | 'robots-meta';

export interface ReleaseSignals {
  registry: RegistrySnapshot;
  aiTxt: Map<string, AiTxt>;
  tdmRep: Map<string, TdmRule[]>;
  robotsTxt: Map<string, RobotsFile>;
  /** Landing pages by host, then by URL. */
  pages: Map<string, PageSignals['pages']>;
  withdrawals: Withdrawals;
  /** Which sources the release configures (an unconfigured one makes its checks `unknown`). */
  configured: Record<HostSignal | 'registry' | 'withdrawn', boolean>;
  /** Each cache dir's fetch log (`.fetched.json`): dates and outcomes by host. */
  fetchLog: Record<HostSignal, FetchLog>;
  /** Every snapshot, for the signal matrix (signal-sources.json). */
  sources: SignalSources;
  /** Problems worth a log line (unreadable cache files, registry lines not understood). */
  warnings: string[];
}

/** Read limits of the per-host files: RFC 9309 lets a crawler stop parsing a robots file after 500 KiB (ai.txt and
 *  robots.txt are read that far); a tdmrep.json over 1 MiB or a landing-pages file over 64 MiB is refused. */
export const SIGNAL_FILE_LIMITS = { aiTxtBytes: 500 * 1024, robotsTxtBytes: 500 * 1024, tdmRepBytes: 1024 * 1024, pagesBytes: 64 * 1024 * 1024 } as const;

/** A path from release.json, resolved inside the release directory after symlinks (it may not leave it). */
export function insideRelease(releaseDir: string, path: string, what: string): string {
  return releasePath(releaseDir, path, `release.json ${what}`);
}

interface CacheDir {
  signal: HostSignal;
  setting: 'aiTxt' | 'tdmRep' | 'robotsTxt' | 'pages';
  ext: string;
  maxBytes: number;
  truncate: boolean;
}

const CACHES: CacheDir[] = [
  { signal: 'ai-txt', setting: 'aiTxt', ext: '.txt', maxBytes: SIGNAL_FILE_LIMITS.aiTxtBytes, truncate: true },
  { signal: 'tdm-rep', setting: 'tdmRep', ext: '.json', maxBytes: SIGNAL_FILE_LIMITS.tdmRepBytes, truncate: false },
  { signal: 'robots-txt', setting: 'robotsTxt', ext: '.txt', maxBytes: SIGNAL_FILE_LIMITS.robotsTxtBytes, truncate: true },
  { signal: 'robots-meta', setting: 'pages', ext: '.json', maxBytes: SIGNAL_FILE_LIMITS.pagesBytes, truncate: false },
];

export async function loadReleaseSignals(releaseDir: string, release: Release): Promise<ReleaseSignals> {
  const warnings: string[] = [];
  const opt = release.optOut ?? {};
  const sources: SignalSources = {};
  const s: ReleaseSignals = {
    registry: emptyRegistry(),
    aiTxt: new Map(),
    tdmRep: new Map(),
    robotsTxt: new Map(),
    pages: new Map(),
    withdrawals: emptyWithdrawals(),
    configured: { 'ai-txt': !!opt.aiTxt, 'tdm-rep': !!opt.tdmRep, 'robots-txt': !!opt.robotsTxt, 'robots-meta': !!opt.pages, registry: !!opt.registry, withdrawn: !!release.withdrawals },
    fetchLog: { 'ai-txt': {}, 'tdm-rep': {}, 'robots-txt': {}, 'robots-meta': {} },
    sources,
    warnings,
  };
  if (opt.registry) {
    const bytes = await readSignalFile(insideRelease(releaseDir, opt.registry, 'optOut.registry'), 'the registry snapshot');
    s.registry = parseRegistry(bytes.toString('utf8'));
    sources.registry = { file: opt.registry, sha256: sha256Hex(bytes), fetchedAt: null, fetch: null };
    for (const bad of s.registry.invalid.slice(0, 5)) warnings.push(`registry line ${bad.line} not understood: ${bad.text}`);
  }
  for (const c of CACHES) {
    const setting = opt[c.setting];
    if (!setting) continue;
    const dir = insideRelease(releaseDir, setting, `optOut.${c.setting}`);
    const log = (s.fetchLog[c.signal] = await readFetchLog(dir, warnings));
    for (const [host, e] of Object.entries(log)) sources[`${c.signal}:${host}`] = { file: null, sha256: null, fetchedAt: e.at, fetch: e.outcome, ...(e.status ? { status: e.status } : {}) };
    for (const [host, f] of await readDirFiles(releaseDir, dir, c.ext, `optOut.${c.setting}`, c.maxBytes, c.truncate)) {
      if (f.truncated) warnings.push(`optOut.${c.setting} ${host}${c.ext}: only its first ${c.maxBytes} bytes are read`);
      const e = log[host];
      sources[`${c.signal}:${host}`] = { file: join(setting, `${host}${c.ext}`).replace(/\\/g, '/'), sha256: f.sha256, fetchedAt: e?.at ?? null, fetch: e?.outcome ?? null, ...(e?.status ? { status: e.status } : {}) };
      if (c.signal === 'ai-txt') s.aiTxt.set(host, parseAiTxt(f.text, { truncated: f.truncated }));
      else if (c.signal === 'robots-txt') s.robotsTxt.set(host, parseRobots(f.text, { truncated: f.truncated }));
      else if (c.signal === 'tdm-rep') {
        const { rules, errors } = parseTdmRepJson(f.text);
        s.tdmRep.set(host, rules);
        for (const e of errors) warnings.push(`tdmRep ${host}.json: ${e}`);
      } else s.pages.set(host, parsePages(f.text, `optOut.pages ${host}.json`));
    }
  }
  if (release.withdrawals) {
    const bytes = await readSignalFile(insideRelease(releaseDir, release.withdrawals, 'withdrawals'), 'the withdrawals file');
    s.withdrawals = parseWithdrawals(bytes.toString('utf8'), release.withdrawals);
    sources.withdrawn = { file: release.withdrawals, sha256: sha256Hex(bytes), fetchedAt: null, fetch: null };
  }
  return s;
}

/** A landing-pages file that is not what fetch-signals writes stops the run: its opt-outs would be lost. */
function parsePages(text: string, what: string): PageSignals['pages'] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${what} is not JSON (${(err as Error).message}): rerun \`clearance fetch-signals --pages\` or fix the file`);
  }
  const parsed = PageSignals.safeParse(json);
  if (!parsed.success) throw new CliError(`${what} is not a landing-pages file: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data.pages;
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
