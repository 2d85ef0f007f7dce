// publish --local fills the review queue: one row per held item and evidence, idempotent, superseding changed or
// released rows, re-opening returning evidence, never touching decided rows; review thumbnails under their private prefix.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewRecord } from '../../../pipeline/catalog/review.js';
import { formatSummary, publish, type PublishSummary } from '../../../pipeline/publish/publish.js';
import { reviewId } from '../../../pipeline/publish/reviews.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { writeOut, type FixtureHeld } from './fixture-out.js';
import { withLocalTarget } from '../../support/local-target.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';

let tmp: string;
let persist: string;
let n = 0;

const withTarget = <T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> => withLocalTarget(persist, fn);

/** Builds an output with these held items (plus one accepted item) and publishes it. */
async function publishHeld(release: string, held: FixtureHeld[]): Promise<{ summary: PublishSummary; out: string }> {
  const out = join(tmp, `out${n++}`);
  await writeOut(out, release, [{ id: 'ok:1' }], {}, held);
  return { summary: await withTarget((t) => publish(out, t)), out };
}

type Row = { id: string; item_id: string; evidence_hash: string; status: string; main_code: string; reasons: string; evidence: string; thumb_key: string | null; release: string; sha256: string | null; title: string };
const rows = () => withTarget(async (t) => (await t.query({ sql: 'SELECT * FROM reviews ORDER BY item_id, created_at', params: [] })) as unknown as Row[]);
const byId = async () => new Map((await rows()).map((r) => [r.id, r]));

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-reviews-'));
  persist = join(tmp, 'state');
});
shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await rm(tmp, { recursive: true, force: true });
});

