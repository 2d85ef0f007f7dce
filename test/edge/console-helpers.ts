// Console test helpers: sign in through the real form, call console routes with the session cookie and CSRF token,
// seed review rows (as `clearance publish` writes them) straight into D1, with a private thumbnail in R2.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { call, uid } from './helpers.js';

export interface Browser {
  /** `__Host-clr_session=<id>` (the Cookie header), or '' when signed out. */
  cookie: string;
  /** The raw session id (the cookie value). */
  id: string;
  csrf: string;
}

/** A request to the Worker that does not follow redirects (the console answers 303s). */
export const get = (path: string, init: RequestInit = {}): Promise<Response> => call(path, { redirect: 'manual', ...init, headers: omitEmpty(init.headers) });

/** Headers without those set to '' (how a test leaves out a header a helper would add). */
function omitEmpty(h: HeadersInit | undefined): Headers {
  const out = new Headers(h);
  for (const [k, v] of [...out]) if (v === '') out.delete(k);
  return out;
}

const SESSION = '__Host-clr_session';
const SIGN_IN = '__Host-clr_signin';

/** The value a Set-Cookie list gives a cookie name (undefined when not set). */
export function setCookieValue(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const i = pair!.indexOf('=');
    if (pair!.slice(0, i).trim() === name) return pair!.slice(i + 1);
  }
  return undefined;
}

export const setCookieLine = (res: Response, name: string): string | undefined => res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));

/** A hidden field's value in a page. */
export function hidden(page: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page);
  expect(m, `hidden field ${name}`).not.toBeNull();
  return m![1]!;
}

/** GET the sign-in form: its pre-session token (cookie and hidden field). */
export async function signInForm(ip = uid('ip')) {
  const res = await get('/console/sign-in', { headers: { 'CF-Connecting-IP': ip } });
  expect(res.status).toBe(200);
  const page = await res.text();
  const token = hidden(page, 'token');
  expect(setCookieValue(res, SIGN_IN)).toBe(token);
  return { token, cookie: `${SIGN_IN}=${token}`, page };
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** POST the sign-in form as a browser would (same origin); returns the response. */
export async function postSignIn(key: string, opts: { ip?: string; next?: string; token?: string; cookie?: string; headers?: Record<string, string> } = {}) {
  const ip = opts.ip ?? uid('ip');
  const form = opts.token !== undefined ? { token: opts.token, cookie: opts.cookie ?? '' } : await signInForm(ip);
  return get('/console/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.cookie, 'CF-Connecting-IP': ip, Origin: 'http://edge.test', 'Sec-Fetch-Site': 'same-origin', ...opts.headers },
    body: formBody({ key, token: form.token, ...(opts.next ? { next: opts.next } : {}) }),
  });
}

/** Signs in with a key and reads the session's CSRF token from the first console page (works for non-moderators too). */
export async function signIn(key: string): Promise<Browser> {
  const res = await postSignIn(key);
  expect(res.status).toBe(303);
  const id = setCookieValue(res, SESSION);
  expect(id).toBeTruthy();
  const cookie = `${SESSION}=${id}`;
  const page = await (await get('/console/', { headers: { Cookie: cookie } })).text();
  return { cookie, id: id!, csrf: hidden(page, 'csrf') };
}

/** A console request with the session cookie; `form` posts urlencoded fields (the CSRF token added unless given). */
export function consoleCall(path: string, b: Browser | null, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; csrf?: string | null } = {}) {
  const headers: Record<string, string> = { ...(b?.cookie ? { Cookie: b.cookie } : {}), ...init.headers };
  if (init.form === undefined) return get(path, { method: init.method ?? 'GET', headers });
  const fields = { ...init.form };
  const csrf = init.csrf === undefined ? b?.csrf : init.csrf;
  if (csrf !== null && csrf !== undefined) fields.csrf = csrf;
  return get(path, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://edge.test', 'Sec-Fetch-Site': 'same-origin', ...headers },
    body: formBody(fields),
  });
}

export interface SeedReview {
  id?: string;
  itemId?: string;
  source?: string;
  release?: string;
  title?: string;
  mainCode?: string;
  reasons?: { code: string; detail: string }[];
  evidence?: Record<string, unknown>;
  evidenceHash?: string;
  status?: 'open' | 'approved' | 'rejected' | 'superseded';
  createdAt?: string;
  withThumb?: boolean;
}

const hex = (n: number) => [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A reviews row as publish writes it (and its private thumbnail under review-thumb/ in R2). */
export async function seedReview(o: SeedReview = {}) {
  const source = o.source ?? 'wikimedia';
  const itemId = o.itemId ?? `${source}:${uid('r')}`;
  const evidenceHash = o.evidenceHash ?? hex(32);
  const id = o.id ?? `rev_${hex(12)}`;
  const sha = hex(32);
  const title = o.title ?? `Held ${itemId}`;
  const reasons = o.reasons ?? [{ code: o.mainCode ?? 'licence.third-party-assertion', detail: 'licence asserted by a third party (uploader)' }];
  const evidence = o.evidence ?? {
    id: itemId, source, title, creator: 'Unknown', sourceUrl: `https://commons.wikimedia.org/wiki/File:${encodeURIComponent(itemId)}.jpg`, reasons, evidenceHash,
    statement: { licence: 'CC0', sourceLicence: null, assertedBy: 'third-party' },
    provenance: { release: '2026-11', adapter: 'wikimedia', foreignId: itemId.split(':')[1], retrievedAt: '2026-11-01T00:00:00Z', assertedBy: 'third-party', originalMetadataSha256: hex(32), imageUrl: 'https://upload.wikimedia.org/x.jpg' },
    sha256: sha, width: 640, height: 480, format: 'jpeg',
    original: { title, license: 'cc0', meta: { uploader: 'someone' } },
  };
  const thumbKey = o.withThumb === false ? null : `review-thumb/${sha.slice(0, 2)}/${sha}.webp`;
  if (thumbKey) await env.FILES.put(thumbKey, new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4]), { httpMetadata: { contentType: 'image/webp' } });
  const at = o.createdAt ?? new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO reviews (id, item_id, evidence_hash, source, release, main_code, reasons, evidence, title, sha256, thumb_key, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(id, itemId, evidenceHash, source, o.release ?? '2026-11', reasons[0]!.code, JSON.stringify(reasons), JSON.stringify(evidence), title, sha, thumbKey, o.status ?? 'open', at, at)
    .run();
  return { id, itemId, sha, thumbKey, evidenceHash, title };
}

export const reviewRow = (id: string) =>
  env.DB.prepare('SELECT * FROM reviews WHERE id = ?').bind(id).first<{ status: string; decided_licence: string | null; decided_by: string | null; decided_at: string | null; note: string | null }>();
