// The rights holder's dashboard (#21) through HTTP: sign-up, ownership by a moderator's review, submissions (type, size
// and pixel checks by the bytes), prices and withdrawals of one's own works only, revocation, CSRF and session misuse.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consoleCall, get, signIn } from '../console-helpers.js';
import { call, expectError, newAccount, seedItem } from '../helpers.js';
import { jpegBytes, pngBytes, signUp, tiffBytes, uploadForm, verifyByReview, webpBytes, type Holder } from '../holder-helpers.js';

const png = (w = 640, h = 480) => new Blob([pngBytes(w, h)], { type: 'image/png' });
const home = async (h: Holder) => (await consoleCall('/holder/', h)).text();

async function verified(): Promise<Holder> {
  const h = await signUp();
  await verifyByReview(h);
  return h;
}

const submissionOf = (itemId: string) => env.DB.prepare('SELECT * FROM submissions WHERE item_id = ?').bind(itemId).first<{ id: string; incoming_key: string; price_micros: number; status: string; holder_id: string }>();
const itemIdIn = (page: string): string[] => [...page.matchAll(/data-item-id="([^"]+)"/g)].map((m) => m[1]!);

describe('sign-up and verification', () => {
  it('signs a new holder in at once, pending, with a key shown once that signs in again', async () => {
    const h = await signUp('Ada Orchard');
    expect(h.holderId).toMatch(/^ada-orchard-[a-z0-9x]{5,6}$/);
    const page = await home(h);
    expect(page).toContain('data-testid="holder-status">pending<');
    expect(page).not.toContain('data-testid="upload-form"');
    const row = await env.DB.prepare('SELECT status FROM holders WHERE id = ?').bind(h.holderId).first<{ status: string }>();
    expect(row?.status).toBe('pending');
    const again = await signIn(h.key);
    expect((await consoleCall('/holder/', again)).status).toBe(200);
  });

  it('refuses a sign-up without the pre-session token, or from another site', async () => {
    const noToken = await get('/holder/sign-up', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://edge.test', 'Sec-Fetch-Site': 'same-origin' }, body: 'email=a%40example.org&name=A' });
    expect(noToken.status).toBe(403);
    const cross = await get('/holder/sign-up', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }, body: 'email=a%40example.org&name=A' });
    expect(cross.status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM accounts WHERE email = 'a@example.org'").first<{ n: number }>()).toEqual({ n: 0 });
  });

  it('a moderator verifies a review claim with a note; the holder can then submit', async () => {
    const h = await verified();
    const page = await home(h);
    expect(page).toContain('data-testid="holder-status">verified<');
    expect(page).toContain('Checked the portfolio');
    expect(page).toContain('data-testid="upload-form"');
  });

  it('a domain that is not public, or http, is refused before any fetch under the deployed settings', async () => {
    const h = await signUp();
    for (const domain of ['127.0.0.1', 'localhost', 'intranet.local', '10.0.0.1', 'http://example.org', 'example.org:8080']) {
      const res = await consoleCall('/holder/claims', h, { form: { method: 'domain', subject: domain } });
      expect(res.status, domain).toBe(400);
    }
    const ok = await consoleCall('/holder/claims', h, { form: { method: 'domain', subject: 'Example.ORG' } });
    expect(ok.status).toBe(303);
    const page = await home(h);
    expect(page).toContain('https://example.org/.well-known/clearance-verification.txt');
    expect(page).toMatch(/clearance-verification=[A-Za-z0-9_-]{32}/);
  });

  it('only moderators decide claims, and a decided claim cannot be decided again', async () => {
    const h = await signUp();
    expect((await consoleCall('/holder/claims', h, { form: { method: 'review', subject: 'mine' } })).status).toBe(303);
    const mod = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    const list = await (await consoleCall('/console/holders', mod)).text();
    const claimId = /action="\/console\/claims\/([^/"]+)\/decision"/.exec(list.slice(list.indexOf(h.holderId)))![1]!;
    // the holder cannot decide their own claim
    expect((await consoleCall(`/console/claims/${claimId}/decision`, h, { form: { action: 'verify', note: 'trust me' } })).status).toBe(403);
    expect((await consoleCall(`/console/claims/${claimId}/decision`, mod, { form: { action: 'verify', note: '' } })).status).toBe(400);
    expect((await consoleCall(`/console/claims/${claimId}/decision`, mod, { form: { action: 'reject', note: 'No evidence.' } })).status).toBe(303);
    expect((await consoleCall(`/console/claims/${claimId}/decision`, mod, { form: { action: 'verify', note: 'changed my mind' } })).status).toBe(409);
    expect(await home(h)).toContain('data-testid="holder-status">pending<');
  });
});

