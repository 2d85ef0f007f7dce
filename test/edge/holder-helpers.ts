// Holder test helpers: sign up through the real form, post dashboard forms (urlencoded or multipart) with the session
// cookie and CSRF token, verify a holder through a moderator's review, and image headers of each accepted type.
import { expect } from 'vitest';
import { consoleCall, get, hidden, setCookieValue, signIn, type Browser } from './console-helpers.js';
import { newAccount, uid } from './helpers.js';

const SAME_ORIGIN = { Origin: 'http://edge.test', 'Sec-Fetch-Site': 'same-origin' };

export interface Holder extends Browser {
  holderId: string;
  key: string;
}

/** Signs up as a browser would (form, pre-session token); returns the session, its CSRF token, the holder id and key. */
export async function signUp(name = `Holder ${uid()}`): Promise<Holder> {
  const ip = uid('ip');
  const form = await get('/holder/sign-up', { headers: { 'CF-Connecting-IP': ip } });
  expect(form.status).toBe(200);
  const token = hidden(await form.text(), 'token');
  const res = await get('/holder/sign-up', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `__Host-clr_signin=${token}`, 'CF-Connecting-IP': ip, ...SAME_ORIGIN },
    body: new URLSearchParams({ token, email: `${uid('h')}@example.org`, name }).toString(),
  });
  expect(res.status).toBe(201);
  const page = await res.text();
  const id = setCookieValue(res, '__Host-clr_session')!;
  expect(id).toBeTruthy();
  const key = /data-testid="new-key" value="([^"]+)"/.exec(page)?.[1] ?? /value="(clr_[^"]+)"/.exec(page)![1]!;
  const cookie = `__Host-clr_session=${id}`;
  const home = await (await get('/holder/', { headers: { Cookie: cookie } })).text();
  const holderId = /data-testid="holder-id">([^<]+)</.exec(home)![1]!;
  return { cookie, id, csrf: hidden(home, 'csrf'), holderId, key };
}

/** A moderator verifies the holder through a review claim in the console. */
export async function verifyByReview(h: Holder, moderator?: Browser): Promise<void> {
  const opened = await consoleCall('/holder/claims', h, { form: { method: 'review', subject: 'I painted these; see my portfolio at example.org' } });
  expect(opened.status).toBe(303);
  const mod = moderator ?? (await signIn((await newAccount('payg', [{ role: 'moderator' }])).key));
  const list = await (await consoleCall('/console/holders', mod)).text();
  const claimId = pendingClaimId(list, h.holderId);
  const decided = await consoleCall(`/console/claims/${claimId}/decision`, mod, { form: { action: 'verify', note: 'Checked the portfolio: same works, same name.' } });
  expect(decided.status).toBe(303);
}

/** The id of the holder's first pending claim in the console's holders page. */
export function pendingClaimId(page: string, holderId: string): string {
  const at = page.indexOf(`<span class="code">${holderId}</span>`);
  expect(at, `a pending claim of ${holderId}`).toBeGreaterThan(-1);
  return /action="\/console\/claims\/([^/"]+)\/decision"/.exec(page.slice(at))![1]!;
}

/** A multipart upload from the dashboard's form. */
export function uploadForm(h: Holder | null, file: Blob | null, fields: Record<string, string> = {}, opts: { csrf?: string | null; fileName?: string; headers?: Record<string, string> } = {}) {
  const fd = new FormData();
  const csrf = opts.csrf === undefined ? h?.csrf : opts.csrf;
  if (csrf) fd.set('csrf', csrf);
  for (const [k, v] of Object.entries({ title: 'Orchard at dusk', creator: 'A. Painter', priceMicros: '250000', generativeTraining: 'yes', ...fields })) fd.set(k, v);
  if (file) fd.set('file', file, opts.fileName ?? 'work.png');
  return get('/holder/works', { method: 'POST', headers: { ...(h ? { Cookie: h.cookie } : {}), ...SAME_ORIGIN, ...opts.headers }, body: fd });
}

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** Headers (and filler) of real formats: enough for the edge, which reads only the header. */
export function pngBytes(w: number, h: number, filler = 64): Uint8Array {
  const body = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...be32(w), ...be32(h), 8, 2, 0, 0, 0];
  const out = new Uint8Array(body.length + filler);
  out.set(body);
  crypto.getRandomValues(out.subarray(body.length));
  return out;
}

export function jpegBytes(w: number, h: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0, 17, 8, (h >> 8) & 255, h & 255, (w >> 8) & 255, w & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const out = new Uint8Array([0xff, 0xd8, ...app0, ...sof, ...new Array(32).fill(0), 0xff, 0xd9]);
  crypto.getRandomValues(out.subarray(2 + app0.length + sof.length, 2 + app0.length + sof.length + 32));
  return out;
}

export function webpBytes(w: number, h: number): Uint8Array {
  const le24 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255];
  return new Uint8Array([0x52, 0x49, 0x46, 0x46, 30, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58, 10, 0, 0, 0, 0, 0, 0, 0, ...le24(w - 1), ...le24(h - 1), ...crypto.getRandomValues(new Uint8Array(16))]);
}

export function tiffBytes(w: number, h: number): Uint8Array {
  const entry = (tag: number, value: number) => [tag & 255, tag >> 8, 4, 0, 1, 0, 0, 0, value & 255, (value >> 8) & 255, (value >> 16) & 255, value >>> 24];
  return new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0, 2, 0, ...entry(256, w), ...entry(257, h), 0, 0, 0, 0, ...crypto.getRandomValues(new Uint8Array(16))]);
}
