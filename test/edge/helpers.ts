// Test helpers: call the Worker, create accounts through the admin API, seed items into D1 and R2.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import app from '../../edge/src/index.js';

export const ADMIN = env.ADMIN_TOKEN;

export type CallInit = RequestInit & { key?: string; json?: unknown };

/** The request init with the key as a bearer token and `json` as a JSON body. */
export function requestInit(init: CallInit): RequestInit {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return { ...init, headers, body };
}

/** The Worker's fetch handler called with the real bindings (or `bindings`); its `waitUntil` work goes on after the
 *  answer, as in workerd (a streamed body may depend on it). Called directly: the pool's `exports.default.fetch` gets
 *  slower with every request one runtime has served (workers-sdk#15446; a file of 1,200 requests took 18 s). */
export async function fetchWorker(request: Request, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, bindings, ctx);
  waitOnExecutionContext(ctx).catch((e: unknown) => console.error('waitUntil failed', e));
  return res;
}

export function call(path: string, init: CallInit = {}): Promise<Response> {
  const url = path.startsWith('http') ? path : `http://edge.test${path}`;
  return fetchWorker(new Request(url, requestInit(init)));
}

export async function expectError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

let seq = 0;
export const uid = (p = 'x') => `${p}${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function newAccount(plan = 'payg', roles: { role: string; rightsHolder?: string }[] = []) {
  const res = await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email: `${uid('u')}@example.org`, plan } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { account: { id: string }; key: string };
  for (const r of roles) {
    const rr = await call(`/v1/admin/accounts/${body.account.id}/roles`, { method: 'POST', key: ADMIN, json: r });
    expect(rr.status).toBe(201);
  }
  return { id: body.account.id, key: body.key };
}

export async function newPlan(monthlyDownloads: number, privateCollections = false) {
  const id = uid('plan-').toLowerCase().slice(0, 40);
  const res = await call('/v1/admin/plans', {
    method: 'POST', key: ADMIN,
    json: { id, name: id, monthlyFeeMicros: 0, monthlyDownloads, privateCollections },
  });
  expect(res.status).toBe(201);
  return id;
}

export interface SeedOptions {
  priceMicros?: number; rightsHolder?: string | null; size?: number; withFile?: boolean; status?: string; id?: string; licence?: string;
  /** Catalogue metadata and safety scores (#19, #20); defaults: unscored, no metadata. */
  title?: string; creator?: string | null; description?: string | null; tags?: string[]; source?: string | null; release?: string;
  format?: string | null; width?: number | null; height?: number | null; sourceSha256?: string | null; licenceUrl?: string | null;
  nsfw?: number | null; faces?: number | null; faceScore?: number | null; textPii?: boolean | null;
}

/** An item as `clearance publish` writes it: a D1 row plus its original and thumbnail in R2 (opted in when it names a
 *  rights holder, else CC0, unless `licence` says otherwise). */
export async function seedItem(opts: SeedOptions = {}) {
  const size = opts.size ?? 2048;
  const data = new Uint8Array(size).map((_, i) => (i * 31 + 7) % 251);
  crypto.getRandomValues(data.subarray(0, Math.min(16, size))); // unique content, unique R2 keys
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  const sha = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  const id = opts.id ?? `test:${uid('i')}`;
  const originalKey = `original/${sha.slice(0, 2)}/${sha}.jpg`;
  const thumbKey = `thumb/${sha.slice(0, 2)}/${sha}.webp`;
  if (opts.withFile !== false) {
    await env.FILES.put(originalKey, data, { httpMetadata: { contentType: 'image/jpeg' } });
    await env.FILES.put(thumbKey, data.slice(0, 100), { httpMetadata: { contentType: 'image/webp' } });
  }
  const bool = (v: boolean | null | undefined) => (v === undefined || v === null ? null : v ? 1 : 0);
  await env.DB.prepare(
    `INSERT INTO items (id, title, sha256, original_key, thumb_key, content_type, bytes, licence, rights_holder, price_micros, status, release, updated_at,
       creator, description, tags, source, format, width, height, source_sha256, licence_url, nsfw, faces, face_score, text_pii)
     VALUES (?, ?, ?, ?, ?, 'image/jpeg', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id, opts.title ?? `Title ${id}`, sha, originalKey, thumbKey, size, opts.licence ?? (opts.rightsHolder ? 'optin' : 'cc0-1.0'), opts.rightsHolder ?? null,
      opts.priceMicros ?? 0, opts.status ?? 'live', opts.release ?? '2026-11', new Date().toISOString(),
      opts.creator ?? null, opts.description ?? null, opts.tags ? JSON.stringify(opts.tags) : null, opts.source ?? null, opts.format === undefined ? 'jpeg' : opts.format,
      opts.width ?? null, opts.height ?? null, opts.sourceSha256 ?? null, opts.licenceUrl ?? null, opts.nsfw ?? null, opts.faces ?? null, opts.faceScore ?? null, bool(opts.textPii),
    )
    .run();
  return { id, sha, data, originalKey, thumbKey };
}

export async function usage(key: string) {
  const res = await call('/v1/usage', { key });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    month: string; plan: string; downloads: number; quota: number; remaining: number;
    charges: { feesMicros: number; pricesMicros: number; planMicros: number; totalMicros: number };
    spendCapMicros: number | null; spendRemainingMicros: number | null;
  };
}