describe('submitting works', () => {
  it('unverified (pending) and revoked holders cannot submit, in the browser or the API', async () => {
    const pending = await signUp();
    const res = await uploadForm(pending, png());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('prove ownership first');
    const api = new FormData();
    for (const [k, v] of Object.entries({ title: 't', creator: 'c', priceMicros: '1', generativeTraining: 'yes' })) api.set(k, v);
    api.set('file', png(), 'a.png');
    await expectError(await call('/v1/holder/works', { method: 'POST', key: pending.key, body: api }), 403, 'holder_not_verified');

    const h = await verified();
    const mod = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    expect((await consoleCall(`/console/holders/${h.holderId}/status`, mod, { form: { status: 'revoked', note: 'Works found to be someone else’s.' } })).status).toBe(303);
    const refused = await uploadForm(h, png());
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('revoked');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM submissions WHERE holder_id = ?').bind(h.holderId).first<{ n: number }>())?.n).toBe(0);
  });

  it('takes JPEG, PNG, WebP and TIFF by their bytes, stores them under incoming/ and lists them pending', async () => {
    const h = await verified();
    const files: [Uint8Array, string, string][] = [[jpegBytes(800, 600), 'image/jpeg', 'jpeg'], [pngBytes(640, 480), 'image/png', 'png'], [webpBytes(300, 200), 'image/webp', 'webp'], [tiffBytes(1000, 700), 'image/tiff', 'tiff']];
    for (const [bytes, type] of files) expect((await uploadForm(h, new Blob([bytes], { type }), { title: `A ${type}` })).status).toBe(303);
    const page = await home(h);
    const ids = itemIdIn(page);
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      const sub = (await submissionOf(id))!;
      expect(sub.incoming_key).toMatch(/^incoming\/[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp|tif)$/);
      expect(await env.FILES.head(sub.incoming_key)).not.toBeNull();
      // never public: /files serves thumbnails and previews only
      expect((await call(`/files/${sub.incoming_key}`)).status).toBeGreaterThanOrEqual(400);
    }
    expect([...page.matchAll(/data-testid="work-status">pending</g)]).toHaveLength(4);
    const sizes = await env.DB.prepare('SELECT format, width, height FROM submissions WHERE holder_id = ? ORDER BY format').bind(h.holderId).all<{ format: string; width: number; height: number }>();
    expect(sizes.results).toEqual([{ format: 'jpeg', width: 800, height: 600 }, { format: 'png', width: 640, height: 480 }, { format: 'tiff', width: 1000, height: 700 }, { format: 'webp', width: 300, height: 200 }]);
  });

  it('refuses files that are not images, lie about their type, are too large, too many pixels or too small', async () => {
    const h = await verified();
    const text = await uploadForm(h, new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/png' }));
    expect(text.status).toBe(415);
    const lying = await uploadForm(h, new Blob([pngBytes(640, 480)], { type: 'image/jpeg' }), {}, { fileName: 'work.jpg' });
    expect(lying.status).toBe(415);
    expect(await lying.text()).toContain('image/png');
    expect((await uploadForm(h, png(20_000, 20_000))).status).toBe(413);
    expect((await uploadForm(h, png(40, 400))).status).toBe(400);
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set(pngBytes(640, 480, 0));
    expect((await uploadForm(h, new Blob([big], { type: 'image/png' }))).status).toBe(413);
    expect((await uploadForm(h, png(), { priceMicros: '1000000001' })).status).toBe(400);
    expect((await uploadForm(h, png(), { generativeTraining: 'maybe' })).status).toBe(400);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM submissions WHERE holder_id = ?').bind(h.holderId).first<{ n: number }>())?.n).toBe(0);
  });

  it('the API takes the same multipart upload with the holder’s key', async () => {
    const h = await verified();
    const fd = new FormData();
    for (const [k, v] of Object.entries({ title: 'API work', creator: 'Me', priceMicros: '5000', generativeTraining: 'no' })) fd.set(k, v);
    fd.set('file', png(1024, 768), 'x.png');
    const res = await call('/v1/holder/works', { method: 'POST', key: h.key, body: fd });
    expect(res.status).toBe(201);
    const { work } = (await res.json()) as { work: { itemId: string; width: number } };
    expect(work.width).toBe(1024);
    const list = (await (await call('/v1/holder/works', { key: h.key })).json()) as { works: { itemId: string; status: string; generativeTraining: boolean }[] };
    expect(list.works).toEqual([expect.objectContaining({ itemId: work.itemId, status: 'pending', generativeTraining: false })]);
  });
});

