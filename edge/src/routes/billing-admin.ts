// Admin billing (/v1/admin/billing, ADMIN_TOKEN): close a month (idempotent; the cron does it for the previous month),
// export a month's invoices and payouts (JSON or CSV, same bytes on every run) and reconcile it against the ledger.
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { monthCloses } from '../db/schema.js';
import { requireAdmin } from '../http/auth.js';
import { bearer, errors, json, Month, router } from '../http/validation.js';
import { previousMonth } from '../services/billing-money.js';
import { invoicesCsv, monthJson, payoutsCsv } from '../services/billing-exports.js';
import { reconcile } from '../services/billing-reconcile.js';
import { invoicesOfMonth } from '../services/invoices.js';
import { closeMonth, previewMonth } from '../services/month-close.js';
import { monthOf } from '../services/months.js';
import { paymentsProvider } from '../services/payments-provider-select.js';
import { payoutsOfMonth } from '../services/payouts.js';

export const billingAdminRoutes = router();
billingAdminRoutes.use('*', requireAdmin);
const tags = ['admin'];

const Reconciliation = z
  .object({
    month: z.string(),
    ledger: z.object({ downloads: z.number(), feesMicros: z.number(), pricesMicros: z.number(), unattributedPricesMicros: z.number() }),
    invoices: z.object({ count: z.number(), planFeesMicros: z.number(), feesMicros: z.number(), pricesMicros: z.number(), totalMicros: z.number(), totalMinor: z.number() }),
    payouts: z.object({ count: z.number(), earnedMicros: z.number(), platformFeesMicros: z.number(), paidMicros: z.number(), carriedOutMicros: z.number() }),
    invoicesMatch: z.boolean(), payoutsMatch: z.boolean(),
  })
  .openapi('Reconciliation');
const Summary = z.object({
  month: z.string(), closedAt: z.string(), firstClose: z.boolean(),
  invoices: z.object({ count: z.number(), written: z.number(), sent: z.number(), failed: z.number() }),
  payouts: z.object({ count: z.number(), written: z.number(), transferred: z.number(), failed: z.number() }),
  planChangesApplied: z.number(), reconciliation: Reconciliation,
});

billingAdminRoutes.openapi(
  createRoute({
    method: 'post', path: '/close', tags, security: bearer,
    summary: 'Close a month (default: the previous one): write its invoices and payouts once, bill and pay through the provider, apply due plan changes',
    request: { body: { content: { 'application/json': { schema: z.object({ month: Month.optional() }).strict() } }, required: false } },
    responses: { 200: json(Summary, 'What the close wrote and sent (a re-run writes nothing)'), 409: errors[403], ...errors },
  }),
  async (c) => {
    const body = (c.req.valid('json') as { month?: string } | undefined) ?? {};
    const month = body.month ?? previousMonth(monthOf(new Date()));
    return c.json(await closeMonth(c.var.db, c.env, paymentsProvider(c.env), month), 200);
  },
);

billingAdminRoutes.openapi(
  createRoute({
    method: 'get', path: '/{month}', tags, security: bearer,
    summary: 'A closed month\'s invoices and payout statements: JSON (default), or CSV of one of them (format=csv&what=invoices|payouts)',
    request: { params: z.object({ month: Month }), query: z.object({ format: z.enum(['json', 'csv']).optional(), what: z.enum(['invoices', 'payouts']).optional() }) },
    responses: { 200: json(z.object({ month: z.string(), invoices: z.array(z.record(z.string(), z.unknown())), payouts: z.array(z.record(z.string(), z.unknown())) }), 'The month (CSV with format=csv)'), ...errors },
  }),
  async (c) => {
    const { month } = c.req.valid('param');
    const { format, what } = c.req.valid('query');
    const [inv, pay] = await Promise.all([invoicesOfMonth(c.var.db, month), payoutsOfMonth(c.var.db, month)]);
    if (format === 'csv') {
      const kind = what ?? 'invoices';
      c.header('Content-Disposition', `attachment; filename="clearance-${kind}-${month}.csv"`);
      return c.body(kind === 'invoices' ? invoicesCsv(inv) : payoutsCsv(pay), 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
    }
    return c.body(monthJson(month, inv, pay), 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never;
  },
);

billingAdminRoutes.openapi(
  createRoute({
    method: 'get', path: '/{month}/reconciliation', tags, security: bearer,
    summary: 'The month against the ledger, to the µ$: closed months from their stored invoices and payouts, others from a preview',
    request: { params: z.object({ month: Month }) },
    responses: { 200: json(Reconciliation.extend({ closed: z.boolean() }), 'Reconciliation'), ...errors },
  }),
  async (c) => {
    const { month } = c.req.valid('param');
    const closed = await c.var.db.select().from(monthCloses).where(eq(monthCloses.month, month)).get();
    if (closed) {
      const [inv, pay] = await Promise.all([invoicesOfMonth(c.var.db, month), payoutsOfMonth(c.var.db, month)]);
      return c.json({ ...(await reconcile(c.var.db, month, inv, pay)), closed: true }, 200);
    }
    const p = await previewMonth(c.var.db, c.env, paymentsProvider(c.env), month);
    return c.json({ ...p.reconciliation, closed: false }, 200);
  },
);
