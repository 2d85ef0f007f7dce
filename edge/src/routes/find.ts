// "Find my works" pages: /find for anyone (no session; cross-site posts refused, rate-limited per client) and
// /holder/find for rights holders (session + CSRF), whose matches can be claimed or asked to be withdrawn in one step.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { findPage, type FindPageOptions } from '../console/find-page.js';
import { messagePage } from '../console/message-page.js';
import { viewerOf } from '../http/console-page.js';
import { readForm, readMultipart } from '../http/form.js';
import { requireHolder, type HolderEnv } from '../http/holder-guard.js';
import { crossSite } from '../http/session-guard.js';
import { clientKey } from '../services/client-key.js';
import { ApiError } from '../services/errors.js';
import { askWithdrawal, claimMatch } from '../services/find-claims.js';
import { verifiedDomains } from '../services/find-fetch.js';
import { MAX_FIND_BYTES } from '../services/find-identity.js';
import { type FindInput, findWorks } from '../services/find-search.js';
import type { AppEnv } from '../types/env.js';

/** The picture plus the form's fields (64 KiB): 413 past that. */
export const findBodyLimit = honoBodyLimit({
  maxSize: MAX_FIND_BYTES + 64 * 1024,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', `the upload is over ${MAX_FIND_BYTES / 1024 / 1024} MiB`);
  },
});

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** The search's input from a multipart form: the file, else (holders) the URL; 400 when neither. */
async function inputOf(c: Context, urlAllowed: boolean): Promise<FindInput> {
  const body = await readMultipart(c, 'send the form as multipart/form-data');
  const file = body.file;
  if (file instanceof File && file.size > 0) return { upload: { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type } };
  const url = typeof body.url === 'string' ? body.url.trim() : '';
  if (urlAllowed && url) return { url };
  throw new ApiError(400, 'invalid_request', urlAllowed ? 'choose a picture, or give its URL on your verified domain' : 'choose a picture to search for');
}

/** Runs `work`; a refusal (4xx) is shown on the page with its status, anything else goes to the error handler. */
async function orRefusal(c: Context, show: (status: Status, msg: { error: string }) => Promise<Response> | Response, work: () => Promise<Response>) {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && err.status < 500 && err.status !== 401) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return show(err.status as Status, { error: err.message });
    }
    throw err;
  }
}

// Anyone: the public page.
export const publicFindRoutes = new Hono<AppEnv>();
publicFindRoutes.use('/find', findBodyLimit);
const showPublic = (c: Context<AppEnv>, status: Status, p: Partial<FindPageOptions> = {}) => c.html(findPage({ viewer: null, holder: null, domains: [], ...p }), status);

publicFindRoutes.get('/find', (c) => showPublic(c, 200));
publicFindRoutes.post('/find', async (c) => {
  const why = crossSite(c);
  if (why) return c.html(messagePage({ title: 'Refused', message: `This search came from another site (${why}); use the form on this site.` }), 403);
  return orRefusal(c, (status, msg) => showPublic(c, status, msg), async () => {
    const result = await findWorks(c.var.db, c.env, { holderId: null, client: clientKey(c.req.header('CF-Connecting-IP')) }, await inputOf(c, false));
    return showPublic(c, 200, { result });
  });
});

// Rights holders: the same search, with their verified domains and the actions on each match.
export const holderFindRoutes = new Hono<HolderEnv>();
holderFindRoutes.use('/holder/find/*', findBodyLimit, requireHolder); // matches /holder/find itself too

async function showHolder(c: Context<HolderEnv>, status: Status, p: Partial<FindPageOptions> = {}) {
  const domains = await verifiedDomains(c.var.db, c.var.holder.id);
  return c.html(findPage({ viewer: viewerOf(c.var.session), holder: c.var.holder, domains, ...p }), status);
}

holderFindRoutes.get('/holder/find', (c) => showHolder(c, 200, c.req.query('done') ? { notice: c.req.query('done')!.slice(0, 300) } : {}));

holderFindRoutes.post('/holder/find', (c) =>
  orRefusal(c, (status, msg) => showHolder(c, status, msg), async () => {
    const result = await findWorks(c.var.db, c.env, { holderId: c.var.holder.id, client: clientKey(c.req.header('CF-Connecting-IP')) }, await inputOf(c, true));
    return showHolder(c, 200, { result });
  }),
);

const ClaimForm = z.object({ evidence: z.string().min(1, 'the match evidence is missing: search again').max(8000), statement: z.string().trim().min(1, 'say why the work is yours').max(1000, 'at most 1,000 characters') });
const WithdrawalForm = z.object({ evidence: z.string().min(1, 'the match evidence is missing: search again').max(8000), note: z.string().trim().max(1000, 'at most 1,000 characters').optional() });

holderFindRoutes.post('/holder/find/claim', async (c) => {
  const form = ClaimForm.safeParse(await readForm(c));
  if (!form.success) return showHolder(c, 400, { error: form.error.issues[0]!.message });
  return orRefusal(c, (status, msg) => showHolder(c, status, msg), async () => {
    const claim = await claimMatch(c.var.db, c.env, c.var.holder, form.data.evidence, form.data.statement);
    return c.redirect(`/holder/find?done=${encodeURIComponent(`Claim sent for ${claim.itemId}: a moderator will compare your evidence with it. If they agree, it is withdrawn.`)}`, 303);
  });
});

holderFindRoutes.post('/holder/find/withdrawal', async (c) => {
  const form = WithdrawalForm.safeParse(await readForm(c));
  if (!form.success) return showHolder(c, 400, { error: form.error.issues[0]!.message });
  return orRefusal(c, (status, msg) => showHolder(c, status, msg), async () => {
    const flag = await askWithdrawal(c.var.db, c.env, c.var.holder, form.data.evidence, form.data.note || undefined);
    return c.redirect(`/holder/find?done=${encodeURIComponent(`Withdrawal asked for ${flag.itemId}: it is in the moderators’ flag queue.`)}`, 303);
  });
});

holderFindRoutes.all('/holder/find/*', (c) => c.html(messagePage({ title: 'Not found', message: 'There is no page at this address.', viewer: viewerOf(c.var.session) }), 404));
