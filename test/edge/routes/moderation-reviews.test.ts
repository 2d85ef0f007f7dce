// The review-queue API under /v1/moderation: list with filters and paging, one review, decisions (validation, 409s,
// the approval's changes row), direct withdrawal of a live item (451 at once, changes row); moderators only.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewRow, seedReview } from '../console-helpers.js';
import { call, expectError, newAccount, seedItem, uid } from '../helpers.js';

let mod: { id: string; key: string };
beforeAll(async () => {
  mod = await newAccount('payg', [{ role: 'moderator' }]);
});

interface Page { reviews: { id: string; status: string; mainCode: string; source: string; hasThumb: boolean }[]; cursor: string | null }
const list = async (q: string) => {
  const res = await call(`/v1/moderation/reviews${q}`, { key: mod.key });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};
const decide = (id: string, json: unknown, key = mod.key) => call(`/v1/moderation/reviews/${id}/decision`, { method: 'POST', key, json });

describe('GET /v1/moderation/reviews', () => {
  it('is for moderators only', async () => {
    const customer = await newAccount();
    const holder = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: 'M' }]);
    const r = await seedReview();
    await expectError(await call('/v1/moderation/reviews'), 401);
    for (const key of [customer.key, holder.key]) {
      await expectError(await call('/v1/moderation/reviews', { key }), 403, 'forbidden');
      await expectError(await call(`/v1/moderation/reviews/${r.id}`, { key }), 403);
      await expectError(await call(`/v1/moderation/reviews/${r.id}/thumb`, { key }), 403);
      await expectError(await decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: 'x' }, key), 403);
      await expectError(await call(`/v1/moderation/items/x/withdraw`, { method: 'POST', key, json: { reason: 'x' } }), 403);
      await expectError(await call('/v1/moderation/log', { key }), 403);
    }
    expect((await reviewRow(r.id))?.status).toBe('open');
  });

  it('filters by status, main reason and source, and pages with a cursor', async () => {
    const source = uid('api').toLowerCase();
    const t0 = Date.parse('2026-02-01T00:00:00Z');
    const open = [];
    for (let i = 0; i < 7; i++) open.push(await seedReview({ source, mainCode: i < 3 ? 'licence.conflict' : 'licence.pd-unmarked', createdAt: new Date(t0 + i).toISOString() }));
    const done = await seedReview({ source, status: 'rejected' });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?source=${source}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.reviews.length).toBeLessThanOrEqual(3);
      all.push(...page.reviews.map((r) => r.id));
      cursor = page.cursor;
    } while (cursor);
    expect(all).toEqual(open.map((r) => r.id));
    expect((await list(`?source=${source}&code=licence.conflict`)).reviews.map((r) => r.id)).toEqual(open.slice(0, 3).map((r) => r.id));
    expect((await list(`?source=${source}&status=rejected`)).reviews.map((r) => r.id)).toEqual([done.id]);
    await expectError(await call('/v1/moderation/reviews?status=maybe', { key: mod.key }), 400);
    await expectError(await call('/v1/moderation/reviews?limit=0', { key: mod.key }), 400);
    await expectError(await call('/v1/moderation/reviews?cursor=***', { key: mod.key }), 400, 'invalid_request');
  });

  it('returns one review with its reasons and evidence, and its private thumbnail', async () => {
    const r = await seedReview({ reasons: [{ code: 'licence.pd-unmarked', detail: '"PD-old" template' }] });
    const res = await call(`/v1/moderation/reviews/${r.id}`, { key: mod.key });
    expect(res.status).toBe(200);
    const { review } = (await res.json()) as { review: Record<string, unknown> & { evidence: { statement: { licence: string } } } };
    expect(review).toMatchObject({ id: r.id, itemId: r.itemId, status: 'open', mainCode: 'licence.pd-unmarked', evidenceHash: r.evidenceHash, hasThumb: true, reasons: [{ code: 'licence.pd-unmarked', detail: '"PD-old" template' }] });
    expect(review.evidence.statement.licence).toBe('CC0');
    const thumb = await call(`/v1/moderation/reviews/${r.id}/thumb`, { key: mod.key });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('Content-Type')).toBe('image/webp');
    await thumb.arrayBuffer();
    await expectError(await call('/v1/moderation/reviews/rev_missing', { key: mod.key }), 404);
  });
});

