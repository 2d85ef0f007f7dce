// Console sessions: sign-in sets a hashed, HttpOnly/Secure/SameSite=Strict session; sign-out, expiry, revocation,
// forged cookies end it; sign-in itself is protected against login CSRF, cross-site posts and guessing.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../edge/src/services/crypto.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../../edge/src/services/sessions.js';
import { consoleCall, get, hidden, postSignIn, setCookieLine, setCookieValue, signIn, signInForm } from '../console-helpers.js';
import { call, newAccount, uid } from '../helpers.js';

const SESSION = '__Host-clr_session';
const sessionRow = async (id: string) => env.DB.prepare('SELECT * FROM sessions WHERE id_hash = ?').bind(await sha256Hex(id)).first<Record<string, string | null>>();

describe('console sign-in', () => {
  it('sets an opaque session cookie with HttpOnly, Secure, SameSite=Strict, Path=/ and stores only its SHA-256', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const res = await postSignIn(mod.key);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/console/');
    const line = setCookieLine(res, SESSION)!;
    expect(line).toBeTruthy();
    const attrs = line.split(';').map((s) => s.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']));
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    const id = setCookieValue(res, SESSION)!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(id).not.toContain(mod.key.slice(4));
    // the pre-session token cookie is cleared
    expect(setCookieLine(res, '__Host-clr_signin')).toMatch(/Max-Age=0/);

    const row = await sessionRow(id);
    expect(row).toMatchObject({ account_id: mod.id, revoked_at: null });
    const dump = JSON.stringify(await env.DB.prepare('SELECT * FROM sessions').all());
    expect(dump).not.toContain(id);
    expect(dump).not.toContain(mod.key);
    expect(Date.parse(row!.expires_at!) - Date.parse(row!.created_at!)).toBe(SESSION_MAX_MS);

    const page = await consoleCall('/console/', { cookie: `${SESSION}=${id}`, id, csrf: '' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Review queue');
    expect(hidden(html, 'csrf')).toBe(row!.csrf);
  });

  it('sends people who are signed out to sign-in (303 for pages, 401 for writes) and back where they were going', async () => {
    const res = await get('/console/flags?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/console/sign-in?next=%2Fconsole%2Fflags%3Fx%3D1');
    const write = await consoleCall('/console/withdraw', null, { form: { itemId: 'a', reason: 'b' }, csrf: 'x' });
    expect(write.status).toBe(401);
    expect(write.headers.get('Content-Type')).toContain('text/html');

    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const back = await postSignIn(mod.key, { next: '/console/flags?x=1' });
    expect(back.headers.get('Location')).toBe('/console/flags?x=1');
    for (const evil of ['https://evil.example/', '//evil.example/console/', '/console/\\evil', '/v1/keys']) {
      const r = await postSignIn(mod.key, { next: evil });
      expect(r.headers.get('Location')).toBe('/console/');
    }
    expect((await get('/console')).headers.get('Location')).toBe('/console/');
  });

  it('refuses a sign-in without the pre-session token, with a wrong one, or from another site', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const form = await signInForm();
    const noCookie = await postSignIn(mod.key, { token: form.token, cookie: '' });
    expect(noCookie.status).toBe(403);
    expect(setCookieValue(noCookie, SESSION)).toBeUndefined();
    const wrong = await postSignIn(mod.key, { token: 'A'.repeat(43), cookie: form.cookie });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('expired or did not come from this page');
    const crossSite: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null', 'Sec-Fetch-Site': '' }, { Origin: 'http://edge.test.evil.example', 'Sec-Fetch-Site': '' }];
    for (const headers of crossSite) {
      const cross = await postSignIn(mod.key, { headers });
      expect(cross.status).toBe(403);
      expect(setCookieValue(cross, SESSION)).toBeUndefined();
    }
    const n = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE account_id = ?').bind(mod.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
    // what browsers send for their own form: Sec-Fetch-Site same-origin (and an Origin, or `null` under no-referrer)
    expect((await postSignIn(mod.key, { headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(303);
    expect((await postSignIn(mod.key, { headers: { Origin: '', 'Sec-Fetch-Site': '' } })).status).toBe(303); // neither: not a browser
  });

  it('says plainly when a key is wrong or revoked, and rate-limits attempts per client', async () => {
    const ip = uid('ip');
    const bad = await postSignIn(`clr_${'x'.repeat(43)}`, { ip });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('That key is not valid');
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const keys = (await (await call('/v1/keys', { key: mod.key })).json()) as { keys: { id: string }[] };
    await call(`/v1/keys/${keys.keys[0]!.id}`, { method: 'DELETE', key: mod.key });
    const revoked = await postSignIn(mod.key, { ip });
    expect(revoked.status).toBe(401);
    expect(await revoked.text()).toContain('revoked');
    let last = 0;
    for (let i = 0; i < 10; i++) last = (await postSignIn(`clr_${'y'.repeat(43)}`, { ip })).status;
    expect(last).toBe(429);
    const limited = await postSignIn(`clr_${'y'.repeat(43)}`, { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(limited.headers.get('Content-Type')).toContain('text/html');
  });

  it('gives non-moderators a clear 403 page that still lets them sign out', async () => {
    const customer = await newAccount();
    const b = await signIn(customer.key);
    const res = await consoleCall('/console/', b);
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('does not have the moderator role');
    expect(page).toContain('Sign out');
    const out = await consoleCall('/console/sign-out', b, { form: {} });
    expect(out.status).toBe(303);
    expect((await sessionRow(b.id))?.revoked_at).toBeTruthy();
  });

  it('a signed-in person visiting the sign-in page goes straight to the console; signing in again replaces the session', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const b = await signIn(mod.key);
    const res = await consoleCall('/console/sign-in', b);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/console/');
    const form = await signInForm();
    const again = await postSignIn(mod.key, { token: form.token, cookie: `${form.cookie}; ${b.cookie}` });
    expect(again.status).toBe(303);
    expect(setCookieValue(again, SESSION)).not.toBe(b.id);
    expect((await sessionRow(b.id))?.revoked_at).toBeTruthy();
  });
});

describe('console sessions end', () => {
  const signedOut = async (b: { cookie: string; id: string; csrf: string }) => {
    const res = await consoleCall('/console/', b);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/console\/sign-in/);
    expect(setCookieLine(res, SESSION)).toMatch(/Max-Age=0/); // the dead cookie is cleared
  };

  it('at sign-out (POST with the CSRF token only), which revokes the row', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const b = await signIn(mod.key);
    expect((await consoleCall('/console/sign-out', b, { form: {}, csrf: null })).status).toBe(403);
    expect((await consoleCall('/console/sign-out', b, { form: {}, csrf: 'wrong' })).status).toBe(403);
    expect((await consoleCall('/console/sign-out', b, { form: {}, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await consoleCall('/console/', b)).status).toBe(200);
    const out = await consoleCall('/console/sign-out', b, { form: {} });
    expect(out.status).toBe(303);
    expect(out.headers.get('Location')).toBe('/console/sign-in?signed-out');
    expect(setCookieLine(out, SESSION)).toMatch(/Max-Age=0/);
    expect((await sessionRow(b.id))?.revoked_at).toBeTruthy();
    await signedOut(b);
    expect(await (await get('/console/sign-in?signed-out')).text()).toContain('You are signed out.');
  });

  it('after the absolute lifetime, and after the idle timeout; activity slides the idle timeout', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const idle = await signIn(mod.key);
    const hash = await sha256Hex(idle.id);
    const old = new Date(Date.now() - SESSION_IDLE_MS + 120_000).toISOString(); // 28 minutes ago: still alive
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').bind(old, hash).run();
    expect((await consoleCall('/console/', idle)).status).toBe(200);
    const touched = await sessionRow(idle.id);
    expect(Date.parse(touched!.last_seen_at!)).toBeGreaterThan(Date.parse(old)); // slid forward
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').bind(new Date(Date.now() - SESSION_IDLE_MS - 1000).toISOString(), hash).run();
    await signedOut(idle);

    const expired = await signIn(mod.key);
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').bind(new Date(Date.now() - 1000).toISOString(), await sha256Hex(expired.id)).run();
    await signedOut(expired);
  });

  it('when the row is revoked, when the key it came from is revoked, or when the moderator role is taken away', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const a = await signIn(mod.key);
    await env.DB.prepare('UPDATE sessions SET revoked_at = ? WHERE id_hash = ?').bind(new Date().toISOString(), await sha256Hex(a.id)).run();
    await signedOut(a);

    const b = await signIn(mod.key);
    expect((await consoleCall('/console/', b)).status).toBe(200);
    const keys = (await (await call('/v1/keys', { key: mod.key })).json()) as { keys: { id: string }[] };
    expect((await call(`/v1/keys/${keys.keys[0]!.id}`, { method: 'DELETE', key: mod.key })).status).toBe(200);
    await signedOut(b);

    const other = await newAccount('payg', [{ role: 'moderator' }]);
    const c = await signIn(other.key);
    await call(`/v1/admin/accounts/${other.id}/roles`, { method: 'DELETE', key: env.ADMIN_TOKEN, json: { role: 'moderator' } });
    expect((await consoleCall('/console/', c)).status).toBe(403);
  });

  it('forged, malformed and unknown cookies are signed out (and cleared)', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const real = await signIn(mod.key);
    const hash = await sha256Hex(real.id);
    for (const value of ['A'.repeat(43), 'not-a-session', hash, real.id.slice(0, 42), `${real.id}x`, '']) {
      await signedOut({ cookie: `${SESSION}=${value}`, id: value, csrf: real.csrf });
    }
    // a cookie without the __Host- prefix is not the session cookie
    const plain = await consoleCall('/console/', { cookie: `clr_session=${real.id}`, id: real.id, csrf: real.csrf });
    expect(plain.status).toBe(303);
  });

  it('follows a link from another site with one same-origin hop (the SameSite=Strict cookie is withheld there)', async () => {
    const res = await get('/console/reviews/rev_x', { headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/console/reviews/rev_x">');
    expect(page).not.toMatch(/<script/i);
  });
});