describe('publish: the review queue', () => {
  it('opens one row per held item with its evidence and a private thumbnail; a re-publish changes nothing', async () => {
    const { summary, out } = await publishHeld('r1', [{ id: 'h:1', evidence: 'one' }, { id: 'h:2', evidence: 'two', code: 'licence.third-party-assertion' }, { id: 'h:3', evidence: 'three', thumb: false }]);
    expect(summary.reviews).toEqual({ opened: 3, unchanged: 0, superseded: 0 });
    expect(summary.objects.uploaded).toBe(4); // ok:1's original and thumb, two review thumbnails
    expect(formatSummary(summary)).toMatch(/reviews {3}3 opened, 0 unchanged, 0 superseded/);
    const report = JSON.parse(await readFile(join(out, 'publish-report.json'), 'utf8')) as PublishSummary;
    expect(report.reviews).toEqual(summary.reviews);

    const held = (await readFile(join(out, 'reviews.jsonl'), 'utf8')).trim().split('\n').map((l) => ReviewRecord.parse(JSON.parse(l)));
    const all = await byId();
    const h2 = all.get(reviewId('h:2', sha256Hex('two')))!;
    expect(reviewId('h:2', sha256Hex('two'))).toBe(`rev_${sha256Hex(`h:2\n${sha256Hex('two')}`).slice(0, 24)}`);
    expect(h2).toMatchObject({ item_id: 'h:2', evidence_hash: sha256Hex('two'), status: 'open', main_code: 'licence.third-party-assertion', release: 'r1', title: 'Held h:2', sha256: sha256Hex('h:2') });
    expect(JSON.parse(h2.reasons)).toEqual([{ code: 'licence.third-party-assertion', detail: 'held: two' }]);
    expect(JSON.parse(h2.evidence)).toEqual(held[1]);
    expect(h2.thumb_key).toBe(held[1]!.files!.reviewThumb);
    expect(h2.thumb_key).toMatch(/^review-thumb\//);
    expect(all.get(reviewId('h:3', sha256Hex('three')))).toMatchObject({ thumb_key: null, sha256: null });
    expect(await withTarget((t) => t.hasObject(h2.thumb_key!))).toBe(true);

    const again = await publishHeld('r1', [{ id: 'h:1', evidence: 'one' }, { id: 'h:2', evidence: 'two', code: 'licence.third-party-assertion' }, { id: 'h:3', evidence: 'three', thumb: false }]);
    expect(again.summary.reviews).toEqual({ opened: 0, unchanged: 3, superseded: 0 });
    expect(await rows()).toHaveLength(3);
  });

  it('a changed record opens a new row and supersedes the open one; a released item\'s open row is superseded; decided rows are never touched', async () => {
    const decidedId = reviewId('h:1', sha256Hex('one'));
    // A moderator approves h:1 and rejects h:3 in the console.
    await withTarget((t) =>
      t.execute([
        { sql: "UPDATE reviews SET status = 'approved', decided_licence = 'pdm-1.0', decided_by = 'acct_m', decided_at = '2026-11-20T00:00:00Z', note = 'checked' WHERE id = ?", params: [decidedId] },
        { sql: "UPDATE reviews SET status = 'rejected', decided_by = 'acct_m', decided_at = '2026-11-20T00:00:01Z', note = 'no' WHERE id = ?", params: [reviewId('h:3', sha256Hex('three'))] },
      ]),
    );
    // r2: h:1's record changed (new evidence), h:2 is no longer held (accepted or rejected), h:3 unchanged, h:4 new.
    const { summary } = await publishHeld('r2', [{ id: 'h:1', evidence: 'one, edited' }, { id: 'h:3', evidence: 'three', thumb: false }, { id: 'h:4', evidence: 'four' }]);
    expect(summary.reviews).toEqual({ opened: 2, unchanged: 1, superseded: 1 });
    const all = await byId();
    expect(all.get(decidedId)).toMatchObject({ status: 'approved', release: 'r1' });
    expect(all.get(reviewId('h:1', sha256Hex('one, edited')))).toMatchObject({ status: 'open', release: 'r2' });
    expect(all.get(reviewId('h:2', sha256Hex('two')))).toMatchObject({ status: 'superseded' });
    expect(all.get(reviewId('h:3', sha256Hex('three')))).toMatchObject({ status: 'rejected' });
    expect(all.get(reviewId('h:4', sha256Hex('four')))).toMatchObject({ status: 'open' });

    // h:1 edited again: the open row of the first edit is superseded, the decided row still untouched.
    const third = await publishHeld('r3', [{ id: 'h:1', evidence: 'one, edited twice' }, { id: 'h:3', evidence: 'three', thumb: false }, { id: 'h:4', evidence: 'four' }]);
    expect(third.summary.reviews).toEqual({ opened: 1, unchanged: 2, superseded: 1 });
    const after = await byId();
    expect(after.get(decidedId)).toMatchObject({ status: 'approved', decided_licence: 'pdm-1.0', note: 'checked' });
    expect(after.get(reviewId('h:1', sha256Hex('one, edited')))).toMatchObject({ status: 'superseded' });
    expect([...after.values()].filter((r) => r.item_id === 'h:1' && r.status === 'open')).toHaveLength(1);
  });

  it('re-opens a superseded row when the item is held again on the same evidence', async () => {
    const { summary } = await publishHeld('r4', [{ id: 'h:2', evidence: 'two', code: 'licence.third-party-assertion' }, { id: 'h:3', evidence: 'three', thumb: false }]);
    expect(summary.reviews).toEqual({ opened: 1, unchanged: 1, superseded: 2 });
    const all = await byId();
    expect(all.get(reviewId('h:2', sha256Hex('two')))).toMatchObject({ status: 'open', release: 'r4' });
    expect(all.get(reviewId('h:4', sha256Hex('four')))).toMatchObject({ status: 'superseded' });
    expect(all.get(reviewId('h:1', sha256Hex('one')))).toMatchObject({ status: 'approved' });
    expect((await publishHeld('r4', [{ id: 'h:2', evidence: 'two', code: 'licence.third-party-assertion' }, { id: 'h:3', evidence: 'three', thumb: false }])).summary.reviews).toEqual({ opened: 0, unchanged: 2, superseded: 0 });
  });

  it('leaves the queue alone for an output built before review records existed', async () => {
    const out = join(tmp, 'old-out');
    await writeOut(out, 'r5', [{ id: 'ok:1' }]);
    const logs: string[] = [];
    const before = await rows();
    const s = await withTarget((t) => publish(out, t, (l) => logs.push(l)));
    expect(s.reviews).toBeUndefined();
    expect(logs.join('\n')).toMatch(/has no reviews\.jsonl .*the review queue is left as it is/);
    expect(await rows()).toEqual(before);
  });
});
