// The console's gate: who the session cookie names (signed out → sign-in), moderators only (else 403), and for every
// state-changing request a same-origin check and the session's CSRF token (constant-time), before any handler runs.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import type { Session } from '../services/sessions.js';
import { messagePage, continuePage } from '../console/message-page.js';
import { readSessionCookie } from './session-cookie.js';
import { checkWrite, currentSession, SAFE, signedOut } from './session-guard.js';

export interface ConsoleEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { session: Session };
}

export const requireModerator: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const session = await currentSession(c as unknown as Context<AppEnv>);
  const safe = SAFE.has(c.req.method);
  if (!session) {
    if (!safe) return signedOut(c);
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