describe('POST /v1/moderation/reviews/:id/decision', () => {
  it('validates: a note always, a licence (cc0-1.0 | pdm-1.0) to approve', async () => {
    const r = await seedReview();
    expect((await expectError(await decide(r.id, { action: 'approve', note: 'checked' }), 400, 'invalid_request')).message).toMatch(/licence/);
    expect((await expectError(await decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: '  ' }), 400)).message).toMatch(/note/);
    await expectError(await decide(r.id, { action: 'approve', licence: 'cc0-1.0' }), 400);
    await expectError(await decide(r.id, { action: 'approve', licence: 'cc-by-4.0', note: 'x' }), 400);
    await expectError(await decide(r.id, { action: 'reject' }), 400);
    await expectError(await decide(r.id, { action: 'hold', note: 'x' }), 400);
    await expectError(await decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: 'x'.repeat(2001) }), 400);
    await expectError(await decide('rev_missing', { action: 'reject', note: 'x' }), 404);
    expect((await reviewRow(r.id))?.status).toBe('open');
  });

  it('approves with a changes row, and answers 409 review_closed when decided already or superseded', async () => {
    const r = await seedReview();
    const res = await decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: ' museum page states CC0 ' });
    expect(res.status).toBe(200);
    const { review } = (await res.json()) as { review: Record<string, unknown> };
    expect(review).toMatchObject({ id: r.id, status: 'approved', decidedLicence: 'cc0-1.0', decidedBy: mod.id, note: 'museum page states CC0' });
    const change = await env.DB.prepare('SELECT * FROM changes WHERE item_id = ?').bind(r.itemId).first();
    expect(change).toMatchObject({ kind: 'approved', code: 'licence.moderator-approved', sha256: r.sha, by: mod.id, at: review.decidedAt });
    const twice = await expectError(await decide(r.id, { action: 'reject', note: 'no' }), 409, 'review_closed');
    expect(twice.message).toContain('already decided (approved');

    const itemId = `met:${uid('m')}`;
    const stale = await seedReview({ itemId, status: 'superseded' });
    const fresh = await seedReview({ itemId });
    const sup = await expectError(await decide(stale.id, { action: 'approve', licence: 'pdm-1.0', note: 'x' }), 409, 'review_closed');
    expect(sup.message).toContain('superseded');
    expect(sup.message).toContain(fresh.id);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM changes WHERE item_id = ?').bind(itemId).first<{ n: number }>())?.n).toBe(0);
  });

  it('rejects with a note', async () => {
    const r = await seedReview();
    const res = await decide(r.id, { action: 'reject', note: 'stock photo site' });
    expect(res.status).toBe(200);
    expect(await reviewRow(r.id)).toMatchObject({ status: 'rejected', decided_licence: null, note: 'stock photo site', decided_by: mod.id });
  });
});

describe('POST /v1/moderation/items/:id/withdraw', () => {
  it('withdraws a live item at once (451), in one batch with withdrawals and changes rows; 409 when not live, 404 unknown', async () => {
    const buyer = await newAccount();
    const item = await seedItem();
    await expectError(await call(`/v1/moderation/items/${item.id}/withdraw`, { method: 'POST', key: mod.key, json: { reason: '' } }), 400);
    const res = await call(`/v1/moderation/items/${encodeURIComponent(item.id)}/withdraw`, { method: 'POST', key: mod.key, json: { reason: 'court order' } });
    expect(res.status).toBe(200);
    const { withdrawal } = (await res.json()) as { withdrawal: { id: string; sha256: string; at: string } };
    expect(withdrawal).toMatchObject({ itemId: item.id, sha256: item.sha, reason: 'court order' });
    await expectError(await call(`/v1/items/${item.id}/download`, { key: buyer.key }), 451, 'withdrawn');
    expect(await env.DB.prepare('SELECT * FROM withdrawals WHERE id = ?').bind(withdrawal.id).first()).toMatchObject({ item_id: item.id, by: 'moderator', at: withdrawal.at });
    expect(await env.DB.prepare('SELECT * FROM changes WHERE item_id = ?').bind(item.id).first()).toMatchObject({ kind: 'withdrawn', code: 'optout.withdrawn', sha256: item.sha, detail: 'withdrawn by a moderator', by: mod.id, at: withdrawal.at });
    await expectError(await call(`/v1/moderation/items/${item.id}/withdraw`, { method: 'POST', key: mod.key, json: { reason: 'again' } }), 409, 'not_live');
    await expectError(await call('/v1/moderation/items/nope/withdraw', { method: 'POST', key: mod.key, json: { reason: 'x' } }), 404);
  });

  it('the flag path writes the changes row too', async () => {
    const item = await seedItem();
    const f = await call('/v1/flags', { method: 'POST', json: { itemId: item.id, reason: 'privacy' }, headers: { 'CF-Connecting-IP': uid('ip') } });
    const { id } = (await f.json()) as { id: string };
    expect((await call(`/v1/moderation/flags/${id}/decision`, { method: 'POST', key: mod.key, json: { action: 'withdraw', note: 'face' } })).status).toBe(200);
    expect(await env.DB.prepare('SELECT * FROM changes WHERE item_id = ?').bind(item.id).first()).toMatchObject({ kind: 'withdrawn', code: 'optout.withdrawn', detail: 'withdrawn by a moderator after a report (privacy)', by: mod.id });
  });
});
