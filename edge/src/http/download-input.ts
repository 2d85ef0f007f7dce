// Input checks of GET /v1/items/:id/download without zod on the hot path: the same limits the OpenAPI schemas state.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { ApiError } from '../services/errors.js';
import { ID_MAX } from './validation.js';

export interface SignedQuery { acct?: string; kid?: string; exp?: string; sig?: string }

/** Longest accepted value of each signed-URL query field (as in the route's OpenAPI query schema). */
export const SIGNED_QUERY_LIMITS: Readonly<Record<keyof SignedQuery, number>> = { acct: 100, kid: 100, exp: 20, sig: 200 };

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);

/** The item id (1 to 300 characters, already URL-decoded) and the signed-URL fields (each at most once, bounded). */
export function downloadInput(c: Context<AppEnv>): { id: string; query: SignedQuery } {
  const id = c.req.param('id') ?? '';
  if (id.length < 1 || id.length > ID_MAX) throw invalid(`id: expected 1 to ${ID_MAX} characters`);
  const query: SignedQuery = {};
  if (!c.req.url.includes('?')) return { id, query }; // the common Bearer download: nothing to parse
  const all = c.req.queries();
  for (const name of Object.keys(SIGNED_QUERY_LIMITS) as (keyof SignedQuery)[]) {
    const values = all[name];
    if (values === undefined) continue;
    if (values.length !== 1) throw invalid(`${name}: expected a single value`);
    if (values[0]!.length > SIGNED_QUERY_LIMITS[name]) throw invalid(`${name}: expected at most ${SIGNED_QUERY_LIMITS[name]} characters`);
    query[name] = values[0]!;
  }
  return { id, query };
}
