// The caller's billing through the API (/v1/billing): plan and standing, invoices (closed, and the open month as a
// preview) as JSON or CSV, the plan-change log, upgrade (from next month) and cancel (at the month's end).
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, errors, json, jsonBody, Month, router } from '../http/validation.js';
import { requestCancel, requestUpgrade } from '../services/billing-plans.js';
import { invoiceRecord, invoicesCsv, toCsv, INVOICE_COLUMNS } from '../services/billing-exports.js';
import { customerBilling } from '../services/billing-overview.js';
import { notFound } from '../services/errors.js';
import { invoiceId, invoiceOrPreview, invoicesOfAccount } from '../services/invoices.js';
import { monthOf } from '../services/months.js';
import { paymentsProvider } from '../services/payments-provider-select.js';

export const billingRoutes = router();
billingRoutes.use('*', requireKey);
const tags = ['billing'];

const InvoiceSchema = z
  .object({
    id: z.string(), month: z.string(), accountId: z.string(), planId: z.string(), planFeeMicros: z.number(), downloads: z.number(),
    feesMicros: z.number(), pricesMicros: z.number(), totalMicros: z.number(), currency: z.string(),
    planFeeMinor: z.number().openapi({ description: 'The plan fee in cents, rounded half up' }),
    usageMinor: z.number().openapi({ description: 'Fees + prices in cents, rounded half up' }),
    totalMinor: z.number().openapi({ description: 'planFeeMinor + usageMinor: the amount due' }),
    closedAt: z.string().nullable().openapi({ description: 'null: the open month (a preview; figures so far)' }),
    paymentStatus: z.string().openapi({ description: 'none | pending | open | paid | failed; preview for the open month' }),
  })
  .openapi('Invoice');
type Figures = Parameters<typeof invoiceRecord>[0];
const out = (i: Partial<Figures> & Omit<Figures, 'id' | 'closedAt' | 'providerInvoiceId' | 'paymentStatus' | 'paymentUpdatedAt'>) => ({
  ...invoiceRecord({ ...i, id: i.id ?? invoiceId(i.accountId, i.month), closedAt: i.closedAt ?? null } as Figures),
  closedAt: i.closedAt ?? null,
  paymentStatus: i.paymentStatus ?? 'preview',
}) as z.infer<typeof InvoiceSchema>;

const Billing = z.object({
  plan: z.object({ id: z.string(), name: z.string(), monthlyFeeMicros: z.number() }),
  status: z.enum(['active', 'past_due']),
  pending: z.object({ plan: z.string(), from: z.string(), reason: z.string() }).nullable().openapi({ description: 'A plan change that starts on the first day of `from`' }),
  preview: InvoiceSchema,
  invoices: z.array(InvoiceSchema),
});

billingRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags, security: bearer, summary: 'Your plan, standing, scheduled change, closed invoices and this month so far', responses: { 200: json(Billing, 'Billing'), ...errors } }),
  async (c) => {
    const b = await customerBilling(c.var.db, c.var.caller.accountId);
    return c.json({
      plan: { id: b.plan.id, name: b.plan.name, monthlyFeeMicros: b.plan.monthlyFeeMicros }, status: b.status, pending: b.pending,
      preview: out(b.preview), invoices: b.invoices.map(out),
    }, 200);
  },
);

billingRoutes.openapi(
  createRoute({
    method: 'get', path: '/invoices.csv', tags, security: bearer, summary: 'Your closed invoices as CSV (figures only; the same bytes every time)',
    responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' }, ...errors },
  }),
  async (c) => {
    c.header('Content-Disposition', 'attachment; filename="clearance-invoices.csv"');
    return c.body(invoicesCsv(await invoicesOfAccount(c.var.db, c.var.caller.accountId)), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  },
);

billingRoutes.openapi(
  createRoute({
    method: 'get', path: '/invoices/{month}', tags, security: bearer, summary: 'One month\'s invoice (the open month: a preview), as JSON or CSV',
    request: { params: z.object({ month: Month }), query: z.object({ format: z.enum(['json', 'csv']).optional() }) },
    responses: { 200: json(z.object({ invoice: InvoiceSchema, closed: z.boolean() }), 'The invoice (CSV with format=csv)'), ...errors },
  }),
  async (c) => {
    const { month } = c.req.valid('param');
    const found = await invoiceOrPreview(c.var.db, c.var.caller.accountId, month, monthOf(new Date()));
    if (!found) throw notFound(`invoice for ${month}`);
    const invoice = out(found.invoice);
    if (c.req.valid('query').format === 'csv') {
      c.header('Content-Disposition', `attachment; filename="clearance-invoice-${month}.csv"`);
      return c.body(toCsv(INVOICE_COLUMNS, [invoice]), 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
    }
    return c.json({ invoice, closed: found.closed }, 200);
  },
);

const Change = z.object({ plan: z.string(), from: z.string().nullable(), changed: z.boolean().optional() });

billingRoutes.openapi(
  createRoute({
    method: 'post', path: '/upgrade', tags, security: bearer,
    summary: 'Move to a paid plan (default curation) from the first day of next month: no proration, the fee is billed for whole months from then',
    request: jsonBody(z.object({ plan: z.string().min(1).max(40).default('curation') }).strict()),
    responses: { 200: json(Change, 'Scheduled'), 409: errors[403], ...errors },
  }),
  async (c) => {
    const r = await requestUpgrade(c.var.db, paymentsProvider(c.env), c.var.caller.accountId, c.req.valid('json').plan, `key:${c.var.caller.keyPrefix}`);
    return c.json({ plan: r.toPlan, from: r.from }, 200);
  },
);

billingRoutes.openapi(
  createRoute({
    method: 'post', path: '/cancel', tags, security: bearer,
    summary: 'Leave your paid plan at the month\'s end (pay-as-you-go from next month; private collections stay readable); cancels a scheduled upgrade at once',
    responses: { 200: json(Change, 'Scheduled (from: null when a scheduled upgrade was withdrawn)'), 409: errors[403], ...errors },
  }),
  async (c) => {
    const r = await requestCancel(c.var.db, paymentsProvider(c.env), c.var.caller.accountId, `key:${c.var.caller.keyPrefix}`);
    return c.json({ plan: r.toPlan, from: r.from, changed: r.changed }, 200);
  },
);

billingRoutes.openapi(
  createRoute({
    method: 'get', path: '/changes', tags, security: bearer, summary: 'Every change of your plan, scheduled, withdrawn or applied (newest first)',
    responses: { 200: json(z.object({ changes: z.array(z.object({ fromPlan: z.string(), toPlan: z.string(), effectiveMonth: z.string(), event: z.string(), reason: z.string(), by: z.string(), at: z.string() })) }), 'Plan changes'), ...errors },
  }),
  async (c) => {
    const b = await customerBilling(c.var.db, c.var.caller.accountId);
    return c.json({ changes: b.changes.map(({ id: _id, accountId: _a, ...rest }) => rest) }, 200);
  },
);
