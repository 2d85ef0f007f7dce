// POST /v1/find ("Find my works"): anyone searches the catalogue with a picture (multipart); a rights holder's key may
// give a URL on a verified domain instead (JSON), and gets each match's signed evidence for POST /v1/find/claims and
// /v1/find/withdrawals. The picture is used for the search only and never stored.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { optionalCaller, requireKey } from '../http/auth.js';
import { bearer, errors, json, jsonBody, router } from '../http/validation.js';
import { clientKey } from '../services/client-key.js';
import { ApiError } from '../services/errors.js';
import { askWithdrawal, claimMatch } from '../services/find-claims.js';
import { MAX_FIND_PIXELS } from '../services/find-decode.js';
import { MAX_FIND_BYTES } from '../services/find-identity.js';
import { type FindInput, findWorks } from '../services/find-search.js';
import { holderOfAccount } from '../services/holders.js';
import type { AppEnv } from '../types/env.js';
import { findBodyLimit } from './find.js';
import { readMultipart } from '../http/form.js';

export const findApiRoutes = router();
const tags = ['find'];

/** The path whose body may be larger than the /v1 limit (index.ts lets it through; findBodyLimit limits it). */
export const FIND_PATH = '/v1/find';

const holderOf = async (c: Context<AppEnv>) => {
  const caller = await optionalCaller(c);
  if (!caller) return null;
  const h = await holderOfAccount(c.var.db, caller.accountId);
  if (!h) throw new ApiError(403, 'forbidden', 'this account did not sign up as a rights holder: search without a key, or sign up at /holder/sign-up');
  return h;
};

async function inputOf(c: Context<AppEnv>, holder: boolean): Promise<FindInput> {
  const type = c.req.header('Content-Type') ?? '';
  if (/^application\/json\b/i.test(type)) {
    const body = z.object({ url: z.string().trim().min(1).max(2000) }).strict().safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) throw new ApiError(400, 'invalid_request', 'send { "url": "https://…" } or a multipart form with file');
    if (!holder) throw new ApiError(401, 'unauthorized', 'searching by URL needs a rights holder’s key (the URL must be on one of their verified domains)');
    return { url: body.data.url };
  }
  const body = await readMultipart(c, 'send multipart/form-data with file, or JSON { "url" } with a rights holder’s key');
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) throw new ApiError(400, 'invalid_request', 'file: the picture to search for is required');
  return { upload: { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type } };
}

findApiRoutes.post('/', findBodyLimit, async (c) => {
  const holder = await holderOf(c);
  const input = await inputOf(c, holder !== null);
  const r = await findWorks(c.var.db, c.env, { holderId: holder?.id ?? null, client: clientKey(c.req.header('CF-Connecting-IP')) }, input);
  return c.json({
    query: { sha256: r.query.sha256, format: r.query.format, width: r.query.width, height: r.query.height, bytes: r.query.bytes, hash: r.query.identity.fingerprint.hash, url: r.url },
    matches: r.matches.map((m) => ({
      item: { id: m.item.id, title: m.item.title, creator: m.item.creator, licence: m.item.licence, rightsHolder: m.item.rightsHolder, thumbUrl: `/files/${m.item.thumbKey}` },
      signal: m.signal, hash: m.hash, colour: m.colour === null ? null : Math.round(m.colour * 100) / 100, ...(m.token ? { evidence: m.token } : {}),
    })),
  }, 200);
});
findApiRoutes.openAPIRegistry.registerPath({
  method: 'post', path: '/', tags,
  summary: `Find my works: does the catalogue hold this picture or an edited copy? multipart/form-data with file (JPEG or PNG by its bytes, ≤ ${MAX_FIND_BYTES / 1024 / 1024} MiB, ≤ ${MAX_FIND_PIXELS / 1e6} MP, sides ≥ 32 px), no key needed; or, with a rights holder's key, JSON { url } on one of their verified domains. Never stored. Answers { query, matches: [{ item, signal: sha256|hash|mirrored|framed|framed-mirrored, hash, colour, evidence? }] }.`,
  responses: {
    200: { description: 'The matches, closest first (at most 20); `evidence` (holders only) is valid for an hour' },
    400: { description: 'No file, bad URL, image too small' }, 401: { description: 'URL without a holder key, or a bad key' },
    403: { description: 'URL not on a verified domain, or a key of an account that is not a holder' },
    413: { description: 'Too large (bytes or pixels)' }, 415: { description: '`not_an_image`, `type_mismatch`, `unsupported_format`' },
    422: { description: '`unreadable_image` or `fetch_failed`' }, 429: { description: 'Too many searches; Retry-After' },
  },
});

const Evidence = z.string().min(1).max(8000);
const claimed = json(z.object({ claim: z.object({ id: z.string(), itemId: z.string(), status: z.literal('pending') }) }), 'Claim recorded: a moderator decides');

findApiRoutes.use('/claims', requireKey);
findApiRoutes.use('/withdrawals', requireKey);
const keyHolder = async (c: Context<AppEnv>) => {
  const h = await holderOfAccount(c.var.db, c.var.caller.accountId);
  if (!h) throw new ApiError(403, 'forbidden', 'this account did not sign up as a rights holder (/holder/sign-up)');
  return h;
};

findApiRoutes.openapi(
  createRoute({
    method: 'post', path: '/claims', tags, security: bearer, summary: 'Claim a match as your work (verified holders): a moderator compares the evidence with the item; approved, the item is withdrawn',
    request: jsonBody(z.object({ evidence: Evidence, statement: z.string().trim().min(1).max(1000) })),
    responses: { 201: claimed, ...errors },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const claim = await claimMatch(c.var.db, c.env, await keyHolder(c), body.evidence, body.statement);
    return c.json({ claim: { id: claim.id, itemId: claim.itemId, status: 'pending' as const } }, 201);
  },
);

findApiRoutes.openapi(
  createRoute({
    method: 'post', path: '/withdrawals', tags, security: bearer, summary: 'Ask for a match’s withdrawal in one step (verified holders): a flag of reason infringing naming you',
    request: jsonBody(z.object({ evidence: Evidence, note: z.string().trim().max(1000).optional() })),
    responses: { 201: json(z.object({ flag: z.object({ id: z.string(), itemId: z.string() }) }), 'Flag recorded'), ...errors },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json({ flag: await askWithdrawal(c.var.db, c.env, await keyHolder(c), body.evidence, body.note) }, 201);
  },
);
