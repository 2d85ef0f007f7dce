// Through `wrangler dev` with a built gallery: the gallery's security headers on static assets (`_headers`) and on
// /item/* pages (the Worker), no CSP violation in Chromium (gallery, Pagefind search, report form); a 300-request hostile
// run, and raw malformed paths and headers, answered without a 5xx. Malformed HTTP framing mostly never reaches the
// Worker (workerd's HTTP server answers it); when it does, the Worker answers a 4xx; the dev server keeps serving.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryHeaders } from '../../site/src/lib/gallery-headers.js';
import { ASSETS_DIR } from '../../site/generator/client-assets.js';
import { startWranglerDev, type WranglerDev } from '../../pipeline/dev/wrangler-dev.js';
import { prng } from '../../pipeline/util/prng.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { withLocalTarget } from '../support/local-target.js';
import { UNIQUE_WORD } from '../support/fixture-catalog.js';
import { repoRoot } from '../support/shared.js';
import { prebuiltWorkerConfig } from '../support/prebuilt-worker.js';
import { buildFixtureSite, type FixtureSite } from '../site/build-fixture.js';

const ADMIN = `e2e-admin-${Date.now()}`;
let site: FixtureSite;
let dev: WranglerDev | undefined;
let browser: TestBrowser | undefined;
let port: number;

beforeAll(async () => {
  site = await buildFixtureSite(12);
  const tmp = dirname(site.distDir);
  // the state wrangler dev reads, written in-process (Miniflare, as `publish --local` does): the migrations, the
  // searchable item in D1 (so its report form gets a 201), and one page only R2 holds (served by the Worker)
  const r = site.records.find((x) => x.title.includes(UNIQUE_WORD))!;
  const row = [r.id, r.title, r.sha256, r.files.original, r.files.thumb, `image/${r.format}`, r.bytes, r.licence.id, r.rightsHolder ?? null, r.priceMicros, 'live', r.provenance.release, new Date().toISOString()];
  await writeFile(join(tmp, 'r2-page.html'), '<!doctype html><title>r2</title><p>from R2</p>');
  await withLocalTarget(join(tmp, 'state'), async (t) => {
    await t.migrate();
    await t.execute([{ sql: `INSERT INTO items (id, title, sha256, original_key, thumb_key, content_type, bytes, licence, rights_holder, price_micros, status, release, updated_at) VALUES (${row.map(() => '?').join(', ')})`, params: row }]);
    await t.putObject('site/item/r2only/obj-1/index.html', join(tmp, 'r2-page.html'), 'text/html; charset=utf-8');
  });
  const envFile = join(tmp, 'test.env');
  await writeFile(envFile, `ADMIN_TOKEN=${ADMIN}\nSIGNING_SECRET=${randomBytes(32).toString('base64url')}\n`);
  dev = await startWranglerDev({ cwd: repoRoot, config: await prebuiltWorkerConfig(), port: 'free', persistTo: join(tmp, 'state'), envFile, assets: site.distDir, timeoutMs: 120_000 });
  port = Number(new URL(dev.url).port);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (site) await rm(dirname(site.distDir), { recursive: true, force: true });
});

const url = (path: string) => `${dev!.url}${path}`;

