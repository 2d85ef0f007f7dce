// The console's cookies: the session id and the pre-session sign-in token, both __Host- (Secure, Path=/, no Domain),
// HttpOnly and SameSite=Strict. Chromium accepts __Host- cookies on http://127.0.0.1 (a secure context), so local
// `wrangler dev` needs no other name.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_MAX_MS } from '../services/sessions.js';

const SESSION = 'clr_session';
const SIGN_IN = 'clr_signin';
/** How long a sign-in form stays usable. */
const SIGN_IN_TOKEN_SECONDS = 3600;

const base = { prefix: 'host', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' } as const;

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION, 'host');
export const setSessionCookie = (c: Context, id: string): void =>
  setCookie(c, SESSION, id, { ...base, maxAge: Math.floor(SESSION_MAX_MS / 1000) });
export const clearSessionCookie = (c: Context): void => void deleteCookie(c, SESSION, base);

export const readSignInCookie = (c: Context): string | undefined => getCookie(c, SIGN_IN, 'host');
export const setSignInCookie = (c: Context, token: string): void => setCookie(c, SIGN_IN, token, { ...base, maxAge: SIGN_IN_TOKEN_SECONDS });
export const clearSignInCookie = (c: Context): void => void deleteCookie(c, SIGN_IN, base);
