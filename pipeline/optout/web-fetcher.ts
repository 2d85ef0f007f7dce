// Fills a release's ai.txt / TDM-Rep caches from the web: GET https://<host>/ai.txt and /.well-known/tdmrep.json, and landing pages' TDM meta tags.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readRegularText } from '../util/read-regular.js';
import { FetchRefused, safeFetch } from '../util/safe-fetch.js';
import { SIGNAL_FILE_LIMITS } from './release-signals.js';
import { USER_AGENT } from './agent.js';
import { isRobotsText } from './robots-txt.js';
import { parseTdmRepJson, tdmFromHeaders, tdmFromHtml } from './tdm-rep.js';
import { httpUrl } from './url-parts.js';

export interface WebFetchOptions {
  aiTxtDir: string;
  tdmRepDir: string;
  /** Where a host lives: `https://{host}` by default; tests use `http://127.0.0.1:<port>/{host}`. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Bodies larger than this are not cached (an ai.txt or tdmrep.json is a few KiB). */
  maxBytes?: number;
  concurrency?: number;
  onResult?: (r: HostResult) => void;
}

export type FileOutcome = 'saved' | 'none' | 'error';
export interface HostResult {
  host: string;
  aiTxt: FileOutcome;
  tdmRep: FileOutcome;
  /** Landing pages of this host that reserve TDM by meta tag or header. */
  reservedPages: number;
  errors: string[];
}

type Got = { status: number; headers: Record<string, string>; body: string } | { error: string };

async function get(url: string, o: Required<Pick<WebFetchOptions, 'timeoutMs' | 'maxBytes'>>): Promise<Got> {
  try {
    const res = await safeFetch(url, { headers: { 'user-agent': USER_AGENT }, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes });
    return { status: res.status, headers: res.headers, body: res.body.toString('utf8') };
  } catch (err) {
    const e = err as Error;
    return { error: err instanceof FetchRefused ? `GET ${url}: ${e.message}` : e.message };
  }
}

export function urlFor(baseUrl: string, host: string, pathAndQuery: string): string {
  return baseUrl.replace('{host}', host).replace(/\/$/, '') + pathAndQuery;
}

/** Outcome of ai.txt: 2xx with a usable body is saved; 404/410 or a soft-404 page means the site has none
 *  (a stale cached copy is removed); anything else is an error and the cached copy is kept. */
async function cacheOne(got: Got, file: string, label: string, usable: (body: string) => boolean, errors: string[]): Promise<FileOutcome> {
  if ('error' in got) return errors.push(got.error), 'error';
  if (got.status >= 200 && got.status < 300 && usable(got.body)) {
    await writeFileAtomic(file, got.body);
    return 'saved';
  }
  if ((got.status >= 200 && got.status < 300) || got.status === 404 || got.status === 410) {
    await rm(file, { force: true });
    return 'none';
  }
  errors.push(`HTTP ${got.status} for ${label}`);
  return 'error';
}

/** Fetches the signal files of one host, and reads its landing pages (TDM-Rep meta / header) into extra tdmrep rules. */
export async function fetchHostSignals(host: string, pages: string[], opts: WebFetchOptions): Promise<HostResult> {
  const o = { timeoutMs: opts.timeoutMs ?? 15_000, maxBytes: opts.maxBytes ?? 512 * 1024 };
  const base = opts.baseUrl ?? 'https://{host}';
  const errors: string[] = [];
  const aiTxt = await cacheOne(await get(urlFor(base, host, '/ai.txt'), o), join(opts.aiTxtDir, `${host}.txt`), '/ai.txt', isRobotsText, errors);
  const tdmFile = join(opts.tdmRepDir, `${host}.json`);
  const pageRules: Record<string, unknown>[] = [];
  for (const page of pages) {
    const url = httpUrl(page);
    if (!url) continue;
    const got = await get(urlFor(base, host, url.pathname + url.search), o);
    if ('error' in got) {
      errors.push(got.error);
      continue;
    }
    const verdict = tdmFromHeaders(got.headers) ?? (/html/i.test(got.headers['content-type'] ?? 'text/html') ? tdmFromHtml(got.body) : undefined);
    if (verdict?.reserved) pageRules.push({ location: `${url.pathname}${url.search}$`.replace(/\*/g, '%2A'), 'tdm-reservation': 1, ...(verdict.policy ? { 'tdm-policy': verdict.policy } : {}), source: page });
  }
  const got = await get(urlFor(base, host, '/.well-known/tdmrep.json'), o);
  let wellKnown: unknown[] = [];
  let tdmRep: FileOutcome;
  if ('error' in got) {
    errors.push(got.error);
    tdmRep = 'error';
    wellKnown = await cachedEntries(tdmFile); // keep what we had; only page rules are refreshed
  } else if (got.status >= 200 && got.status < 300 && parseTdmRepJson(got.body).rules.length > 0) {
    const json = JSON.parse(got.body) as unknown;
    wellKnown = Array.isArray(json) ? json : [json];
    tdmRep = 'saved';
  } else if ((got.status >= 200 && got.status < 300) || got.status === 404 || got.status === 410) {
    tdmRep = 'none';
  } else {
    errors.push(`HTTP ${got.status} for /.well-known/tdmrep.json`);
    tdmRep = 'error';
    wellKnown = await cachedEntries(tdmFile);
  }
  // Page-level reservations come first: TDM-Rep applies the first matching rule, and a page's own reservation is the more specific statement.
  const all = [...pageRules, ...wellKnown];
  if (all.length) await writeFileAtomic(tdmFile, JSON.stringify(all, null, 2) + '\n');
  else if (tdmRep === 'none') await rm(tdmFile, { force: true });
  return { host, aiTxt, tdmRep: tdmRep === 'none' && pageRules.length ? 'saved' : tdmRep, reservedPages: pageRules.length, errors };
}

/** Entries of a previously cached tdmrep file, minus page rules written by an earlier run (they are re-read). */
async function cachedEntries(file: string): Promise<unknown[]> {
  try {
    const json = JSON.parse(await readRegularText(file, { maxBytes: SIGNAL_FILE_LIMITS.tdmRepBytes })) as unknown;
    return (Array.isArray(json) ? json : [json]).filter((e) => !(e && typeof e === 'object' && 'source' in e));
  } catch {
    return [];
  }
}

/** Fetches every host (a few at a time); `pagesByHost` lists landing pages to read for meta tags. */
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
  return results.sort((a, b) => a.host.localeCompare(b.host));
}
