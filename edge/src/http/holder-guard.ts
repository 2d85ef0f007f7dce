// The holders' dashboard gate: a signed-in session (else sign-in), an account that signed up as a rights holder (else
// 403 with a link to sign up), and for every write the same-origin check and the session's CSRF token.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import type { Session } from '../services/sessions.js';
import { holderOfAccount, type Holder } from '../services/holders.js';
import { messagePage } from '../console/message-page.js';
import { viewerOf } from './console-page.js';
import { checkWrite, currentSession, SAFE, signedOut } from './session-guard.js';

export interface HolderEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { session: Session; holder: Holder };
}

export const requireHolder: MiddlewareHandler<HolderEnv> = async (c, next) => {
  const ctx = c as unknown as Context<AppEnv>;
  const session = await currentSession(ctx);
  const safe = SAFE.has(c.req.method);
  if (!session) return signedOut(c);
  const holder = session.holderId ? await holderOfAccount(c.var.db, session.accountId) : undefined;
  if (!holder) {
    return c.html(messagePage({ title: 'Rights holders only', message: `You are signed in as ${session.email}, which is not a rights-holder account. Sign out, then sign up at /holder/sign-up.`, viewer: viewerOf(session) }), 403);
  }
  if (!safe) {
    const refused = await checkWrite(ctx, session);
    if (refused) return refused;
  }
  c.set('session', session);
  c.set('holder', holder);
  await next();
};
