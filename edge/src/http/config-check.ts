// Refuses to serve while the Worker is misconfigured (SIGNING_SECRET missing, short or equal to ADMIN_TOKEN): a 503 in
// the error shape naming the secret, and a line in the Worker's log (at most once a minute per isolate).
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import { signingSecretProblem } from '../services/signing.js';
import { errorResponse } from './errors.js';

let loggedAt = 0;

export const requireConfig: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problem = signingSecretProblem(c.env);
  if (!problem) return next();
  if (Date.now() - loggedAt > 60_000) {
    loggedAt = Date.now();
    console.error(`clearance: refusing every request until this is fixed: ${problem}`);
  }
  return errorResponse(c, 503, 'misconfigured', `the server is misconfigured: ${problem}`, { 'Retry-After': '60' });
};
