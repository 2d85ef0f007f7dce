// publish --local against real Miniflare state: uploads, upserts, withdrawals, moderator conflicts, idempotence, wrangler sees it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget } from '../../../pipeline/publish/open-target.js';
import { publish, type PublishSummary } from '../../../pipeline/publish/publish.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { wranglerBin } from '../../../pipeline/publish/wrangler-runner.js';
import { repoRoot } from '../../support/shared.js';
import { writeOut } from './fixture-out.js';
import { withLocalTarget } from '../../support/local-target.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';

const config = join(repoRoot, 'wrangler.toml');
let tmp: string;
let persist: string;

async function publishLocal(out: string): Promise<PublishSummary> {
  const target = await openTarget({ mode: 'local', config, persistTo: persist });
  try {
    return await publish(out, target);
  } finally {
    await target.close();
  }
}

const withTarget = <T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> => withLocalTarget(persist, fn);

type Change = { seq: number; item_id: string; sha256: string | null; kind: string; code: string; detail: string | null; by: string; at: string };
const changes = () => withTarget(async (t) => (await t.query({ sql: 'SELECT * FROM changes ORDER BY seq', params: [] })) as unknown as Change[]);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-test-'));
  persist = join(tmp, 'state');
});
// one Miniflare for the in-process publishes and queries, until wrangler's own CLI reads the state (last test)
shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await rm(tmp, { recursive: true, force: true });
});

