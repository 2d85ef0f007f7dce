// Every console route and action, walked from the console router itself (a new route cannot be forgotten): 403 for
// customers and rights holders, sign-in for people signed out, and every write refused without the CSRF token or
// from another site — with nothing changed. Plus the console's security headers on every answer.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes, moderatorConsole } from '../../../edge/src/routes/console.js';
import { CONSOLE_CSP } from '../../../edge/src/http/console-headers.js';
import { consoleCall, get, reviewRow, seedReview, signIn, type Browser } from '../console-helpers.js';
import { call, newAccount, seedItem, uid } from '../helpers.js';

/** Routes that are open by design: /console → /console/, stylesheet, icon, sign-in, sign-out (any signed-in account may leave). */
const OPEN = ['GET /console', 'GET /console/console.css', 'GET /console/icon.svg', 'GET /console/sign-in', 'POST /console/sign-in', 'POST /console/sign-out'];

interface Target { method: string; path: string }
let review: { id: string; itemId: string };
let flagId: string;
let item: { id: string };
let targets: Target[];

const fill = (path: string): string =>
  path
    .replace('/reviews/:id', `/reviews/${review.id}`)
    .replace('/flags/:id', `/flags/${flagId}`)
    .replace(/\/\*$/, `/${uid('nowhere-')}`);

/** A form that would succeed for a moderator, so a refusal is the gate's doing. */
const FORMS: Record<string, Record<string, string>> = {
  '/console/reviews/:id/decision': { action: 'approve', licence: 'cc0-1.0', note: 'verified' },
  '/console/flags/:id/decision': { action: 'withdraw', note: 'verified' },
  '/console/withdraw': { itemId: '', reason: 'verified' },
  '/console/*': { x: '1' },
};

beforeAll(async () => {
  review = await seedReview();
  item = await seedItem();
  const flag = await call('/v1/flags', { method: 'POST', json: { itemId: item.id, reason: 'privacy' }, headers: { 'CF-Connecting-IP': uid('ip') } });
  flagId = ((await flag.json()) as { id: string }).id;
  FORMS['/console/withdraw']!.itemId = item.id;
  const seen = new Set<string>();
  targets = [];
  for (const r of moderatorConsole.routes) {
    // the gate's own middleware entries are ALL '/console/*' too: the catch-all is tested with GET and POST
    const methods = r.method === 'ALL' ? ['GET', 'POST'] : [r.method];
    for (const method of methods) {
      const key = `${method} ${r.path}`;
      if (!seen.has(key)) targets.push({ method, path: r.path });
      seen.add(key);
    }
  }
});

const send = (t: Target, b: Browser | null, csrf?: string | null, headers?: Record<string, string>) =>
  t.method === 'GET' ? consoleCall(fill(t.path), b, { headers }) : consoleCall(fill(t.path), b, { method: t.method, form: FORMS[t.path] ?? {}, csrf, headers });

async function nothingChanged() {
  expect((await reviewRow(review.id))?.status).toBe('open');
  expect((await env.DB.prepare('SELECT status FROM flags WHERE id = ?').bind(flagId).first<{ status: string }>())?.status).toBe('open');
  expect((await env.DB.prepare('SELECT status FROM items WHERE id = ?').bind(item.id).first<{ status: string }>())?.status).toBe('live');
  expect((await env.DB.prepare('SELECT count(*) AS n FROM changes').first<{ n: number }>())?.n).toBe(0);
  expect((await env.DB.prepare('SELECT count(*) AS n FROM moderation_decisions').first<{ n: number }>())?.n).toBe(0);
}