describe('gallery security headers through wrangler dev', () => {
  it('are on static asset pages, scripts, the index, the 404 page and /item/* pages (assets and R2)', async () => {
    const script = (await readdir(join(site.distDir, ASSETS_DIR))).find((f) => f.endsWith('.js'))!;
    const itemPage = (await readdir(join(site.distDir, 'item'), { recursive: true })).find((f) => f.endsWith('index.html'))!.replace(/index\.html$/, '');
    const paths = ['/', '/search/', '/about/', `/${ASSETS_DIR}/${script}`, '/pagefind/pagefind.js', '/pagefind/pagefind-worker.js', '/no/such/page/', `/item/${itemPage}`, '/item/r2only/obj-1/'];
    for (const path of paths) {
      const res = await fetch(url(path));
      await res.arrayBuffer();
      expect(res.status, path).toBe(path === '/no/such/page/' ? 404 : 200);
      for (const [name, value] of Object.entries(galleryHeaders())) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
    const r2 = await fetch(url('/item/r2only/obj-1/'));
    expect(await r2.text()).toContain('from R2');
    const api = await fetch(url('/v1/items?limit=1'));
    await api.arrayBuffer();
    expect(api.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('let Chromium run the gallery, Pagefind search and the report form with no CSP violation, and block inline script', async () => {
    const context = await browser!.newContext();
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const consoleCsp: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) consoleCsp.push(m.text());
    });
    const violations = async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...consoleCsp];
    await page.goto(url('/'));
    await expect.poll(() => page.locator('[data-testid=gallery-item]').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=safety-threshold]:enabled'); // the safety script ran
    expect(await violations()).toEqual([]);
    await page.goto(url('/search/'));
    await page.locator('[data-testid=search-input]').fill(UNIQUE_WORD.toLowerCase());
    await expect.poll(() => page.locator('[data-testid=search-result]').count(), { timeout: 15_000 }).toBe(1);
    expect(await violations()).toEqual([]);
    await page.locator('[data-testid=search-result] a').first().click();
    await page.waitForURL(/\/item\//);
    await page.locator('[data-testid=report-submit]:enabled').click();
    await expect.poll(() => page.locator('[data-testid=report-status]').textContent()).toMatch(/report flag_\S+ received/i);
    expect(await violations()).toEqual([]);
    // the policy is in force: an injected inline script does not run, and is reported
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      return (window as unknown as { __inline?: number }).__inline;
    });
    expect(ran).toBeUndefined();
    await expect.poll(async () => (await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
    await context.close();
  });
});

/** True once `raw` holds a whole HTTP/1.1 response (headers, then Content-Length bytes or the last chunk). */
function complete(raw: string): boolean {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = raw.slice(0, end);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) return raw.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) return raw.endsWith('\r\n0\r\n\r\n');
  return /^HTTP\/1\.[01] (1\d\d|204|304)/.test(head);
}

/** Sends raw bytes on a new connection and returns the response (or what came before the server closed or `ms` passed). */
function rawRequest(data: Buffer | string, ms = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const done = () => {
      socket.destroy();
      resolve(out);
    };
    socket.on('data', (d) => {
      out += d.toString('latin1');
      if (complete(out)) done();
    });
    socket.on('end', done);
    socket.on('error', done);
    socket.setTimeout(ms, done);
    socket.write(data);
  });
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);
/** The start of the plain-text 503 wrangler's dev proxy (4.86) gives when its connection to the runtime broke. */
const DEV_PROXY_RESTARTED = 'Your worker restarted mid-request';
const fromWorker = (raw: string) => /\r\nx-request-id: /i.test(raw) || raw.includes('{"error":{');