describe('clearance publish --local', () => {
  it('applies migrations, uploads files and inserts items; a second run changes nothing', async () => {
    const out = join(tmp, 'out1');
    const records = await writeOut(out, '2026-10', [{ id: 'a:1' }, { id: 'a:2', priceMicros: 2000 }, { id: 'a:3' }]);
    const first = await publishLocal(out);
    expect(first.migrationsApplied.length).toBeGreaterThan(0);
    expect(first.objects).toMatchObject({ uploaded: 6, skipped: 0 });
    expect(first.items).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, withdrawn: 0 });

    const rows = await withTarget((t) => t.readItems());
    const a2 = rows.find((r) => r.id === 'a:2');
    expect(a2).toMatchObject({ status: 'live', price_micros: 2000, price_source: 'release', original_key: records[1]!.files.original, content_type: 'image/png', release: '2026-10' });

    const second = await publishLocal(out);
    expect(second.migrationsApplied).toEqual([]);
    expect(second.objects).toMatchObject({ uploaded: 0, skipped: 6 });
    expect(second.items).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, withdrawn: 0 });
    const report = JSON.parse(await readFile(join(out, 'publish-report.json'), 'utf8')) as PublishSummary;
    expect(report.items.unchanged).toBe(3);
  });

  it('withdraws dropped items, keeps rights-holder prices and never resurrects a moderator withdrawal', async () => {
    await withTarget((t) =>
      t.execute([
        { sql: `UPDATE items SET status = 'withdrawn', withdrawn_by = 'moderator', withdrawn_reason = 'flag: privacy', withdrawn_at = '2026-11-02T00:00:00Z' WHERE id = ?`, params: ['a:1'] },
        { sql: `UPDATE items SET price_micros = 5000, price_source = 'rightsholder' WHERE id = ?`, params: ['a:2'] },
      ]),
    );
    const out = join(tmp, 'out2');
    // a:1 still listed (moderator conflict), a:2's release price changes, a:3 opted out, a:4 new.
    await writeOut(out, '2026-11', [{ id: 'a:1' }, { id: 'a:2', priceMicros: 9000 }, { id: 'a:4', sourceBytes: 5000 }], { 'a:3': 'optout.withdrawn' });
    const s = await publishLocal(out);
    expect(s.items).toMatchObject({ inserted: 1, updated: 1, withdrawn: 1 });
    expect(s.objects).toMatchObject({ uploaded: 2, skipped: 4 });
    expect(s.conflicts.map((c) => c.id)).toEqual(['a:1']);
    const report = JSON.parse(await readFile(join(out, 'publish-report.json'), 'utf8')) as PublishSummary;
    expect(report.conflicts[0]).toMatchObject({ id: 'a:1', withdrawnReason: 'flag: privacy' });

    const rows = new Map((await withTarget((t) => t.readItems())).map((r) => [r.id, r]));
    expect(rows.get('a:1')).toMatchObject({ status: 'withdrawn', withdrawn_by: 'moderator', release: '2026-10' });
    expect(rows.get('a:2')).toMatchObject({ status: 'live', price_micros: 5000, price_source: 'rightsholder', release: '2026-11' });
    expect(rows.get('a:3')).toMatchObject({ status: 'withdrawn', withdrawn_by: 'release', withdrawn_reason: 'optout.withdrawn' });
    // bytes is what a download serves (the stored original), not the source's size before metadata was stripped.
    expect(rows.get('a:4')).toMatchObject({ status: 'live', bytes: Buffer.byteLength('original bytes of a:4') });

    // The consent-change feed learns of the release's withdrawal (not of the moderator's: the edge records those).
    const feed = await changes();
    expect(feed).toEqual([
      { seq: expect.any(Number), item_id: 'a:3', sha256: rows.get('a:3')!.sha256, kind: 'withdrawn', code: 'optout.withdrawn', detail: 'fixture', by: 'release:2026-11', at: rows.get('a:3')!.withdrawn_at },
    ]);

    // Re-running the same release adds no second withdrawal record or feed row and reports the same conflict.
    const again = await publishLocal(out);
    expect(again.items).toMatchObject({ inserted: 0, updated: 0, withdrawn: 0, unchanged: 2 });
    expect(again.conflicts.map((c) => c.id)).toEqual(['a:1']);
    expect(await changes()).toEqual(feed);
  });

  it('reinstates an item a release withdrew once a release lists it again, and withdraws unlisted items as dropped', async () => {
    const out = join(tmp, 'out3');
    // a:3 is back (its opt-out was lifted); a:4 vanished from the release without a decision.
    await writeOut(out, '2026-12', [{ id: 'a:1' }, { id: 'a:2', priceMicros: 9000 }, { id: 'a:3' }]);
    const s = await publishLocal(out);
    expect(s.items).toMatchObject({ inserted: 0, reinstated: 1, withdrawn: 1 });
    expect(s.conflicts.map((c) => c.id)).toEqual(['a:1']);
    const rows = new Map((await withTarget((t) => t.readItems())).map((r) => [r.id, r]));
    expect(rows.get('a:3')).toMatchObject({ status: 'live', withdrawn_by: null, withdrawn_reason: null, withdrawn_at: null, release: '2026-12' });
    expect(rows.get('a:4')).toMatchObject({ status: 'withdrawn', withdrawn_by: 'release', withdrawn_reason: 'release.dropped' });
    const feed = (await changes()).slice(1);
    expect(feed.map((c) => [c.item_id, c.kind, c.code, c.by])).toEqual([
      ['a:3', 'reinstated', 'release.reinstated', 'release:2026-12'],
      ['a:4', 'withdrawn', 'release.dropped', 'release:2026-12'],
    ]);
    expect(feed[0]!.detail).toBe('accepted again by release 2026-12: licence.cc0 (CC0)');
    expect(feed[1]!.detail).toBe('the release no longer lists this item');
    expect(feed[0]!.sha256).toBe(rows.get('a:3')!.sha256);
    // Again: nothing new in the feed.
    await publishLocal(out);
    expect((await changes()).slice(1)).toEqual(feed);
  });

  it('writes the state wrangler reads (d1 execute --local, r2 object get --local)', async () => {
    await closeLocalRuntimes(); // wrangler opens these SQLite files itself: from here each open is its own again
    const exec = promisify(execFile);
    const base = [wranglerBin()];
    const opts = { cwd: repoRoot, env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } };
    const { stdout } = await exec(process.execPath, [...base, 'd1', 'execute', 'clearance', '--local', '--persist-to', persist, '--json',
      '--command', `SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM withdrawals) AS withdrawals`], opts);
    expect(JSON.parse(stdout)[0].results[0]).toEqual({ items: 4, withdrawals: 2 });

    const rows = await withTarget((t) => t.readItems());
    const key = rows.find((r) => r.id === 'a:4')!.original_key;
    const got = await exec(process.execPath, [...base, 'r2', 'object', 'get', `clearance-files/${key}`, '--local', '--persist-to', persist, '--pipe'], { ...opts, encoding: 'buffer' });
    expect(got.stdout.toString()).toBe('original bytes of a:4');
  });
});
