// The console's open doors: /console → /console/, its stylesheet and icon, sign-in (login-CSRF token, rate limit, key checked once) and sign-out.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { signInPage } from '../console/sign-in-page.js';
import { ICON, STYLESHEET } from '../console/styles.js';
import { messagePage } from '../console/message-page.js';
import type { AppEnv } from '../types/env.js';
import { checkWrite, crossSite, csrfMatches, currentSession } from '../http/session-guard.js';
import { readForm } from '../http/form.js';
import { clearSessionCookie, clearSignInCookie, readSessionCookie, readSignInCookie, setSessionCookie, setSignInCookie } from '../http/session-cookie.js';
import { randomToken, sha256Hex } from '../services/crypto.js';
import { ApiError } from '../services/errors.js';
import { authenticateKey } from '../services/keys.js';
import { hasRole } from '../services/accounts.js';
import { holderOfAccount } from '../services/holders.js';
import { hit, signInLimits } from '../services/rate-limit.js';
import { createSession, hashSessionId, revokeSession } from '../services/sessions.js';

export const consoleSessionRoutes = new Hono<AppEnv>();

/** Where to go after sign-in: a console, holder dashboard or account path only (never another site), else the queue. */
function safeNext(next: string | undefined): string {
  return next && /^\/(console|holder|account)\/[^\s\\]*$/.test(next) && !next.startsWith('/console/sign-') && !next.startsWith('/holder/sign-') ? next : '/console/';
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const SignInForm = z.object({
  key: z.string().trim().max(200).optional(),
  token: z.string().max(200).optional(),
  next: z.string().max(2000).optional(),
});

/** The sign-in form with its pre-session token (reused while its cookie lives, so two tabs both work). */
function showSignIn(c: Context<AppEnv>, next: string, status: 200 | 400 | 401 | 403, error?: string, notice?: string) {
  const existing = readSignInCookie(c);
  const token = existing && TOKEN.test(existing) ? existing : randomToken(32);
  setSignInCookie(c, token);
  return c.html(signInPage({ token, next, error, notice }), status);
}

consoleSessionRoutes.get('/console', (c) => c.redirect('/console/', 301));

consoleSessionRoutes.get('/console/console.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  return c.body(STYLESHEET);
});

consoleSessionRoutes.get('/console/icon.svg', (c) => {
  c.header('Content-Type', 'image/svg+xml');
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  return c.body(ICON);
});

consoleSessionRoutes.get('/console/sign-in', async (c) => {
  const next = safeNext(c.req.query('next'));
  if (await currentSession(c)) return c.redirect(next, 303);
  const notice = c.req.query('signed-out') !== undefined ? 'You are signed out.' : undefined;
  return showSignIn(c, next, 200, undefined, notice);
});

consoleSessionRoutes.post('/console/sign-in', async (c) => {
  const why = crossSite(c);
  if (why) return c.html(messagePage({ title: 'Refused', message: `This sign-in came from another site (${why}).`, signInLink: true }), 403);
  const form = SignInForm.safeParse(await readForm(c));
  const next = safeNext(form.success ? form.data.next : undefined);
  const expected = readSignInCookie(c);
  if (!form.success || !expected || !(await csrfMatches(expected, form.data.token))) {
    return showSignIn(c, next, 403, 'This sign-in form expired or did not come from this page. Please enter your key again.');
  }
  const client = c.req.header('CF-Connecting-IP') ?? c.req.header('X-Real-IP') ?? 'unknown';
  const { limit, window } = signInLimits(c.env);
  await hit(c.env.DB, `signin:${await sha256Hex(`signin:${client}`)}`, limit, window);
  const key = form.data.key ?? '';
  if (!key) return showSignIn(c, next, 400, 'Enter your API key.');
  let caller;
  try {
    caller = await authenticateKey(c.var.db, key);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return showSignIn(c, next, 401, `That key is not valid${err.message.includes('revoked') ? ' (it was revoked)' : ''}. Check it and try again.`);
    throw err;
  }
  // A new sign-in always gets a new id; a session this browser still held is ended, not left to linger.
  const previous = readSessionCookie(c);
  if (previous) await revokeSession(c.var.db, await hashSessionId(previous));
  const session = await createSession(c.var.db, { accountId: caller.accountId, keyId: caller.keyId });
  setSessionCookie(c, session.id);
  clearSignInCookie(c);
  // A rights holder without the moderator role lands on their dashboard, not on the console's 403.
  // A customer (neither) lands on their plan and invoices.
  if (next === '/console/' && !(await hasRole(c.var.db, caller.accountId, 'moderator'))) return c.redirect((await holderOfAccount(c.var.db, caller.accountId)) ? '/holder/' : '/account/', 303);
  return c.redirect(next, 303);
});

consoleSessionRoutes.post('/console/sign-out', async (c) => {
  const session = await currentSession(c);
  if (session) {
    const refused = await checkWrite(c, session);
    if (refused) return refused;
    await revokeSession(c.var.db, session.idHash);
    clearSessionCookie(c);
  }
  return c.redirect('/console/sign-in?signed-out', 303);
});
