// Reads the consent-change feed (GET <feed>/v1/changes) page by page and folds it into each item's last consent event.
import { ChangesPage, type Change } from '../catalog/index.js';
import { CliError } from '../util/cli-error.js';
import { safeFetch } from '../util/safe-fetch.js';

/** The last withdrawal or reinstatement seen for an item id and for an image sha256 (approvals do not remove anything). */
export interface ConsentState {
  byId: Map<string, Change>;
  bySha256: Map<string, Change>;
  /** The feed's cursor after the last page (pass it as --since next time). */
  cursor: string;
  pages: number;
  changes: number;
}

function changesUrl(feed: string, since: string | undefined, limit: number): string {
  const url = new URL(`${feed.replace(/\/+$/, '')}/v1/changes`);
  if (since !== undefined) url.searchParams.set('since', since);
  url.searchParams.set('limit', String(limit));
  return url.href;
}

async function page(url: string): Promise<ChangesPage> {
  let res;
  try {
    res = await safeFetch(url, { headers: { accept: 'application/json' }, timeoutMs: 60_000, maxBytes: 32 * 1024 * 1024 });
  } catch (err) {
    throw new CliError(`cannot read the change feed: ${(err as Error).message}`);
  }
  if (res.status !== 200) throw new CliError(`the change feed answered HTTP ${res.status} for ${url}: ${res.body.toString('utf8').slice(0, 200)}`);
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new CliError(`the change feed at ${url} did not answer JSON (is --feed the Clearance site's address?)`);
  }
  const parsed = ChangesPage.safeParse(json);
  if (!parsed.success) throw new CliError(`the change feed at ${url} answered an unexpected shape (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

export async function readFeed(feed: string, since?: string, limit = 1000): Promise<ConsentState> {
  const state: ConsentState = { byId: new Map(), bySha256: new Map(), cursor: since ?? '', pages: 0, changes: 0 };
  let cursor = since;
  for (;;) {
    const p = await page(changesUrl(feed, cursor, limit));
    state.pages++;
    for (const c of p.changes) {
      state.changes++;
      if (c.kind !== 'withdrawn' && c.kind !== 'reinstated') continue;
      const seen = state.byId.get(c.itemId);
      if (!seen || seen.seq < c.seq) state.byId.set(c.itemId, c);
      if (c.sha256) {
        const sha = c.sha256.toLowerCase();
        const s = state.bySha256.get(sha);
        if (!s || s.seq < c.seq) state.bySha256.set(sha, c);
      }
    }
    state.cursor = p.cursor;
    if (!p.more) return state;
    if (p.cursor === cursor || p.changes.length === 0) throw new CliError(`the change feed says there is more after cursor ${p.cursor} but does not move on: stopping`);
    cursor = p.cursor;
  }
}

/** The withdrawal that removes an item (matched by id or by any of its hashes), unless a later reinstatement cancels it. */
export function withdrawalOf(state: ConsentState, id: string, hashes: readonly string[]): Change | undefined {
  let last: Change | undefined;
  for (const c of [state.byId.get(id), ...hashes.map((h) => state.bySha256.get(h))]) if (c && (!last || c.seq > last.seq)) last = c;
  return last?.kind === 'withdrawn' ? last : undefined;
}
