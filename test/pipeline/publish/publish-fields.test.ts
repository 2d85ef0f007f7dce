// publish --local writes what the edge serves (#19, #20): the served file's hash, size and format beside the source's
// hash, metadata and safety scores; an unchanged re-publish is a no-op, a changed score an update; withdrawals keep the
// source's hash; migration 0003 carries rows published before it over (served hash from the key, source hash kept).
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalTarget } from '../../../pipeline/publish/local-target.js';
import { publish } from '../../../pipeline/publish/publish.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { readEdgeConfig } from '../../../pipeline/publish/wrangler-config.js';
import { repoRoot } from '../../support/shared.js';
import { writeOut } from './fixture-out.js';
import { withLocalTarget } from '../../support/local-target.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';

const config = join(repoRoot, 'wrangler.toml');
let tmp: string;
let persist: string;

const withTarget = <T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> => withLocalTarget(persist, fn);
const rowsById = async () => new Map((await withTarget((t) => t.readItems())).map((r) => [r.id, r]));

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-fields-'));
  persist = join(tmp, 'state');
});
shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await rm(tmp, { recursive: true, force: true });
});

const SOURCE_SHA = 'f'.repeat(64);
const metadata = {
  title: 'Apples (Malus domestica): Baldwin', creator: 'Deborah G. Passmore', description: 'Watercolour of two apples', date: '1905',
  tags: ['apple', 'watercolour'], source: 'pomological', sourceUrl: 'https://example.org/obj/1', width: 1200, height: 900,
  safety: { nsfw: 0.0123456789, faces: 2, faceScore: 0.875, textPii: true },
};

describe('publish writes the served file and every catalogue field', () => {
  it('stores served sha256/bytes/format, the source hash, metadata and scores; re-publish is a no-op; a changed score updates', async () => {
    const out = join(tmp, 'out1');
    const records = await writeOut(out, '2026-11', [
      { id: 'p:1', body: 'the stripped original, smaller than the source', sourceBytes: 9999, sourceSha256: SOURCE_SHA, record: metadata },
      { id: 'p:2', record: { safety: { nsfw: null, faces: null, faceScore: null, textPii: false } } },
    ]);
    const first = await withTarget((t) => publish(out, t));
    expect(first.items).toMatchObject({ inserted: 2 });
    const rows = await rowsById();
    const served = records[0]!.files.original.split('/')[2]!.split('.')[0]!;
    expect(rows.get('p:1')).toMatchObject({
      sha256: served, source_sha256: SOURCE_SHA, bytes: Buffer.byteLength('the stripped original, smaller than the source'), width: 1200, height: 900,
      format: 'png', content_type: 'image/png', licence: 'cc0-1.0', licence_url: 'https://creativecommons.org/publicdomain/zero/1.0/',
      title: metadata.title, creator: metadata.creator, description: metadata.description, date: '1905', tags: '["apple","watercolour"]',
      source: 'pomological', source_url: 'https://example.org/obj/1', retrieved_at: '2026-11-01T00:00:00Z',
      nsfw: 0.0123456789, faces: 2, face_score: 0.875, text_pii: 1, release: '2026-11',
    });
    expect(served).not.toBe(SOURCE_SHA);
    expect(rows.get('p:2')).toMatchObject({ nsfw: null, faces: null, face_score: null, text_pii: 0, creator: null, tags: null });

    const again = await withTarget((t) => publish(out, t));
    expect(again.items).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    const out2 = join(tmp, 'out2');
    await writeOut(out2, '2026-11', [
      { id: 'p:1', body: 'the stripped original, smaller than the source', sourceBytes: 9999, sourceSha256: SOURCE_SHA, record: { ...metadata, safety: { ...metadata.safety, nsfw: 0.5 } } },
      { id: 'p:2', record: { safety: { nsfw: null, faces: null, faceScore: null, textPii: false } } },
    ]);
    expect((await withTarget((t) => publish(out2, t))).items).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await rowsById()).get('p:1')?.nsfw).toBe(0.5);
    // the search index follows the title (triggers)
    const hits = await withTarget((t) => t.query({ sql: `SELECT items.id FROM items WHERE rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH '"baldwin" "passmore"')`, params: [] }));
    expect(hits).toEqual([{ id: 'p:1' }]);
  });

  it('records the source hash when a release drops an item (withdrawals and the change feed)', async () => {
    const out = join(tmp, 'out3');
    await writeOut(out, '2026-12', [{ id: 'p:2', record: { safety: { nsfw: null, faces: null, faceScore: null, textPii: false } } }], { 'p:1': 'optout.withdrawn' });
    expect((await withTarget((t) => publish(out, t))).items).toMatchObject({ withdrawn: 1 });
    const [w] = await withTarget((t) => t.query({ sql: `SELECT sha256 FROM withdrawals WHERE item_id = 'p:1'`, params: [] }));
    const [c] = await withTarget((t) => t.query({ sql: `SELECT sha256 FROM changes WHERE item_id = 'p:1' AND kind = 'withdrawn'`, params: [] }));
    expect([w?.sha256, c?.sha256]).toEqual([SOURCE_SHA, SOURCE_SHA]);
  });
});

describe('migration 0003 on rows published before it', () => {
  it('moves the source hash to source_sha256, takes the served hash from the key, sets the format and indexes the text', async () => {
    const edge = await readEdgeConfig(config);
    const older = join(tmp, 'migrations-0002');
    await cp(edge.db.migrationsDir, older, { recursive: true });
    for (const name of await readdir(older)) if (/^\d{4}_/.test(name) && parseInt(name, 10) >= 3) await rm(join(older, name));
    const state = join(tmp, 'state-old');
    const served = 'ab'.repeat(32);
    const before = await openLocalTarget({ ...edge, db: { ...edge.db, migrationsDir: older } }, state);
    try {
      expect(await before.migrate()).toEqual(['0000_init.sql', '0001_seed_plans.sql', '0002_human_loop.sql']);
      await before.execute([{ sql: `INSERT INTO items (id, title, sha256, original_key, thumb_key, content_type, bytes, licence, release, updated_at)
        VALUES ('old:1', 'An old quince', ?, ?, 'thumb/cd/x.webp', 'image/png', 10, 'cc0-1.0', '2026-10', 'then')`, params: [SOURCE_SHA, `original/ab/${served}.png`] }]);
    } finally {
      await before.close();
    }
    const after = await openLocalTarget(edge, state);
    try {
      expect((await after.migrate()).some((m) => m.startsWith('0003_'))).toBe(true);
      const [row] = await after.query({ sql: `SELECT sha256, source_sha256, format FROM items WHERE id = 'old:1'`, params: [] });
      expect(row).toEqual({ sha256: served, source_sha256: SOURCE_SHA, format: 'png' });
      expect(await after.query({ sql: `SELECT rowid FROM items_fts WHERE items_fts MATCH 'quince'`, params: [] })).toHaveLength(1);
    } finally {
      await after.close();
    }
  });
});
