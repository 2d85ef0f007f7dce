// The console's flags queue, direct withdrawals and decision log; and escaping of hostile data on every page.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleCall, seedReview, signIn, type Browser } from '../console-helpers.js';
import { call, expectError, newAccount, seedItem, uid } from '../helpers.js';

let mod: Browser;
let modId: string;
let modEmail: string;
beforeAll(async () => {
  const acct = await newAccount('payg', [{ role: 'moderator' }]);
  modId = acct.id;
  modEmail = ((await (await call(`/v1/admin/accounts/${acct.id}`, { key: env.ADMIN_TOKEN })).json()) as { account: { email: string } }).account.email;
  mod = await signIn(acct.key);
});

async function flag(itemId: string, note?: string) {
  const res = await call('/v1/flags', { method: 'POST', json: { itemId, reason: 'infringing', note }, headers: { 'CF-Connecting-IP': uid('ip') } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const changesOf = (itemId: string) => env.DB.prepare('SELECT * FROM changes WHERE item_id = ? ORDER BY seq').bind(itemId).all<Record<string, string>>().then((r) => r.results);

describe('flags in the console', () => {
  it('lists open flags with their item, dismisses with a note (required)', async () => {
    const item = await seedItem();
    const id = await flag(item.id, 'looks like my photo');
    const page = await (await consoleCall('/console/flags', mod)).text();
    expect(page).toContain(`Title ${item.id}`);
    expect(page).toContain('item status: live');
    expect(page).toContain('Reporter’s note: looks like my photo');
    expect(page).toContain(`action="/console/flags/${id}/decision"`);
    const noNote = await consoleCall(`/console/flags/${id}/decision`, mod, { form: { action: 'dismiss', note: '' } });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('a note is required');
    const res = await consoleCall(`/console/flags/${id}/decision`, mod, { form: { action: 'dismiss', note: 'not the same photo' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/console/flags?done=dismissed');
    expect(await env.DB.prepare('SELECT status FROM flags WHERE id = ?').bind(id).first()).toEqual({ status: 'dismissed' });
    expect(await changesOf(item.id)).toEqual([]);
    const again = await consoleCall(`/console/flags/${id}/decision`, mod, { form: { action: 'withdraw', note: 'x' } });
    expect(again.status).toBe(409);
  });

  it('withdraws a flagged item: 451 at once, withdrawals and changes rows; a second flag on it closes without a second withdrawal', async () => {
    const buyer = await newAccount();
    const item = await seedItem();
    const first = await flag(item.id);
    const second = await flag(item.id);
    const res = await consoleCall(`/console/flags/${first}/decision`, mod, { form: { action: 'withdraw', note: 'owner wrote in' } });
    expect(res.status).toBe(303);
    await expectError(await call(`/v1/items/${item.id}/download`, { key: buyer.key }), 451, 'withdrawn');
    const changes = await changesOf(item.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'withdrawn', code: 'optout.withdrawn', sha256: item.sha, by: modId, detail: 'withdrawn by a moderator after a report (infringing)' });
    const w = await env.DB.prepare('SELECT * FROM withdrawals WHERE item_id = ?').bind(item.id).all();
    expect(w.results).toHaveLength(1);
    expect(w.results[0]).toMatchObject({ flag_id: first, by: 'moderator', at: changes[0]!.at });

    expect((await consoleCall(`/console/flags/${second}/decision`, mod, { form: { action: 'withdraw', note: 'same item' } })).status).toBe(303);
    expect(await changesOf(item.id)).toHaveLength(1);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM withdrawals WHERE item_id = ?').bind(item.id).first<{ n: number }>())?.n).toBe(1);
    expect(await env.DB.prepare('SELECT status FROM flags WHERE id = ?').bind(second).first()).toEqual({ status: 'withdrawn' });
  });
});

describe('withdrawing a live item directly', () => {
  it('looks the item up, then withdraws it with a reason: downloads answer 451 and a changes row exists', async () => {
    const buyer = await newAccount();
    const item = await seedItem();
    const ok = await call(`/v1/items/${item.id}/download`, { key: buyer.key });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    const look = await (await consoleCall(`/console/withdraw?item=${encodeURIComponent(item.id)}`, mod)).text();
    expect(look).toContain(`Title ${item.id}`);
    expect(look).toContain(`<img class="big" src="/files/${item.thumbKey}"`);
    expect(look).toContain('Withdraw now');
    expect((await consoleCall('/console/withdraw', mod, { form: { itemId: item.id, reason: ' ' } })).status).toBe(400);
    const res = await consoleCall('/console/withdraw', mod, { form: { itemId: item.id, reason: 'rights holder asked by email, ticket 42' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/console/withdraw?withdrawn=${encodeURIComponent(item.id)}`);
    await expectError(await call(`/v1/items/${item.id}/download`, { key: buyer.key }), 451, 'withdrawn');
    expect(await changesOf(item.id)).toEqual([
      expect.objectContaining({ kind: 'withdrawn', code: 'optout.withdrawn', sha256: item.sha, detail: 'withdrawn by a moderator', by: modId }),
    ]);
    const w = await env.DB.prepare('SELECT * FROM withdrawals WHERE item_id = ?').bind(item.id).first();
    expect(w).toMatchObject({ sha256: item.sha, by: 'moderator', flag_id: null, reason: 'rights holder asked by email, ticket 42' });
    expect(await env.DB.prepare('SELECT status, withdrawn_by FROM items WHERE id = ?').bind(item.id).first()).toEqual({ status: 'withdrawn', withdrawn_by: 'moderator' });

    const twice = await consoleCall('/console/withdraw', mod, { form: { itemId: item.id, reason: 'again' } });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('not live');
    expect(await changesOf(item.id)).toHaveLength(1);
    const unknown = await consoleCall('/console/withdraw', mod, { form: { itemId: 'nope:nothing', reason: 'x' } });
    expect(unknown.status).toBe(404);
    expect(await (await consoleCall('/console/withdraw?item=nope:nothing', mod)).text()).toContain('No item with the id nope:nothing');
  });
});

describe('decision log', () => {
  it('lists reviews decided, flag decisions and direct withdrawals, newest first, with who and the note; pages', async () => {
    const r = await seedReview();
    await consoleCall(`/console/reviews/${r.id}/decision`, mod, { form: { action: 'approve', licence: 'cc0-1.0', note: 'log-approve' } });
    const item = await seedItem();
    await consoleCall('/console/withdraw', mod, { form: { itemId: item.id, reason: 'log-withdraw' } });
    const res = await consoleCall('/console/log', mod);
    expect(res.status).toBe(200);
    const page = await res.text();
    const withdrawAt = page.indexOf('log-withdraw');
    const approveAt = page.indexOf('log-approve');
    expect(withdrawAt).toBeGreaterThan(0);
    expect(approveAt).toBeGreaterThan(withdrawAt); // newest first
    expect(page).toContain('Approved as CC0 1.0');
    expect(page).toContain(modEmail);

    const api = (await (await call('/v1/moderation/log?limit=1', { key: (await newAccount('payg', [{ role: 'moderator' }])).key })).json()) as {
      entries: { kind: string; note: string; by: string }[]; before: string;
    };
    expect(api.entries[0]).toMatchObject({ kind: 'withdrawal', note: 'log-withdraw', by: modId });
    expect(api.before).toBeTruthy();
    const older = await (await consoleCall(`/console/log?before=${encodeURIComponent(api.before)}`, mod)).text();
    expect(older.indexOf('log-withdraw')).toBe(-1);
    expect(older).toContain('log-approve');
    expect((await consoleCall('/console/log?before=junk', mod)).status).toBe(400);
  });
});

describe('hostile data', () => {
  const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>'"&`;
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&quot;&amp;';

  it('is escaped on every console page, and only http(s) URLs become links', async () => {
    const source = uid('src').toLowerCase();
    const r = await seedReview({
      source,
      title: evil,
      mainCode: `licence.${evil}`,
      evidence: {
        title: evil, creator: evil, sourceUrl: 'javascript:alert(1)', statement: { licence: evil, assertedBy: evil },
        provenance: { imageUrl: `https://example.org/"><script>alert(2)</script>`, foreignId: evil, adapter: evil }, original: { title: evil, [evil]: evil },
      },
    });
    const item = await seedItem();
    await env.DB.prepare('UPDATE items SET title = ? WHERE id = ?').bind(evil, item.id).run();
    await flag(item.id, evil);
    const other = await seedReview({ title: evil });
    await consoleCall(`/console/reviews/${other.id}/decision`, mod, { form: { action: 'reject', note: evil } });
    const pages = [
      `/console/?source=${source}`,
      `/console/reviews/${r.id}`,
      `/console/reviews/${other.id}`,
      '/console/flags',
      `/console/withdraw?item=${encodeURIComponent(item.id)}`,
      `/console/withdraw?item=${encodeURIComponent(evil)}`,
      '/console/log',
    ];
    for (const path of pages) {
      const page = await (await consoleCall(path, mod)).text();
      expect(page, path).not.toContain('<script>');
      expect(page, path).not.toContain('<img src=x');
      expect(page, path).toContain(escaped.slice(0, 40));
    }
    const review = await (await consoleCall(`/console/reviews/${r.id}`, mod)).text();
    expect(review).not.toContain('href="javascript:');
    expect(review).toContain('<span class="code">javascript:alert(1)</span>');
    expect(review).toContain('href="https://example.org/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" rel="noopener noreferrer"');
    // a 400 page that repeats typed input escapes it too
    const refused = await consoleCall(`/console/reviews/${r.id}/decision`, mod, { form: { action: 'approve', note: evil } });
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).not.toContain('<script>');
    expect(body).toContain(escaped.slice(0, 40));
  });
});
