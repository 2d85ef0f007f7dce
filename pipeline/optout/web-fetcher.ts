// Fills a release's signal caches from the web: GET https://<host>/ai.txt, /robots.txt and /.well-known/tdmrep.json, and landing pages' signals.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchLogEntry, PageRecord } from '../catalog/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readRegularText } from '../util/read-regular.js';
import { FetchRefused, safeFetch } from '../util/safe-fetch.js';
import { USER_AGENT } from './agent.js';
import { updateFetchLog } from './fetch-log.js';
import { pageRobotsRefusal } from './page-checks.js';
import { readPage, type Got } from './page-fetch.js';
import { SIGNAL_FILE_LIMITS } from './release-signals.js';
import { isRobotsText } from './robots-txt.js';
import { parseTdmRepJson } from './tdm-rep.js';
import { trainingRefusal } from './usage-prefs.js';

export interface WebFetchOptions {
  aiTxtDir: string;
  tdmRepDir: string;
  /** Where robots.txt snapshots go (release optOut.robotsTxt); none: robots.txt is not fetched. */
  robotsTxtDir?: string;
  /** Where landing-page records go (release optOut.pages); none: pages only feed the tdmrep.json cache. */
  pagesDir?: string;
  /** Where a host lives: `https://{host}` by default; tests use `http://127.0.0.1:<port>/{host}`. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Bodies larger than this are not cached (an ai.txt or tdmrep.json is a few KiB). */
  maxBytes?: number;
  concurrency?: number;
  onResult?: (r: HostResult) => void;
  /** The time recorded for this run's fetches (default: now). */
  now?: string;
}

export type FileOutcome = 'saved' | 'none' | 'error';
export interface HostResult {
  host: string;
  aiTxt: FileOutcome;
  tdmRep: FileOutcome;
  robotsTxt?: FileOutcome;
  /** Landing pages of this host read, and how many reserve TDM or refuse AI use (robots meta, X-Robots-Tag, Content-Usage). */
  pages: number;
  reservedPages: number;
  refusingPages: number;
  errors: string[];
  log: Partial<Record<'aiTxt' | 'tdmRep' | 'robotsTxt' | 'pages', FetchLogEntry>>;
}

/** A robots.txt is saved up to this size; the build reads its first 500 KiB (RFC 9309) and knows it was cut. */
const ROBOTS_SAVE_BYTES = 2 * 1024 * 1024;
/** A landing page is read up to this size (meta tags sit in its head). */
const PAGE_BYTES = 2 * 1024 * 1024;

async function get(url: string, o: { timeoutMs: number; maxBytes: number; truncate?: boolean }): Promise<Got> {
  try {
    const res = await safeFetch(url, { headers: { 'user-agent': USER_AGENT }, ...o });
    return { status: res.status, headers: res.headers, body: res.body.toString('utf8') };
  } catch (err) {
    const e = err as Error;
    return { error: err instanceof FetchRefused ? `GET ${url}: ${e.message}` : e.message };
  }
}

function urlFor(baseUrl: string, host: string, pathAndQuery: string): string {
  return baseUrl.replace('{host}', host).replace(/\/$/, '') + pathAndQuery;
}

/** Outcome of a robots-syntax file: 2xx with a usable body is saved; 404/410 or a soft-404 page means the site has
 *  none (a stale cached copy is removed); anything else is an error and the cached copy is kept. */
async function cacheOne(got: Got, file: string, label: string, usable: (body: string) => boolean, errors: string[], at: string): Promise<FetchLogEntry> {
  if ('error' in got) return errors.push(got.error), { at, outcome: 'error', error: got.error.slice(0, 200) };
  if (got.status >= 200 && got.status < 300 && usable(got.body)) {
    await writeFileAtomic(file, got.body);
    return { at, outcome: 'saved', status: got.status };
  }
  if ((got.status >= 200 && got.status < 300) || got.status === 404 || got.status === 410) {
    await rm(file, { force: true });
    return { at, outcome: 'none', status: got.status };
  }
  errors.push(`HTTP ${got.status} for ${label}`);
  return { at, outcome: 'error', status: got.status };
}

/** A JSON file written earlier, or undefined. */
async function cachedJson(file: string, maxBytes: number): Promise<unknown> {
  try {
    return JSON.parse(await readRegularText(file, { maxBytes }));
  } catch {
    return undefined;
  }
}

/** Entries of a previously cached tdmrep file, minus page rules written by an earlier run (they are re-read). */
async function cachedEntries(file: string): Promise<unknown[]> {
  const json = await cachedJson(file, SIGNAL_FILE_LIMITS.tdmRepBytes);
  if (json === undefined) return [];
  return (Array.isArray(json) ? json : [json]).filter((e) => !(e && typeof e === 'object' && 'source' in e));
}

