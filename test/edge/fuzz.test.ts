// Fuzz: ≥ 1,000 generated hostile requests (methods, paths, bodies, headers, huge inputs, injections), then raw
// (unencoded) malformed paths, queries and header bytes → no 5xx, every error in the error shape.
import { describe, expect, it } from 'vitest';
import { seedReview } from './console-helpers.js';
import { ADMIN, fetchWorker, newAccount, seedItem } from './helpers.js';
import { prng as rng } from '../../pipeline/util/prng.js';

const call = (path: string, init: RequestInit): Promise<Response> => fetchWorker(new Request(`http://edge.test${path}`, init));


const HOSTILE = [
  "' OR '1'='1", "1; DROP TABLE items;--", '../../../etc/passwd', '..%2f..%2f', '%00', '\u0000', '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}', '{{7*7}}', '%s%s%s%n', '-1', '0', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '😀'.repeat(50),
  'a'.repeat(5000), '\u202e\u200b', 'Ω≈ç√∫', '%FF%FE', 'CON', '/', '\\', '`id`', '$(reboot)', '9'.repeat(400),
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT', 'PURGE'];
const TEMPLATES = [
  '/v1/items', '/v1/items/{id}', '/v1/items/{id}/download', '/v1/usage', '/v1/keys', '/v1/keys/{id}', '/v1/collections',
  '/v1/collections/{id}', '/v1/collections/{id}/items', '/v1/collections/{id}/items/{id}', '/v1/collections/{id}/manifest',
  '/v1/flags', '/v1/moderation/flags', '/v1/moderation/flags/{id}/decision', '/v1/moderation/decisions',
  '/v1/moderation/reviews', '/v1/moderation/reviews/{id}', '/v1/moderation/reviews/{id}/decision', '/v1/moderation/reviews/{id}/thumb',
  '/v1/moderation/items/{id}/withdraw', '/v1/moderation/log',
  '/v1/rightsholder/items', '/v1/rightsholder/items/{id}/price', '/v1/rightsholder/statement', '/v1/rightsholder/audit',
  '/v1/admin/plans', '/v1/admin/accounts', '/v1/admin/accounts/{id}', '/v1/admin/accounts/{id}/roles', '/v1/admin/accounts/{id}/keys',
  '/v1/openapi.json', '/files/thumb/{id}', '/v1/{id}', '/v1/../v1/items', '/v1//items', '/v1/stats', '/v1/account',
];
const QUERY_KEYS = ['limit', 'cursor', 'month', 'format', 'ttl', 'status', 'sig', 'exp', 'acct', 'kid', 'account', 'code', 'source', 'before',
  'q', 'licence', 'release', 'minWidth', 'minHeight', 'maxNsfw', 'faces', 'textPii', 'includeUnscored', 'facets'];

const text = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function value(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * 10);
  if (k === 0) return pick(r, HOSTILE);
  if (k === 1) return Math.floor(r() * 2 ** 53) * (r() < 0.5 ? -1 : 1);
  if (k === 2) return r() < 0.5 ? 1.5 : -0;
  if (k === 3) return null;
  if (k === 4) return r() < 0.5;
  if (k === 5 && depth < 6) return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth + 1));
  if (k === 6 && depth < 6) return body(r, depth + 1);
  if (k === 7) return pick(r, ['dismiss', 'withdraw', 'moderator', 'rightsholder', 'payg', 'curation', 'privacy', 'other', 'approve', 'reject', 'cc0-1.0', 'pdm-1.0']);
  if (k === 8) return 'x'.repeat(Math.floor(r() * 70_000));
  return String(r());
}

