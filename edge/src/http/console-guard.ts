// The console's gate: who the session cookie names (signed out → sign-in), moderators only (else 403), and for every
// state-changing request a same-origin check and the session's CSRF token (constant-time), before any handler runs.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import { safeEqual } from '../services/crypto.js';
import { findSession, needsTouch, touchSession, type Session } from '../services/sessions.js';
import { messagePage, continuePage } from '../console/message-page.js';
import { readForm } from './form.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

export interface ConsoleEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { session: Session };
}

const SAFE = new Set(['GET', 'HEAD']);

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

/** Refuses a write without the same-origin signs and the session's token: 403 with a page saying why. */
export async function checkWrite(c: Context<AppEnv>, session: Session): Promise<Response | null> {
  const why = crossSite(c);
  if (why) return c.html(messagePage({ title: 'Refused', message: `This request came from another site (${why}); the console only accepts its own forms.`, viewer: session }), 403);
  const form = await readForm(c);
  if (!(await csrfMatches(session.csrf, form.csrf))) {
    return c.html(messagePage({ title: 'Refused', message: 'This form has expired or did not come from this console (missing or wrong CSRF token). Reload the page and try again.', viewer: session }), 403);
  }
  return null;
}

export const requireModerator: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const session = await currentSession(c as unknown as Context<AppEnv>);
  const safe = SAFE.has(c.req.method);
  if (!session) {
    if (!safe) return c.html(messagePage({ title: 'Signed out', message: 'Your session has ended. Sign in again, then repeat the action.', signInLink: true }), 401);
    const url = new URL(c.req.url);
    const here = `${url.pathname}${url.search}`;
    // SameSite=Strict cookies stay home on a navigation from another site: one same-origin hop brings them back.
    const site = c.req.header('Sec-Fetch-Site');
    if ((site === 'cross-site' || site === 'same-site') && readSessionCookie(c) === undefined) return c.html(continuePage(here), 200);
    return c.redirect(`/console/sign-in?next=${encodeURIComponent(here)}`, 303);
  }
  if (!session.moderator) {
    return c.html(
      messagePage({
        title: 'Moderators only',
        message: `You are signed in as ${session.email}, but this account does not have the moderator role, so the console is closed to it. An administrator can grant the role (clearance admin roles grant).`,
        viewer: session,
      }),
      403,
    );
  }
  if (!safe) {
    const refused = await checkWrite(c as unknown as Context<AppEnv>, session);
    if (refused) return refused;
  }
  c.set('session', session);
  await next();
};
