// Reads an item's landing pages for `fetch-signals --pages`: the signals each carries (robots meta tags, X-Robots-Tag, Content-Usage, TDM-Rep), verbatim.
import type { PageRecord } from '../catalog/index.js';
import { CRAWLER_NAME } from './agent.js';
import { metaTags } from './html-meta.js';
import { tdmFromHeaders, tdmFromHtml } from './tdm-rep.js';
import { canonicalUrl, httpUrl } from './url-parts.js';

/** A page's signal-carrying response headers that are kept. */
const PAGE_HEADERS = ['x-robots-tag', 'content-usage', 'tdm-reservation', 'tdm-policy'];

export type Got = { status: number; headers: Record<string, string>; body: string } | { error: string };

export interface PageRead {
  /** The URL as the page cache keys it. */
  key: string;
  record: PageRecord;
  /** A TDM-Rep reservation by meta tag or header: a rule for the host's tdmrep.json cache (as before `optOut.pages`). */
  tdmRule?: Record<string, unknown>;
}

/** What a page carries, from one GET. */
export function readPage(page: string, got: Got, at: string): PageRead | undefined {
  const url = httpUrl(page);
  const key = canonicalUrl(page);
  if (!url || !key) return undefined;
  if ('error' in got) return { key, record: { fetchedAt: at, status: 0, error: got.error, robots: [], ours: [], headers: {} } };
  const html = /html/i.test(got.headers['content-type'] ?? 'text/html') && got.status >= 200 && got.status < 300 ? got.body : '';
  const metas = metaTags(html);
  const headers = Object.fromEntries(PAGE_HEADERS.flatMap((h) => (got.headers[h] ? [[h, got.headers[h]!]] : [])));
  const record: PageRecord = {
    fetchedAt: at,
    status: got.status,
    robots: metas.filter((m) => m.name === 'robots').map((m) => m.content),
    ours: metas.filter((m) => m.name === CRAWLER_NAME.toLowerCase()).map((m) => m.content),
    headers,
  };
  const verdict = tdmFromHeaders(got.headers) ?? (html ? tdmFromHtml(html) : undefined);
  const tdmRule = verdict?.reserved
    ? { location: `${url.pathname}${url.search}$`.replace(/\*/g, '%2A'), 'tdm-reservation': 1, ...(verdict.policy ? { 'tdm-policy': verdict.policy } : {}), source: page }
    : undefined;
  return { key, record, ...(tdmRule ? { tdmRule } : {}) };
}
