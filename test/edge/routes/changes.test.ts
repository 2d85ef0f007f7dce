// GET /v1/changes: the public consent-change feed, paged by cursor; changeRow goes into other services' batches.
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../edge/src/db/schema.js';
import { changeRow } from '../../../edge/src/services/changes.js';
import { call, expectError, uid } from '../helpers.js';

interface Page {
  changes: { seq: number; itemId: string; sha256: string | null; kind: string; code: string; detail: string | null; at: string }[];
  cursor: string;
  more: boolean;
}

async function feed(query = ''): Promise<Page> {
  const res = await call(`/v1/changes${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return (await res.json()) as Page;
}

/** Rows as the console and publish write them (plain SQL here). */
async function insert(n: number, kind = 'withdrawn', code = 'optout.withdrawn') {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `test:${uid('c')}`;
    ids.push(id);
    await env.DB.prepare('INSERT INTO changes (item_id, sha256, kind, code, detail, "by", at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .bind(id, 'ab'.repeat(32), kind, code, `reason ${i}`, 'acct_secret_moderator', `2026-11-25T10:00:0${i % 10}.000Z`)
      .run();
  }
  return ids;
}

describe('consent-change feed', () => {
  it('pages through every change in order, by cursor, and says when there is more', async () => {
    const start = await feed();
    let cursor = start.cursor;
    for (let page = start; page.more; page = await feed(`?since=${cursor}&limit=1000`)) cursor = page.cursor; // to the end
    const ids = await insert(5);
    const seen: Page['changes'] = [];
    let page = await feed(`?since=${cursor}&limit=2`);
    for (;;) {
      expect(page.changes.length).toBeLessThanOrEqual(2);
      seen.push(...page.changes);
      if (!page.more) break;
      expect(page.cursor).toBe(String(page.changes.at(-1)!.seq));
      page = await feed(`?since=${page.cursor}&limit=2`);
    }
    expect(seen.map((c) => c.itemId)).toEqual(ids);
    expect(seen.map((c) => c.seq)).toEqual([...seen.map((c) => c.seq)].sort((a, b) => a - b));
    expect(seen[0]).toEqual({ seq: seen[0]!.seq, itemId: ids[0], sha256: 'ab'.repeat(32), kind: 'withdrawn', code: 'optout.withdrawn', detail: 'reason 0', at: '2026-11-25T10:00:00.000Z' });
    expect(JSON.stringify(seen)).not.toContain('acct_secret_moderator'); // who decided stays private
    // at the end: nothing new, the cursor stays where it was
    const end = await feed(`?since=${page.cursor}`);
    expect(end).toEqual({ changes: [], cursor: page.cursor, more: false });
  });

  it('starts from the beginning without since, with 500 a page by default', async () => {
    await insert(2);
    const first = await feed();
    expect(first.changes.length).toBeGreaterThanOrEqual(2);
    expect(first.changes.length).toBeLessThanOrEqual(500);
    expect(first.changes[0]!.seq).toBeGreaterThanOrEqual(1);
    expect(await feed('?since=0')).toEqual(first);
    const oneEach = await feed('?limit=1');
    expect(oneEach.changes).toEqual([first.changes[0]]);
    expect(oneEach.more).toBe(true);
  });

  it('refuses a bad cursor or limit with 400 in the error shape', async () => {
    for (const q of ['?since=-1', '?since=abc', '?since=1.5', '?since=', '?since=01', `?since=${'9'.repeat(16)}`, '?since=1e3', '?limit=0', '?limit=1001', '?limit=x', '?since=%00']) {
      await expectError(await call(`/v1/changes${q}`), 400, 'invalid_request');
    }
  });

  it('builds the row other services put in their D1 batches', async () => {
    const db = drizzle(env.DB, { schema });
    const id = `test:${uid('b')}`;
    const before = await feed(`?since=${(await feed('?limit=1000')).cursor}`);
    await db.batch([
      changeRow(db, { itemId: id, sha256: null, kind: 'approved', code: 'licence.moderator-approved', by: 'acct_x', at: '2026-11-26T00:00:00.000Z' }),
      changeRow(db, { itemId: id, sha256: 'cd'.repeat(32), kind: 'reinstated', code: 'release.reinstated', detail: 'back', by: 'release:2026-12', at: '2026-12-01T00:00:00.000Z' }),
    ]);
    const after = await feed(`?since=${before.cursor}`);
    expect(after.changes.map(({ seq: _, ...c }) => c)).toEqual([
      { itemId: id, sha256: null, kind: 'approved', code: 'licence.moderator-approved', detail: null, at: '2026-11-26T00:00:00.000Z' },
      { itemId: id, sha256: 'cd'.repeat(32), kind: 'reinstated', code: 'release.reinstated', detail: 'back', at: '2026-12-01T00:00:00.000Z' },
    ]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    expect(doc.paths['/v1/changes']?.get?.parameters?.map((p) => p.name).sort()).toEqual(['limit', 'since']);
  });
});
