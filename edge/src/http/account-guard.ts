// The customer's pages (/account/): any signed-in account (else sign-in, coming back here), and for every write the
// same-origin check and the session's CSRF token.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import type { Session } from '../services/sessions.js';
import { messagePage } from '../console/message-page.js';
import { checkWrite, currentSession, SAFE } from './session-guard.js';

export interface AccountEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { session: Session };
}

export const requireSignedIn: MiddlewareHandler<AccountEnv> = async (c, next) => {
  const ctx = c as unknown as Context<AppEnv>;
  const session = await currentSession(ctx);
  const safe = SAFE.has(c.req.method);
  if (!session) {
    if (!safe) return c.html(messagePage({ title: 'Signed out', message: 'Your session has ended. Sign in again, then repeat the action.', signInLink: true }), 401);
    const url = new URL(c.req.url);
    return c.redirect(`/console/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 303);
  }
  if (!safe) {
    const refused = await checkWrite(ctx, session);
    if (refused) return refused;
  }
  c.set('session', session);
  await next();
};