describe('one’s own works only', () => {
  it('a holder cannot price or withdraw another holder’s work, nor a PD item', async () => {
    const a = await verified();
    const b = await verified();
    expect((await uploadForm(a, png())).status).toBe(303);
    const [itemId] = itemIdIn(await home(a));
    const sub = (await submissionOf(itemId!))!;
    expect((await consoleCall(`/holder/works/${sub.id}/price`, b, { form: { priceMicros: '1' } })).status).toBe(404);
    expect((await consoleCall(`/holder/works/${sub.id}/withdraw`, b, { form: { reason: 'mine now' } })).status).toBe(404);
    await expectError(await call(`/v1/holder/works/${sub.id}/price`, { method: 'PUT', key: b.key, json: { priceMicros: 1 } }), 404);
    await expectError(await call(`/v1/holder/works/${sub.id}/withdraw`, { method: 'POST', key: b.key, json: { reason: 'x' } }), 404);
    expect((await submissionOf(itemId!))).toMatchObject({ price_micros: 250000, status: 'submitted' });

    const pd = await seedItem({ licence: 'pdm-1.0' });
    const other = await seedItem({ rightsHolder: a.holderId, priceMicros: 7 });
    await expectError(await call(`/v1/rightsholder/items/${encodeURIComponent(pd.id)}/price`, { method: 'PUT', key: b.key, json: { priceMicros: 5 } }), 403);
    await expectError(await call(`/v1/rightsholder/items/${encodeURIComponent(other.id)}/price`, { method: 'PUT', key: b.key, json: { priceMicros: 5 } }), 403);
    expect((await consoleCall(`/holder/works/${encodeURIComponent(pd.id)}/withdraw`, b, { form: { reason: 'x' } })).status).toBe(404);
    const items = await env.DB.prepare('SELECT id, status, price_micros FROM items WHERE id IN (?, ?) ORDER BY id').bind(pd.id, other.id).all();
    expect(items.results).toEqual(expect.arrayContaining([{ id: pd.id, status: 'live', price_micros: 0 }, { id: other.id, status: 'live', price_micros: 7 }]));
  });

  it('the owner prices and withdraws a published work: 451 at once, in the change feed', async () => {
    const h = await verified();
    expect((await uploadForm(h, png())).status).toBe(303);
    const [itemId] = itemIdIn(await home(h));
    const sub = (await submissionOf(itemId!))!;
    // as publish would write it after a release accepted it
    await seedItem({ id: itemId!, rightsHolder: h.holderId, priceMicros: 250000 });
    expect(await home(h)).toContain('data-testid="work-status">accepted<');
    expect((await consoleCall(`/holder/works/${sub.id}/price`, h, { form: { priceMicros: '300000' } })).status).toBe(303);
    expect(await env.DB.prepare('SELECT price_micros, price_source FROM items WHERE id = ?').bind(itemId).first()).toEqual({ price_micros: 300000, price_source: 'rightsholder' });
    const buyer = await newAccount();
    expect((await call(`/v1/items/${encodeURIComponent(itemId!)}/download`, { key: buyer.key })).status).toBe(200);
    expect((await consoleCall(`/holder/works/${sub.id}/withdraw`, h, { form: { reason: 'Sold the rights.' } })).status).toBe(303);
    expect((await call(`/v1/items/${encodeURIComponent(itemId!)}/download`, { key: buyer.key })).status).toBe(451);
    const feed = (await (await call('/v1/changes')).json()) as { changes: { itemId: string; kind: string; code: string; detail: string }[] };
    expect(feed.changes).toContainEqual(expect.objectContaining({ itemId, kind: 'withdrawn', code: 'optout.withdrawn', detail: 'withdrawn by its rights holder' }));
    expect(await home(h)).toContain('data-testid="work-status">withdrawn<');
  });
});