function body(r: () => number, depth = 0): Record<string, unknown> {
  const keys = ['itemId', 'reason', 'note', 'email', 'plan', 'role', 'rightsHolder', 'action', 'name', 'description', 'itemIds',
    'priceMicros', 'id', 'monthlyFeeMicros', 'monthlyDownloads', 'privateCollections', 'licence', '__proto__', 'constructor',
    'query', 'limit', 'safetyDefault', 'spendCapMicros', 'maxNsfw', 'faces', 'q'];
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 6); i > 0; i--) {
    Object.defineProperty(out, pick(r, keys), { value: value(r, depth), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function request(r: () => number, keys: string[], ids: string[]): { path: string; init: RequestInit } {
  const method = pick(r, METHODS);
  let path = pick(r, TEMPLATES).replace(/\{id\}/g, () => encodeURIComponent(r() < 0.4 ? pick(r, ids) : pick(r, HOSTILE)));
  if (r() < 0.5) {
    const q = new URLSearchParams();
    for (let i = Math.floor(r() * 4); i >= 0; i--) q.set(pick(r, QUERY_KEYS), text(value(r)).slice(0, 3000));
    path += `?${q}`;
  }
  const headers = new Headers();
  const auth = Math.floor(r() * 6);
  if (auth === 1) headers.set('Authorization', `Bearer ${pick(r, keys)}`);
  if (auth === 2) headers.set('Authorization', `Bearer ${pick(r, HOSTILE).slice(0, 2000).replace(/[^\x21-\x7e]/g, 'x')}`);
  if (auth === 3) headers.set('Authorization', `Basic ${btoa('admin:admin')}`);
  if (auth === 4) headers.set('Authorization', `Bearer ${ADMIN}`);
  if (r() < 0.2) headers.set('Range', pick(r, ['bytes=0-0', 'bytes=-1', 'bytes=9999999-', 'bytes=5-1', 'bytes=0-1,2-3', 'items=1-2', 'bytes=--']));
  if (r() < 0.2) headers.set('Origin', pick(r, ['http://127.0.0.1:8787', 'https://evil.example', 'null']));
  headers.set('CF-Connecting-IP', `198.51.100.${Math.floor(r() * 250)}`);
  const init: RequestInit = { method, headers };
  if (method !== 'GET' && method !== 'HEAD' && r() < 0.8) {
    const kind = Math.floor(r() * 5);
    headers.set('Content-Type', pick(r, ['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']));
    if (kind === 0) init.body = JSON.stringify(body(r));
    else if (kind === 1) init.body = JSON.stringify(value(r));
    else if (kind === 2) init.body = '{"itemId": "x", "reason": ' + '['.repeat(Math.floor(r() * 5000));
    else if (kind === 3) init.body = new Uint8Array(Math.floor(r() * 200_000)).map(() => Math.floor(r() * 256));
    else init.body = pick(r, HOSTILE);
  }
  return { path, init };
}

/** A 5xx, or an error outside the error shape (JSON routes) or with a stack trace, is a failure. */
function check({ path, method, res, text }: { path: string; method: string; res: Response; text: string }, failures: string[]): void {
  const where = `${method} ${path.slice(0, 120)} → ${res.status}`;
  if (res.status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
  if (/\n\s+at \S/.test(text)) failures.push(`${where}: stack trace leaked`);
  if (res.status < 400 || method === 'HEAD' || path.startsWith('/item/')) return; // item pages answer the site's HTML 404
  try {
    const j = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof j.error?.code === 'string' && typeof j.error.message === 'string' && Object.keys(j).length === 1) return;
  } catch {
    /* not JSON */
  }
  failures.push(`${where}: not the error shape: ${text.slice(0, 200)}`);
}

// Raw pieces: put into URLs as they are (no encodeURIComponent), so the Worker sees malformed escapes, dot segments,
// backslashes and whatever the URL parser makes of raw bytes; header values of any printable ASCII and tabs (workerd
// re-encodes other bytes as UTF-8 with a warning each; raw bytes on the wire are in test/e2e/edge-dev.test.ts).
const RAW_SEGMENTS = [
  '%', '%z', '%zz', '%%', '%E0%80', '%ED%A0%80', '%C0%AF', '%FF%FE', '%00', '%0d%0a', '%2e%2e', '%2e%2e%2f', '..%5c..%5c', '..', '.',
  '\\..\\', 'a b', '\u00ff\u00fe', '\u202e', '😀', '\u0001\u007f', '%25%32%65', ';jsessionid=1', '?', '#frag', '//', '%u0041',
  `%${'E'.repeat(3000)}`, 'thumb/%E0%A4%A', 'thumb/ab/%GG.webp',
];
const RAW_PREFIXES = ['/v1/items/', '/v1/items/{}/download', '/v1/keys/', '/v1/collections/', '/v1/admin/accounts/', '/v1/rightsholder/items/{}/price', '/files/', '/files/thumb/', '/item/', '/v1/', '/'];
const RAW_QUERIES = ['', '?limit=%zz', '?cursor=%E0%80', '?maxPriceMicros=%FF', '?sig=%00&exp=%zz&acct=%ED%A0%80&kid=..%2f', '?month=%', '?a=b&&&=', '?%zz=%zz', '?format=%F0%9F%98%80'];
const ascii = (r: () => number, n: number) => Array.from({ length: n }, () => (r() < 0.05 ? '\t' : String.fromCharCode(0x20 + Math.floor(r() * 0x5f)))).join('');

function rawRequest(r: () => number, keys: string[]): { path: string; init: RequestInit } {
  const segment = pick(r, RAW_SEGMENTS);
  const prefix = pick(r, RAW_PREFIXES);
  const path = (prefix.includes('{}') ? prefix.replace('{}', segment) : prefix + segment) + pick(r, RAW_QUERIES);
  const headers = new Headers();
  const k = Math.floor(r() * 6);
  if (k === 0) headers.set('Authorization', `Bearer ${pick(r, keys)}${ascii(r, 3)}`);
  if (k === 1) headers.set('Authorization', ascii(r, 1 + Math.floor(r() * 300)));
  if (k === 2) headers.set('Authorization', `Bearer\t\t${ascii(r, 50)}`);
  if (r() < 0.3) headers.set('Range', `bytes=${ascii(r, 5)}`);
  if (r() < 0.3) headers.set('Origin', ascii(r, 20));
  if (r() < 0.3) headers.set('Content-Type', `application/json; charset=${ascii(r, 8)}`);
  if (r() < 0.2) headers.set("X-!#$%&'*+-.^_`|~", ascii(r, 8000));
  if (r() < 0.2) for (let i = 0; i < 150; i++) headers.set(`X-Many-${i}`, ascii(r, 10));
  headers.set('CF-Connecting-IP', pick(r, ['198.51.100.7', '2001:db8::1', ascii(r, 30), '::ffff:1.2.3.4', '1.2.3.4, 5.6.7.8']));
  const method = pick(r, ['GET', 'GET', 'DELETE', 'PATCH', 'POST', 'PUT', 'HEAD']);
  const init: RequestInit = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') init.body = r() < 0.5 ? '{"spendCapMicros":1}' : ascii(r, 100);
  return { path, init };
}

describe('fuzz', () => {
  it('answers 1,200 hostile requests without a 5xx, every error in the error shape', async () => {
    const customer = await newAccount('curation');
    const moderator = await newAccount('payg', [{ role: 'moderator' }]);
    const holder = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: 'Fuzz' }]);
    const items = [await seedItem({ rightsHolder: 'Fuzz' }), await seedItem()];
    const keys = [customer.key, moderator.key, holder.key];
    const ids = [...items.map((i) => i.id), customer.id, 'flag_x', 'key_x', 'col_x', (await seedReview()).id, (await seedReview({ withThumb: false })).id];
    const r = rng(20261125);
    const failures: string[] = [];
    let count = 0;
    const seen = new Set<number>();
    for (let batch = 0; batch < 60; batch++) {
      const reqs = Array.from({ length: 20 }, () => request(r, keys, ids));
      const results = await Promise.all(
        reqs.map(async ({ path, init }) => {
          const res = await call(path, init);
          const text = init.method === 'HEAD' ? '' : await res.text();
          return { path, method: init.method!, res, text };
        }),
      );
      for (const result of results) {
        count++;
        seen.add(result.res.status);
        check(result, failures);
      }
    }
    expect(count).toBeGreaterThanOrEqual(1000);
    expect(failures).toEqual([]);
    // the generator reaches past routing and auth into validation and handlers
    for (const status of [200, 400, 401, 403, 404, 413]) expect(seen).toContain(status);
  });

  it('answers 400 raw malformed paths, queries and header bytes without a 5xx, every error in the error shape', async () => {
    const customer = await newAccount('curation');
    await seedItem();
    const r = rng(15_2026);
    const failures: string[] = [];
    const seen = new Set<number>();
    for (let batch = 0; batch < 20; batch++) {
      const reqs = Array.from({ length: 20 }, () => rawRequest(r, [customer.key, ADMIN]));
      const results = await Promise.all(
        reqs.map(async ({ path, init }) => {
          const res = await call(path, init);
          return { path, method: init.method!, res, text: init.method === 'HEAD' ? '' : await res.text() };
        }),
      );
      for (const result of results) {
        seen.add(result.res.status);
        check(result, failures);
      }
    }
    expect(failures).toEqual([]);
    for (const status of [400, 401, 404]) expect(seen).toContain(status);
  });
});