describe('hostile input through wrangler dev', () => {
  it('answers 300 hostile requests (mixed methods, bodies, keys; 20 at a time) without a 5xx or a dropped connection', async () => {
    const created = await fetch(url('/v1/admin/accounts'), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `hostile-${Date.now()}@example.org`, plan: 'curation' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const r = prng(15);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const paths = ['/v1/keys/key_x', '/v1/keys', '/v1/items', '/v1/items/x', '/v1/usage', '/v1/account', '/v1/collections/col_x', '/v1/collections',
      '/v1/admin/accounts/acct_x', '/v1/admin/plans', '/v1/flags', '/v1/items/x/download', '/v1/rightsholder/items/x/price', '/v1/moderation/flags',
      '/item/x/', '/files/thumb/zz', '/nope', '/v1/items/%zz', '/v1/items/%ED%A0%80/download?maxPriceMicros=-1'];
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
    const results: string[] = [];
    const proxyRetries: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < 300) {
        sent++;
        const method = pick(methods);
        const path = pick(paths);
        const headers: Record<string, string> = {};
        const a = r();
        if (a < 0.4) headers.authorization = `Bearer ${key}`;
        else if (a < 0.55) headers.authorization = `Bearer ${ADMIN}`;
        else if (a < 0.65) headers.authorization = 'Bearer clr_bad';
        let bytes: Uint8Array | undefined;
        let streamed = false;
        if (method !== 'GET' && method !== 'HEAD' && r() < 0.8) {
          headers['content-type'] = pick(['application/json', 'application/json', 'text/plain']);
          bytes = new TextEncoder().encode(JSON.stringify({ spendCapMicros: 5, priceMicros: 1, name: 'y'.repeat(Math.floor(r() < 0.3 ? r() * 200_000 : r() * 2000)) }));
          streamed = r() < 0.5;
        }
        const where = `${method} ${path}${streamed ? ' (streamed)' : ''}`;
        const send = () => {
          const b = bytes;
          const body = !b ? undefined : !streamed ? b : new ReadableStream({
            start(c) {
              for (let o = 0; o < b.length; o += 16_384) c.enqueue(b.slice(o, o + 16_384));
              c.close();
            },
          });
          return fetch(url(path), { method, headers, body, duplex: 'half' } as RequestInit);
        };
        try {
          let res = await send();
          let text = await res.text();
          // wrangler's dev proxy answers this itself when its connection to the runtime broke mid-request (under load,
          // on a request with a body; edge/README.md): not the Worker's answer, so the request is sent again, twice at
          // most, and the Worker's own answer is judged.
          for (let again = 0; again < 2 && res.status === 503 && !res.headers.has('x-request-id') && text.startsWith(DEV_PROXY_RESTARTED); again++) {
            proxyRetries.push(where);
            res = await send();
            text = await res.text();
          }
          if (res.status >= 500) results.push(`${where} → ${res.status}: ${text.slice(0, 160)}`);
          else if (res.status >= 400 && method !== 'HEAD' && /^\/(v1|files)\//.test(path)) {
            const shape = (() => {
              try {
                const j = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
                return typeof j.error?.code === 'string' && typeof j.error.message === 'string';
              } catch {
                return false;
              }
            })();
            if (!shape) results.push(`${where} → ${res.status}: not the error shape: ${text.slice(0, 160)}`);
          }
        } catch (err) {
          results.push(`${where} → ${String((err as Error).cause ?? err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    if (proxyRetries.length) console.log(`sent again after the dev proxy's 503: ${proxyRetries.join('; ')}`);
    expect(results).toEqual([]);
  });

  it('answers raw (unencoded) malformed paths, queries and headers from the Worker, never with a 5xx', async () => {
    const H = 'Host: 127.0.0.1\r\nConnection: close\r\n';
    const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
    const cases: [string, Buffer | string][] = [
      ['bytes 0xff 0xfe 0x80 in a path', bytes('GET /v1/items/', [0xff, 0xfe, 0x80], ` HTTP/1.1\r\n${H}\r\n`)],
      ['raw UTF-8 in a path', bytes('GET /v1/items/', [0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], `/download HTTP/1.1\r\n${H}\r\n`)],
      ['broken escapes', `GET /v1/items/%zz%%%E0%80/download HTTP/1.1\r\n${H}\r\n`],
      ['broken escape in a thumbnail key', `GET /files/thumb/%E0%A4%A HTTP/1.1\r\n${H}\r\n`],
      ['escaped lone surrogate', `GET /v1/items/%ED%A0%80 HTTP/1.1\r\n${H}\r\n`],
      ['overlong escape in an item page path', `GET /item/%C0%AF../ HTTP/1.1\r\n${H}\r\n`],
      ['control byte in a path', `DELETE /v1/keys/a\x01b HTTP/1.1\r\n${H}\r\n`],
      ['backslashes and dot segments', `GET /v1\\items\\..\\admin/./accounts HTTP/1.1\r\n${H}\r\n`],
      ['raw bytes in a query', bytes('GET /v1/items?limit=', [0xff], '&cursor=%zz', [0x80], ` HTTP/1.1\r\n${H}\r\n`)],
      ['a signed query of garbage', `GET /v1/items/x/download?sig=%zz&acct=%00&kid=%ff&exp=1e999&maxPriceMicros=%2d1 HTTP/1.1\r\n${H}\r\n`],
      ['bytes 0xff 0x80 in a key', bytes(`GET /v1/usage HTTP/1.1\r\n${H}Authorization: Bearer clr_`, [0xff, 0x80, 0xc3], '\r\n\r\n')],
      ['a control byte in a header', `GET /v1/usage HTTP/1.1\r\n${H}Authorization: Bearer a\x01b\r\n\r\n`],
      ['a folded header', `GET /v1/usage HTTP/1.1\r\n${H}Authorization: Bearer\r\n clr_x\r\n\r\n`],
      ['a 60 KB header', `GET /v1/usage HTTP/1.1\r\n${H}X-Big: ${'a'.repeat(60_000)}\r\n\r\n`],
      ['400 headers', `GET /v1/usage HTTP/1.1\r\n${H}${Array.from({ length: 400 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}\r\n`],
      ['a garbage Range', bytes(`GET /v1/items/x/download HTTP/1.1\r\n${H}Authorization: Bearer clr_${'A'.repeat(43)}\r\nRange: bytes=`, [0xff], '-\r\n\r\n')],
      ['a garbage CF-Connecting-IP', bytes(`POST /v1/flags HTTP/1.1\r\n${H}CF-Connecting-IP: ::ffff:999.1.1.1%`, [0xff], '\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}')],
      ['a garbage Origin on a preflight', bytes(`OPTIONS /v1/items HTTP/1.1\r\n${H}Origin: `, [0xff, 0xfe], '\r\nAccess-Control-Request-Method: GET\r\n\r\n')],
      ['a garbage Content-Type', bytes(`PATCH /v1/account HTTP/1.1\r\n${H}Content-Type: application/`, [0xff], ';;charset=\r\nContent-Length: 2\r\n\r\n{}')],
      ['Content-Length and Transfer-Encoding', `POST /v1/flags HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
      ['a JSON body to a route that takes none', `DELETE /v1/keys/key_x HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":"b"}`],
    ];
    const failures: string[] = [];
    for (const [name, data] of cases) {
      const raw = await rawRequest(data);
      const status = statusOf(raw);
      if (!(status >= 200 && status < 500)) failures.push(`${name}: ${JSON.stringify(raw.slice(0, 200))}`);
      else if (status >= 400 && !raw.includes('{"error":{"code":"')) failures.push(`${name}: ${status} not in the error shape: ${JSON.stringify(raw.slice(0, 300))}`);
    }
    expect(failures).toEqual([]);
  });

  it('leaves malformed HTTP framing to the dev server (or the Worker answers a 4xx), and the dev server keeps serving', async () => {
    const H = 'Host: 127.0.0.1\r\nConnection: close\r\n';
    const cases: [string, string][] = [
      ['absolute-form target', `GET http://evil.example/v1/items HTTP/1.1\r\n${H}\r\n`],
      ['asterisk target', `OPTIONS * HTTP/1.1\r\n${H}\r\n`],
      ['two Content-Lengths', `POST /v1/flags HTTP/1.1\r\n${H}Content-Length: 2\r\nContent-Length: 5\r\n\r\n{}`],
      ['an invalid chunk size', `POST /v1/flags HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
      ['an invalid method', `FOO\x7f /v1/items HTTP/1.1\r\n${H}\r\n`],
      ['a NUL in a header', `GET /v1/usage HTTP/1.1\r\n${H}X-A: a\x00b\r\n\r\n`],
    ];
    // workerd's HTTP server refuses what it cannot parse itself (e.g. 500 "invalid URL", 501 for a bad method) before
    // any Worker code runs; in production Cloudflare's edge does. A body whose framing breaks midway reaches the Worker.
    for (const [name, data] of cases) {
      const raw = await rawRequest(data);
      if (fromWorker(raw)) expect(statusOf(raw), `${name}: ${JSON.stringify(raw.slice(0, 300))}`).toBeLessThan(500);
    }
    const after = await fetch(url('/v1/items?limit=1'));
    expect(after.status).toBe(200);
    await after.arrayBuffer();
  });
});
