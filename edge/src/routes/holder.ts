// The rights holder's dashboard under /holder/: claims of ownership (domain token checked by the edge), submitting works,
// prices, withdrawals, the monthly statement and the download audit (page and CSV). Every page behind requireHolder.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { holderHomePage } from '../console/holder-home-page.js';
import { holderStatementPage } from '../console/holder-statement-page.js';
import { messagePage } from '../console/message-page.js';
import { uploadBodyLimit } from '../http/body-limit.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { requireHolder, type HolderEnv } from '../http/holder-guard.js';
import { checkableDomain, verificationUrl, verifySettings } from '../services/domain-check.js';
import { checkDomainClaim } from '../services/domain-claims.js';
import { ApiError } from '../services/errors.js';
import { auditCsv, holderAudit, holderStatement } from '../services/holder-statement.js';
import { addClaim, claimsOf, holderById, verificationLine } from '../services/holders.js';
import { monthOf } from '../services/months.js';
import { MAX_PRICE_MICROS } from '../services/prices.js';
import { priceWork, submitWork, withdrawWork, worksOf } from '../services/submissions.js';

export const holderRoutes = new Hono<HolderEnv>();

holderRoutes.use(
  '/holder/*',
  uploadBodyLimit,
  requireHolder,
);

const Price = z.coerce.number().int('a whole number of µ$').min(0, 'at least 0').max(MAX_PRICE_MICROS, `at most ${MAX_PRICE_MICROS} µ$`);
const WorkForm = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  creator: z.string().trim().min(1, 'a creator is required').max(200),
  priceMicros: Price,
  generativeTraining: z.enum(['yes', 'no'], 'say whether generative training is allowed'),
});
const ClaimForm = z.object({ method: z.enum(['domain', 'review']), subject: z.string().trim().min(1, 'say what you claim').max(1000) });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

async function home(c: Context<HolderEnv>, status: 200 | 400 | 403 | 404 | 409 | 413 | 415 = 200, msg: { notice?: string; error?: string } = {}) {
  const holder = await holderById(c.var.db, c.var.holder.id);
  const settings = verifySettings(c.env);
  const claims = (await claimsOf(c.var.db, holder.id)).map((cl) => ({
    ...cl,
    line: verificationLine(cl),
    url: cl.method === 'domain' ? verificationUrl(cl.subject, settings) : null,
  }));
  const works = await worksOf(c.var.db, holder.id);
  return c.html(holderHomePage({ viewer: viewerOf(c.var.session), holder, claims, works, ...msg }), status);
}

/** A refusal from a service as the dashboard with the message (status kept), anything else to the error handler. */
async function orRefusal(c: Context<HolderEnv>, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && err.status < 500 && err.status !== 401) return home(c, err.status as 400, { error: err.message });
    throw err;
  }
}

holderRoutes.get('/holder/', (c) => home(c, 200, { ...(c.req.query('done') ? { notice: c.req.query('done')!.slice(0, 200) } : {}) }));

holderRoutes.post('/holder/claims', async (c) => {
  const form = ClaimForm.safeParse(await readForm(c));
  if (!form.success) return home(c, 400, { error: form.error.issues[0]!.message });
  let subject = form.data.subject;
  if (form.data.method === 'domain') {
    const d = checkableDomain(subject, verifySettings(c.env));
    if ('error' in d) return home(c, 400, { error: `Not a domain we can check: ${d.error}.` });
    subject = d.domain;
  }
  return orRefusal(c, async () => {
    await addClaim(c.var.db, c.var.holder.id, form.data.method, subject);
    return c.redirect(`/holder/?done=${encodeURIComponent(form.data.method === 'domain' ? 'Claim added: publish the token file, then check.' : 'Claim added: a moderator will review it.')}`, 303);
  });
});

holderRoutes.post('/holder/claims/:id/check', (c) =>
  orRefusal(c, async () => {
    const claim = await checkDomainClaim(c.var.db, c.env, c.var.holder.id, c.req.param('id'));
    return c.redirect(`/holder/?done=${encodeURIComponent(`Verified: ${claim.subject}.`)}`, 303);
  }),
);

holderRoutes.post('/holder/works', async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  const form = WorkForm.safeParse(body);
  if (!form.success) return home(c, 400, { error: form.error.issues[0]!.message });
  if (!(file instanceof File)) return home(c, 400, { error: 'Choose the file of the original.' });
  return orRefusal(c, async () => {
    const sub = await submitWork(c.var.db, c.env, c.var.holder, { ...form.data, generativeTraining: form.data.generativeTraining === 'yes' }, { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type });
    return c.redirect(`/holder/?done=${encodeURIComponent(`Submitted: ${sub.title} (${sub.itemId}). The next release checks it.`)}`, 303);
  });
});

holderRoutes.post('/holder/works/:id/price', async (c) => {
  const price = Price.safeParse((await readForm(c)).priceMicros);
  if (!price.success) return home(c, 400, { error: `Price not set: ${price.error.issues[0]!.message}.` });
  return orRefusal(c, async () => {
    await priceWork(c.var.db, c.var.holder, c.req.param('id'), price.data);
    return c.redirect(`/holder/?done=${encodeURIComponent('Price set.')}`, 303);
  });
});

holderRoutes.post('/holder/works/:id/withdraw', async (c) => {
  const reason = z.string().trim().min(1).max(500).safeParse((await readForm(c)).reason);
  if (!reason.success) return home(c, 400, { error: 'Say why you withdraw it (recorded with the withdrawal).' });
  return orRefusal(c, async () => {
    const w = await withdrawWork(c.var.db, c.env, c.var.holder, c.req.param('id'), reason.data);
    return c.redirect(`/holder/?done=${encodeURIComponent(`Withdrawn: ${w.itemId}. Downloads are refused from now on.`)}`, 303);
  });
});

function monthParam(c: Context<HolderEnv>): string | null {
  const m = c.req.query('month');
  if (m === undefined || m === '') return monthOf(new Date());
  return Month.safeParse(m).success ? m : null;
}

holderRoutes.get('/holder/statement', async (c) => {
  const month = monthParam(c);
  if (!month) return c.html(messagePage({ title: 'Not accepted', message: 'month is YYYY-MM', viewer: viewerOf(c.var.session) }), 400);
  const [statement, audit] = await Promise.all([holderStatement(c.var.db, c.var.holder.id, month), holderAudit(c.var.db, c.env, c.var.holder.id, month)]);
  return c.html(holderStatementPage({ viewer: viewerOf(c.var.session), month, statement, audit }));
});

holderRoutes.get('/holder/audit.csv', async (c) => {
  const month = monthParam(c);
  if (!month) return c.html(messagePage({ title: 'Not accepted', message: 'month is YYYY-MM', viewer: viewerOf(c.var.session) }), 400);
  const csv = auditCsv(await holderAudit(c.var.db, c.env, c.var.holder.id, month));
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="clearance-downloads-${month}.csv"`);
  return c.body(csv);
});

holderRoutes.all('/holder/*', (c) => c.html(messagePage({ title: 'Not found', message: 'There is no page at this address.', viewer: viewerOf(c.var.session) }), 404));
