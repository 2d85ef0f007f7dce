// Rights holders' open door: the sign-up form (pre-session token against login CSRF, rate limit per client IP); a
// new account is signed in at once and shown its key once.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { signUpPage, welcomePage } from '../console/holder-sign-up-page.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { clearSignInCookie, readSessionCookie, readSignInCookie, setSessionCookie, setSignInCookie } from '../http/session-cookie.js';
import { crossSite, csrfMatches, currentSession } from '../http/session-guard.js';
import { messagePage } from '../console/message-page.js';
import { randomToken, sha256Hex } from '../services/crypto.js';
import { ApiError } from '../services/errors.js';
import { signUpHolder } from '../services/holders.js';
import { hit, signInLimits } from '../services/rate-limit.js';
import { createSession, findSession, hashSessionId, revokeSession } from '../services/sessions.js';
import type { AppEnv } from '../types/env.js';

export const holderSessionRoutes = new Hono<AppEnv>();

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const SignUpForm = z.object({
  token: z.string().max(200),
  email: z.string().trim().toLowerCase().max(254).email('enter a valid email address'),
  name: z.string().trim().min(1, 'enter a name').max(120, 'at most 120 characters'),
});

function showSignUp(c: Context<AppEnv>, status: 200 | 400 | 403 | 409, fields: { email?: string | undefined; name?: string | undefined; error?: string | undefined } = {}) {
  const existing = readSignInCookie(c);
  const token = existing && TOKEN.test(existing) ? existing : randomToken(32);
  setSignInCookie(c, token);
  return c.html(signUpPage({ token, ...fields }), status);
}

holderSessionRoutes.get('/holder', (c) => c.redirect('/holder/', 301));

holderSessionRoutes.get('/holder/sign-up', async (c) => {
  if (await currentSession(c)) return c.redirect('/holder/', 303);
  return showSignUp(c, 200);
});

holderSessionRoutes.post('/holder/sign-up', async (c) => {
  const why = crossSite(c);
  if (why) return c.html(messagePage({ title: 'Refused', message: `This sign-up came from another site (${why}).` }), 403);
  const fields = await readForm(c);
  const expected = readSignInCookie(c);
  if (!expected || !(await csrfMatches(expected, fields.token))) {
    return showSignUp(c, 403, { email: fields.email, name: fields.name, error: 'This form expired or did not come from this page. Please send it again.' });
  }
  const form = SignUpForm.safeParse(fields);
  if (!form.success) return showSignUp(c, 400, { email: fields.email, name: fields.name, error: form.error.issues[0]!.message });
  const client = c.req.header('CF-Connecting-IP') ?? c.req.header('X-Real-IP') ?? 'unknown';
  const { limit, window } = signInLimits(c.env);
  await hit(c.env.DB, `signup:${await sha256Hex(`signup:${client}`)}`, limit, window);
  let created;
  try {
    created = await signUpHolder(c.var.db, form.data.email, form.data.name);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return showSignUp(c, 409, { ...form.data, error: 'An account with this email already exists: sign in with its key.' });
    throw err;
  }
  const previous = readSessionCookie(c);
  if (previous) await revokeSession(c.var.db, await hashSessionId(previous));
  const session = await createSession(c.var.db, { accountId: created.accountId, keyId: created.key.id });
  setSessionCookie(c, session.id);
  clearSignInCookie(c);
  const found = await findSession(c.var.db, session.id);
  if (typeof found === 'string') throw new Error(`new session not found (${found})`);
  return c.html(welcomePage(viewerOf(found), created.holder.id, created.key.key), 201);
});
