// Browser sessions for every server-rendered area (moderator console, holders' dashboard): who the session cookie
// names, and the same-origin + CSRF check every state-changing form must pass (constant-time token comparison).
import type { Context } from 'hono';
import type { AppEnv } from '../types/env.js';
import { safeEqual } from '../services/crypto.js';
import { findSession, needsTouch, touchSession, type Session } from '../services/sessions.js';
import { messagePage } from '../console/message-page.js';
import { readForm } from './form.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

export const SAFE = new Set(['GET', 'HEAD']);

/**
 * Why a state-changing request looks cross-site, or null when fine: Sec-Fetch-Site (browsers always send it; scripts
 * cannot) must be same-origin; an Origin, when sent, must be ours. `Origin: null` (privacy contexts) is refused
 * unless Sec-Fetch-Site vouches for the request.
 */
export function crossSite(c: Context): string | null {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = c.req.header('Origin');
  if (origin === 'null' && site !== undefined) return null;
  if (origin !== undefined && origin !== new URL(c.req.url).origin) return `Origin: ${origin}`;
  return null;
}

/** Whether a form's csrf field equals the expected token (compared in constant time). */
export async function csrfMatches(expected: string, presented: string | undefined): Promise<boolean> {
  return presented !== undefined && presented.length > 0 && presented.length <= 200 && (await safeEqual(presented, expected));
}

/** The signed-in session of this request, or null; a stale cookie is cleared. Slides the idle timeout (throttled). */
export async function currentSession(c: Context<AppEnv>): Promise<Session | null> {
  const id = readSessionCookie(c);
  if (id === undefined) return null;
  const found = await findSession(c.var.db, id);
  if (typeof found === 'string') {
    clearSessionCookie(c);
    return null;
  }
  if (needsTouch(found)) {
    const touch = touchSession(c.var.db, found.idHash).catch(() => undefined);
    try {
      c.executionCtx.waitUntil(touch);
    } catch {
      await touch; // no execution context (app.request in tests)
    }
  }
  return found;
}

/** No session: a write gets 401 and a page saying so; a read goes to sign in and comes back here. */
export function signedOut(c: Context): Response {
  if (!SAFE.has(c.req.method)) return c.html(messagePage({ title: 'Signed out', message: 'Your session has ended. Sign in again, then repeat the action.', signInLink: true }), 401);
  const url = new URL(c.req.url);
  return c.redirect(`/console/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 303);
}

/** Refuses a write without the same-origin signs and the session's token: 403 with a page saying why. */
export async function checkWrite(c: Context<AppEnv>, session: Session): Promise<Response | null> {
  const why = crossSite(c);
  if (why) return c.html(messagePage({ title: 'Refused', message: `This request came from another site (${why}); only this site's own forms are accepted.`, viewer: session }), 403);
  const form = await readForm(c);
  if (!(await csrfMatches(session.csrf, form.csrf))) {
    return c.html(messagePage({ title: 'Refused', message: 'This form has expired or did not come from this site (missing or wrong CSRF token). Reload the page and try again.', viewer: session }), 403);
  }
  return null;
}
