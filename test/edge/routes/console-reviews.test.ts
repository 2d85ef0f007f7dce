// The console's review queue and decisions: filters and paging, the evidence beside the original record, approve/reject
// validation, the approval's changes row, deciding twice or a superseded review (409), the private thumbnail.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleCall, get, reviewRow, seedReview, signIn, type Browser } from '../console-helpers.js';
import { newAccount, uid } from '../helpers.js';

let mod: Browser;
let modId: string;
beforeAll(async () => {
  const acct = await newAccount('payg', [{ role: 'moderator' }]);
  modId = acct.id;
  mod = await signIn(acct.key);
});

const rowIds = (page: string): string[] => [...page.matchAll(/href="\/console\/reviews\/(rev_[0-9a-f]+)"/g)].map((m) => m[1]!);
const decide = (id: string, form: Record<string, string>, b = mod) => consoleCall(`/console/reviews/${id}/decision`, b, { form });

describe('review queue', () => {
  it('lists open reviews oldest first with thumbnail, title, source and main reason; filters by reason and source; pages', async () => {
    const source = uid('src').toLowerCase();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const seeded = [];
    for (let i = 0; i < 55; i++) {
      seeded.push(await seedReview({ source, mainCode: i % 5 === 0 ? 'licence.pd-unmarked' : 'licence.third-party-assertion', createdAt: new Date(t0 + i * 1000).toISOString(), withThumb: i !== 1 }));
    }
    await seedReview({ source, status: 'approved', createdAt: new Date(t0 - 1000).toISOString() });
    await seedReview({ source: `${source}-other`, createdAt: new Date(t0 - 2000).toISOString() });

    const first = await consoleCall(`/console/?source=${source}`, mod);
    expect(first.status).toBe(200);
    const page1 = await first.text();
    expect(rowIds(page1)).toEqual(seeded.slice(0, 50).map((s) => s.id));
    expect(page1).toContain(`<img class="thumb" src="/console/reviews/${seeded[0]!.id}/thumb"`);
    expect(page1).toContain('no image'); // the one without a thumbnail
    expect(page1).toContain(seeded[0]!.title);
    expect(page1).toContain(`Source: ${source}`);
    expect(page1).toContain('licence.pd-unmarked');
    const next = /<a href="([^"]+)" rel="next">/.exec(page1)![1]!.replace(/&amp;/g, '&');
    expect(next).toContain(`source=${source}`);
    const page2 = await (await consoleCall(next, mod)).text();
    expect(rowIds(page2)).toEqual(seeded.slice(50).map((s) => s.id));
    expect(page2).not.toContain('rel="next"');
    expect(page2).toContain('First page');

    const byCode = await (await consoleCall(`/console/?source=${source}&code=licence.pd-unmarked`, mod)).text();
    expect(rowIds(byCode)).toEqual(seeded.filter((_, i) => i % 5 === 0).map((s) => s.id));
    expect(byCode).toMatch(/<option value="licence.pd-unmarked" selected>licence.pd-unmarked \(\d+\)<\/option>/);
    const none = await (await consoleCall('/console/?code=licence.nothing-like-this', mod)).text();
    expect(rowIds(none)).toEqual([]);
    expect(none).toContain('No open review matches these filters.');
    expect((await consoleCall('/console/?cursor=%%%', mod)).status).toBe(400);
  });

  it('shows a review: every reason with its detail, the licence exactly as stated, who asserted it, links, provenance, the original record', async () => {
    const r = await seedReview({
      reasons: [
        { code: 'licence.conflict', detail: 'the page says CC0, the EXIF says © 1987' },
        { code: 'licence.third-party-assertion', detail: 'uploaded by a third party' },
      ],
    });
    const res = await consoleCall(`/console/reviews/${r.id}`, mod);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<span class="code">licence.conflict</span>: the page says CC0, the EXIF says © 1987');
    expect(page).toContain('<span class="code">licence.third-party-assertion</span>: uploaded by a third party');
    expect(page).toMatch(/<dt>Licence as stated<\/dt><dd><span class="code">CC0<\/span><\/dd>/);
    expect(page).toMatch(/<dt>Asserted by<\/dt><dd>third-party<\/dd>/);
    expect(page).toContain(`<a href="https://commons.wikimedia.org/wiki/File:${encodeURIComponent(r.itemId)}.jpg" rel="noopener noreferrer">`);
    expect(page).toContain('<a href="https://upload.wikimedia.org/x.jpg" rel="noopener noreferrer">');
    expect(page).toContain(`<dt>Evidence hash</dt><dd><span class="code">${r.evidenceHash}</span></dd>`);
    expect(page).toContain('The original record');
    expect(page).toContain('&quot;uploader&quot;: &quot;someone&quot;'); // pretty-printed, escaped
    expect(page).toContain('<input type="radio" name="licence" value="cc0-1.0" required>');
    expect(page).toContain('<label for="approve-note">What did you verify? (required)</label>');
    expect((await consoleCall('/console/reviews/rev_nope', mod)).status).toBe(404);
  });

  it('serves the private thumbnail to moderators only, never through /files', async () => {
    const r = await seedReview();
    const res = await consoleCall(`/console/reviews/${r.id}/thumb`, mod);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/webp');
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([82, 73, 70, 70]));
    const pub = await get(`/files/${r.thumbKey}`);
    expect(pub.status).toBe(404);
    await pub.arrayBuffer();
    const none = await seedReview({ withThumb: false });
    expect((await consoleCall(`/console/reviews/${none.id}/thumb`, mod)).status).toBe(404);
  });
});