describe('console access', () => {
  it('knows every console route: the gated ones plus the open doors, nothing else', () => {
    const all = consoleRoutes.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const gated = new Set(targets.map((t) => `${t.method} ${t.path}`));
    expect(all.filter((r) => !gated.has(r) && !OPEN.includes(r))).toEqual([]);
    expect(targets.length).toBeGreaterThanOrEqual(10);
    expect(targets.filter((t) => t.method === 'POST').length).toBeGreaterThanOrEqual(4);
  });

  it('answers 403 to a customer and to a rights holder on every route and action, with their valid CSRF token', async () => {
    const customer = await signIn((await newAccount()).key);
    const holder = await signIn((await newAccount('payg', [{ role: 'rightsholder', rightsHolder: 'Museum' }])).key);
    for (const b of [customer, holder]) {
      for (const t of targets) {
        const res = await send(t, b);
        expect(res.status, `${t.method} ${t.path}`).toBe(403);
        expect(await res.text()).toContain('does not have the moderator role');
      }
    }
    await nothingChanged();
  });

  it('sends people who are signed out to sign-in (GET 303) or refuses (401), on every route', async () => {
    for (const t of targets) {
      const res = await send(t, null, 'x');
      if (t.method === 'GET') {
        expect(res.status, t.path).toBe(303);
        expect(res.headers.get('Location')).toMatch(/^\/console\/sign-in\?next=/);
      } else {
        expect(res.status, t.path).toBe(401);
      }
      await res.arrayBuffer();
    }
    await nothingChanged();
  });

  it('refuses every moderator write with a missing or wrong CSRF token, or from another site (403)', async () => {
    const mod = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    const other = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    const cross: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }, { Origin: 'null', 'Sec-Fetch-Site': '' }, { Origin: 'http://edge.test.evil.example', 'Sec-Fetch-Site': '' }];
    for (const t of targets.filter((x) => x.method !== 'GET')) {
      for (const csrf of [null, '', 'wrong', other.csrf, mod.csrf.slice(0, -1)]) {
        const res = await send(t, mod, csrf);
        expect(res.status, `${t.path} csrf=${csrf}`).toBe(403);
        await res.arrayBuffer();
      }
      for (const headers of cross) {
        const res = await send(t, mod, mod.csrf, headers);
        expect(res.status, `${t.path} ${JSON.stringify(headers)}`).toBe(403);
        await res.arrayBuffer();
      }
    }
    await nothingChanged();
    // a JSON body is no form: refused too
    const json = await get(`/console/reviews/${review.id}/decision`, {
      method: 'POST', headers: { Cookie: mod.cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'reject', note: 'x', csrf: mod.csrf }),
    });
    expect(json.status).toBe(415);
    await nothingChanged();
  });

  it('sets the console headers on every answer: strict CSP, no framing, nosniff, no-store', async () => {
    const mod = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    for (const t of targets.filter((x) => x.method === 'GET')) {
      const res = await send(t, mod);
      expect(res.headers.get('Content-Security-Policy'), t.path).toBe(CONSOLE_CSP);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('Cache-Control')).toMatch(/no-store/);
      const body = await res.text();
      if (res.headers.get('Content-Type')?.includes('text/html')) {
        expect(body).not.toMatch(/<script|style=|<style/i);
        expect(body).toContain('<meta name="viewport"');
        expect(body).toContain('href="#main"');
      }
    }
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    const css = await get('/console/console.css');
    expect(css.headers.get('Content-Type')).toContain('text/css');
    expect(await css.text()).toContain(':focus-visible');
  });

  it('survives hostile ids, queries and form bodies on every route: no 5xx, always an HTML page', async () => {
    const mod = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    const hostile = ["' OR '1'='1", '../../etc/passwd', '%00', '<script>alert(1)</script>', 'a'.repeat(5000), '😀'.repeat(300), '%FF%FE', '\\', '{}', '-1'];
    const failures: string[] = [];
    for (const t of targets) {
      for (const h of hostile) {
        const path = t.path.replace(/:id/g, encodeURIComponent(h)).replace(/\/\*$/, `/${encodeURIComponent(h)}`);
        const query = `?code=${encodeURIComponent(h)}&source=${encodeURIComponent(h)}&cursor=${encodeURIComponent(h)}&before=${encodeURIComponent(h)}&item=${encodeURIComponent(h)}&withdrawn=${encodeURIComponent(h)}`;
        const res = t.method === 'GET'
          ? await consoleCall(path + query, mod)
          : await consoleCall(path, mod, { method: t.method, form: { action: h, licence: h, note: h, itemId: h, reason: h } });
        const type = res.headers.get('Content-Type') ?? '';
        const body = await res.text();
        if (res.status >= 500 || !(type.includes('text/html') || type.startsWith('image/'))) failures.push(`${t.method} ${path.slice(0, 80)} → ${res.status} ${type}`);
        if (body.includes('<script>alert(1)</script>')) failures.push(`${t.method} ${path.slice(0, 80)} echoed a script`);
      }
    }
    const broken = await get('/console/withdraw', {
      method: 'POST', headers: { Cookie: mod.cookie, 'Content-Type': 'multipart/form-data; boundary=x', Origin: 'http://edge.test' }, body: '--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + mod.csrf,
    });
    if (broken.status >= 500) failures.push(`broken multipart → ${broken.status}`);
    await broken.arrayBuffer();
    const huge = await consoleCall('/console/withdraw', mod, { form: { itemId: 'x', reason: 'y'.repeat(70_000) } });
    expect(huge.status).toBe(413);
    await huge.arrayBuffer();
    expect(failures).toEqual([]);
  });
});