describe('status and reasons', () => {
  it('shows what the release decided (rejected, held) with its reasons, and a moderator’s hold', async () => {
    const h = await verified();
    for (const t of ['Unreadable', 'Copied', 'Waiting']) expect((await uploadForm(h, png(), { title: t })).status).toBe(303);
    const page = await home(h);
    const id = (title: string) => new RegExp(`data-item-id="([^"]+)">\\s*<td data-label="Work"><strong>${title}<`).exec(page)![1]!;
    // as clearance publish writes them
    const decide = (itemId: string, status: string, code: string, detail: string) =>
      env.DB.prepare('UPDATE submissions SET release_status = ?, release_reasons = ?, release_name = ? WHERE item_id = ?').bind(status, JSON.stringify([{ code, detail }]), '2026-12', itemId).run();
    await decide(id('Unreadable'), 'rejected', 'image.unreadable', 'truncated PNG');
    await decide(id('Copied'), 'review', 'licence.conflict', 'opt-in submission is an exact copy of an earlier item: same bytes as museum:pear-1');
    const after = await home(h);
    const row = (title: string) => after.slice(after.indexOf(`<strong>${title}<`), after.indexOf('</tr>', after.indexOf(`<strong>${title}<`)));
    expect(row('Unreadable')).toContain('data-testid="work-status">rejected<');
    expect(row('Unreadable')).toContain('image.unreadable: truncated PNG (release 2026-12)');
    expect(row('Copied')).toContain('data-testid="work-status">held<');
    expect(row('Copied')).toContain('museum:pear-1');
    expect(row('Waiting')).toContain('data-testid="work-status">pending<');
  });
});

describe('terms on download', () => {
  it('refuses a declared generative use of a work whose holder said no, charging nothing', async () => {
    const h = await verified();
    expect((await uploadForm(h, png(), { generativeTraining: 'no' })).status).toBe(303);
    const [itemId] = itemIdIn(await home(h));
    await seedItem({ id: itemId!, rightsHolder: h.holderId, priceMicros: 100 });
    const detail = (await (await call(`/v1/items/${encodeURIComponent(itemId!)}`)).json()) as { terms: unknown };
    expect(detail.terms).toEqual({ generativeTraining: false });
    const pd = await seedItem();
    expect(((await (await call(`/v1/items/${encodeURIComponent(pd.id)}`)).json()) as { terms: unknown }).terms).toBeNull();
    const buyer = await newAccount();
    const path = `/v1/items/${encodeURIComponent(itemId!)}/download`;
    await expectError(await call(`${path}?use=generative-training`, { key: buyer.key }), 403, 'terms_refused');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM downloads WHERE account_id = ?').bind(buyer.id).first<{ n: number }>())?.n).toBe(0);
    expect((await call(`${path}?use=other-training`, { key: buyer.key })).status).toBe(200);
    await expectError(await call(`${path}?use=anything`, { key: buyer.key }), 400);
  });
});