/** The host's landing pages: records into the pages cache (a page that fails keeps its earlier record), TDM reservations into tdmrep rules. */
async function readPages(host: string, pages: string[], opts: WebFetchOptions, o: { timeoutMs: number }, r: HostResult, at: string): Promise<Record<string, unknown>[]> {
  const tdmRules: Record<string, unknown>[] = [];
  const records: Record<string, PageRecord> = {};
  for (const page of new Set(pages)) {
    const url = new URL(page);
    const got = await get(urlFor(opts.baseUrl ?? 'https://{host}', host, url.pathname + url.search), { ...o, maxBytes: PAGE_BYTES, truncate: true });
    if ('error' in got) r.errors.push(got.error);
    const read = readPage(page, got, at);
    if (!read) continue;
    r.pages++;
    records[read.key] = read.record;
    if (read.tdmRule) tdmRules.push(read.tdmRule);
    if (read.tdmRule) r.reservedPages++;
    if (pageRobotsRefusal(read.record) || trainingRefusal(read.record.headers['content-usage'])) r.refusingPages++;
  }
  if (opts.pagesDir && r.pages) {
    const file = join(opts.pagesDir, `${host}.json`);
    const before = ((await cachedJson(file, SIGNAL_FILE_LIMITS.pagesBytes)) as { pages?: Record<string, PageRecord> } | undefined)?.pages ?? {};
    for (const [key, rec] of Object.entries(records)) if (rec.status === 0 && before[key]?.status) records[key] = before[key]!;
    await writeFileAtomic(file, `${JSON.stringify({ pages: records }, null, 1)}\n`);
    r.log.pages = { at, outcome: 'saved' };
  }
  return tdmRules;
}

/** Fetches the signal files of one host, and reads its landing pages. */
export async function fetchHostSignals(host: string, pages: string[], opts: WebFetchOptions): Promise<HostResult> {
  const at = opts.now ?? new Date().toISOString();
  const o = { timeoutMs: opts.timeoutMs ?? 15_000, maxBytes: opts.maxBytes ?? 512 * 1024 };
  const base = opts.baseUrl ?? 'https://{host}';
  const r: HostResult = { host, aiTxt: 'none', tdmRep: 'none', pages: 0, reservedPages: 0, refusingPages: 0, errors: [], log: {} };
  r.log.aiTxt = await cacheOne(await get(urlFor(base, host, '/ai.txt'), o), join(opts.aiTxtDir, `${host}.txt`), '/ai.txt', isRobotsText, r.errors, at);
  r.aiTxt = r.log.aiTxt.outcome;
  if (opts.robotsTxtDir) {
    const got = await get(urlFor(base, host, '/robots.txt'), { ...o, maxBytes: ROBOTS_SAVE_BYTES, truncate: true });
    r.log.robotsTxt = await cacheOne(got, join(opts.robotsTxtDir, `${host}.txt`), '/robots.txt', isRobotsText, r.errors, at);
    r.robotsTxt = r.log.robotsTxt.outcome;
  }
  const pageRules = pages.length ? await readPages(host, pages, opts, o, r, at) : [];
  const tdmFile = join(opts.tdmRepDir, `${host}.json`);
  const got = await get(urlFor(base, host, '/.well-known/tdmrep.json'), o);
  let wellKnown: unknown[] = [];
  if ('error' in got) {
    r.errors.push(got.error);
    r.log.tdmRep = { at, outcome: 'error', error: got.error.slice(0, 200) };
    wellKnown = await cachedEntries(tdmFile); // keep what we had; only page rules are refreshed
  } else if (got.status >= 200 && got.status < 300 && parseTdmRepJson(got.body).rules.length > 0) {
    const json = JSON.parse(got.body) as unknown;
    wellKnown = Array.isArray(json) ? json : [json];
    r.log.tdmRep = { at, outcome: 'saved', status: got.status };
  } else if ((got.status >= 200 && got.status < 300) || got.status === 404 || got.status === 410) {
    r.log.tdmRep = { at, outcome: 'none', status: got.status };
  } else {
    r.errors.push(`HTTP ${got.status} for /.well-known/tdmrep.json`);
    r.log.tdmRep = { at, outcome: 'error', status: got.status };
    wellKnown = await cachedEntries(tdmFile);
  }
  // Page-level reservations come first: TDM-Rep applies the first matching rule, and a page's own reservation is the more specific statement.
  const all = [...pageRules, ...wellKnown];
  if (all.length) await writeFileAtomic(tdmFile, JSON.stringify(all, null, 2) + '\n');
  else if (r.log.tdmRep.outcome === 'none') await rm(tdmFile, { force: true });
  r.tdmRep = r.log.tdmRep.outcome === 'none' && pageRules.length ? 'saved' : r.log.tdmRep.outcome;
  return r;
}

/** Fetches every host (a few at a time); `pagesByHost` lists landing pages to read. Then records the fetch logs. */
export async function fetchSignals(pagesByHost: Map<string, string[]>, opts: WebFetchOptions): Promise<HostResult[]> {
  const hosts = [...pagesByHost.keys()].sort();
  const results: HostResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < hosts.length) {
      const host = hosts[next++]!;
      const r = await fetchHostSignals(host, pagesByHost.get(host) ?? [], opts);
      results.push(r);
      opts.onResult?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, hosts.length) }, worker));
  const dirs = { aiTxt: opts.aiTxtDir, tdmRep: opts.tdmRepDir, robotsTxt: opts.robotsTxtDir, pages: opts.pagesDir } as const;
  for (const [k, dir] of Object.entries(dirs)) {
    if (!dir) continue;
    const entries = new Map(results.flatMap((r) => (r.log[k as keyof typeof dirs] ? [[r.host, r.log[k as keyof typeof dirs]!] as const] : [])));
    await updateFetchLog(dir, entries);
  }
  return results.sort((a, b) => a.host.localeCompare(b.host));
}
