// The customer's pages (/account/): any signed-in account (else sign-in, coming back here), and for every write the
// same-origin check and the session's CSRF token.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import type { Session } from '../services/sessions.js';
import { checkWrite, currentSession, SAFE, signedOut } from './session-guard.js';

export interface AccountEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & { session: Session };
}

export const requireSignedIn: MiddlewareHandler<AccountEnv> = async (c, next) => {
  const ctx = c as unknown as Context<AppEnv>;
  const session = await currentSession(ctx);
  const safe = SAFE.has(c.req.method);
  if (!session) return signedOut(c);
  if (!safe) {
    const refused = await checkWrite(ctx, session);
    if (refused) return refused;
  }
  c.set('session', session);
  await next();
};