describe('statement and audit', () => {
  it('shows downloads and earnings with customers as per-holder pseudonyms, and as CSV', async () => {
    const h = await verified();
    const other = await verified();
    const item = await seedItem({ rightsHolder: h.holderId, priceMicros: 250000 });
    const item2 = await seedItem({ rightsHolder: other.holderId, priceMicros: 1000 });
    const buyer = await newAccount();
    for (const i of [item, item2]) expect((await call(`/v1/items/${encodeURIComponent(i.id)}/download`, { key: buyer.key })).status).toBe(200);
    const page = await (await consoleCall('/holder/statement', h)).text();
    expect(page).toContain('data-testid="statement-downloads">1<');
    expect(page).toContain('data-testid="statement-earnings">$0.25<');
    expect(page).not.toContain(buyer.id);
    const mine = /customer-([0-9a-f]{12})/.exec(page)![0];
    const theirs = /customer-([0-9a-f]{12})/.exec(await (await consoleCall('/holder/statement', other)).text())![0];
    expect(mine).not.toBe(theirs);
    const csv = await consoleCall('/holder/audit.csv', h);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('at,itemId,customer,priceMicros');
    expect(lines.slice(1)).toEqual([expect.stringContaining(`,${item.id},${mine},250000`)]);
    expect((await consoleCall('/holder/statement?month=2026-13', h)).status).toBe(400);
  });
});

describe('CSRF and session misuse', () => {
  it('refuses writes without the token, with another session’s token, cross-site, or signed out', async () => {
    const h = await verified();
    const other = await signUp();
    expect((await uploadForm(h, png(), {}, { csrf: null })).status).toBe(403);
    expect((await uploadForm(h, png(), {}, { csrf: other.csrf })).status).toBe(403);
    expect((await uploadForm(h, png(), {}, { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await uploadForm(null, png(), {}, { csrf: h.csrf })).status).toBe(401);
    expect((await consoleCall('/holder/claims', h, { form: { method: 'review', subject: 'x' }, csrf: null })).status).toBe(403);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM submissions WHERE holder_id = ?').bind(h.holderId).first<{ n: number }>())?.n).toBe(0);
  });

  it('signed out → sign-in; a forged or revoked session is signed out; a customer account is not a holder', async () => {
    const res = await get('/holder/');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/console/sign-in?next=%2Fholder%2F');
    expect((await get('/holder/', { headers: { Cookie: `__Host-clr_session=${'A'.repeat(43)}` } })).status).toBe(303);
    const h = await signUp();
    expect((await consoleCall('/console/sign-out', h, { form: {} })).status).toBe(303);
    expect((await consoleCall('/holder/', h)).status).toBe(303);
    const customer = await signIn((await newAccount()).key);
    expect((await consoleCall('/holder/', customer)).status).toBe(403);
    // a holder is not a moderator
    const h2 = await signUp();
    expect((await consoleCall('/console/holders', h2)).status).toBe(403);
  });
});

describe('domain checks', () => {
  it('are limited to 10 per holder per 10 minutes (each is an outbound fetch)', async () => {
    const h = await signUp();
    expect((await consoleCall('/holder/claims', h, { form: { method: 'domain', subject: 'example.org' } })).status).toBe(303);
    const claimId = /action="\/holder\/claims\/([^/"]+)\/check"/.exec(await home(h))![1]!;
    const statuses: number[] = [];
    // example.org is not served here: each check fails (400) until the limit answers 429
    for (let i = 0; i < 11; i++) statuses.push((await consoleCall(`/holder/claims/${claimId}/check`, h, { form: {} })).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