describe('deciding a review in the console', () => {
  it('refuses an approval without a note or a licence, or with a blank note, keeping what was typed', async () => {
    const r = await seedReview();
    const noNote = await decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: '   ' });
    expect(noNote.status).toBe(400);
    const page = await noNote.text();
    expect(page).toContain('a note is required: say what you verified');
    expect(page).toContain('<input type="radio" name="licence" value="cc0-1.0" required checked');
    const noLicence = await decide(r.id, { action: 'approve', note: 'checked the museum page' });
    expect(noLicence.status).toBe(400);
    const page2 = await noLicence.text();
    expect(page2).toContain('choose the licence to approve it as');
    expect(page2).toContain('>checked the museum page</textarea>');
    expect((await decide(r.id, { action: 'approve', licence: 'cc-by-4.0', note: 'x' })).status).toBe(400);
    expect((await decide(r.id, { action: 'reject' })).status).toBe(400);
    expect((await decide(r.id, { action: 'delete', note: 'x' })).status).toBe(400);
    expect((await reviewRow(r.id))?.status).toBe('open');
  });

  it('approves as CC0 or PDM: the row records who, when, the note; a changes row feeds /v1/changes; twice is a 409', async () => {
    const r = await seedReview();
    const res = await decide(r.id, { action: 'approve', licence: 'pdm-1.0', note: 'Creator died 1890; museum page confirms PD' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/console/reviews/${r.id}?done`);
    const row = await reviewRow(r.id);
    expect(row).toMatchObject({ status: 'approved', decided_licence: 'pdm-1.0', decided_by: modId, note: 'Creator died 1890; museum page confirms PD' });
    expect(Date.now() - Date.parse(row!.decided_at!)).toBeLessThan(60_000);
    const changes = await env.DB.prepare('SELECT * FROM changes WHERE item_id = ?').bind(r.itemId).all<Record<string, string>>();
    expect(changes.results).toHaveLength(1);
    expect(changes.results[0]).toMatchObject({ kind: 'approved', code: 'licence.moderator-approved', sha256: r.sha, by: modId, at: row!.decided_at });

    const after = await (await consoleCall(`/console/reviews/${r.id}?done`, mod)).text();
    expect(after).toContain('Approved as Public Domain Mark 1.0');
    expect(after).not.toContain('data-testid="approve-form"');

    const again = await decide(r.id, { action: 'reject', note: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already decided (approved');
    expect(await reviewRow(r.id)).toMatchObject({ status: 'approved', note: 'Creator died 1890; museum page confirms PD' });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM changes WHERE item_id = ?').bind(r.itemId).first<{ n: number }>())?.n).toBe(1);
    // the queue no longer lists it
    expect(rowIds(await (await consoleCall(`/console/?source=wikimedia`, mod)).text())).not.toContain(r.id);
  });

  it('rejects with a note (no changes row: the item was never in the catalogue)', async () => {
    const r = await seedReview();
    expect((await decide(r.id, { action: 'reject', note: 'Flickr account is a known re-uploader', licence: 'cc0-1.0' })).status).toBe(303);
    expect(await reviewRow(r.id)).toMatchObject({ status: 'rejected', decided_licence: null, decided_by: modId, note: 'Flickr account is a known re-uploader' });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM changes WHERE item_id = ?').bind(r.itemId).first<{ n: number }>())?.n).toBe(0);
  });

  it('refuses to approve a review superseded by a changed record (409, pointing at the open one)', async () => {
    const itemId = `wikimedia:${uid('s')}`;
    const old = await seedReview({ itemId, status: 'superseded' });
    const current = await seedReview({ itemId });
    const res = await decide(old.id, { action: 'approve', licence: 'cc0-1.0', note: 'looked fine' });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('review superseded');
    expect(page).toContain(`/console/reviews/${current.id}`);
    expect((await reviewRow(old.id))?.status).toBe('superseded');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM changes WHERE item_id = ?').bind(itemId).first<{ n: number }>())?.n).toBe(0);
    // the superseded review's page says so and offers no form
    const view = await (await consoleCall(`/console/reviews/${old.id}`, mod)).text();
    expect(view).toContain('Superseded');
    expect(view).not.toContain('data-testid="approve-form"');
  });

  it('two moderators deciding at once: exactly one decision lands', async () => {
    const r = await seedReview();
    const other = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    const [a, b] = await Promise.all([
      decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: 'a' }),
      decide(r.id, { action: 'approve', licence: 'cc0-1.0', note: 'b' }, other),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM changes WHERE item_id = ?').bind(r.itemId).first<{ n: number }>())?.n).toBe(1);
  });
});
