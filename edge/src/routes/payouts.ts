// Rights holders' payout statements through the API (/v1/payouts): every statement of the holders the key speaks for,
// the open month so far, and one month's statement with each charged download (JSON or CSV).
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, errors, json, Month, router } from '../http/validation.js';
import { holderPayouts, holdersOfAccount } from '../services/billing-overview.js';
import { payoutRecord, toCsv } from '../services/billing-exports.js';
import { ApiError, notFound } from '../services/errors.js';
import { payoutLines, payoutOf } from '../services/payouts.js';
import { paymentsProvider } from '../services/payments-provider-select.js';

export const payoutRoutes = router();
payoutRoutes.use('*', requireKey);
const tags = ['payouts'];

const PayoutSchema = z
  .object({
    month: z.string(), rightsHolder: z.string(), downloads: z.number(), pricesMicros: z.number().openapi({ description: 'What the works earned this month' }),
    feesMicros: z.number().openapi({ description: 'What the platform kept: the flat fee of each of these downloads' }),
    carriedInMicros: z.number(), payableMicros: z.number(), paidMicros: z.number(), carriedOutMicros: z.number(), thresholdMicros: z.number(),
    currency: z.string(), paidMinor: z.number(), closedAt: z.string().nullable(), status: z.string(), note: z.string().nullable(),
  })
  .openapi('Payout');
const out = (p: Parameters<typeof payoutRecord>[0] | (Omit<Parameters<typeof payoutRecord>[0], 'id' | 'closedAt' | 'providerTransferId'> & { closedAt?: string })) =>
  ({ ...payoutRecord({ closedAt: null, ...p } as Parameters<typeof payoutRecord>[0]), status: p.status, note: p.note }) as z.infer<typeof PayoutSchema>;

async function holdersOf(c: { var: { db: Parameters<typeof holdersOfAccount>[0]; caller: { accountId: string } } }): Promise<string[]> {
  const holders = await holdersOfAccount(c.var.db, c.var.caller.accountId);
  if (!holders.length) throw new ApiError(403, 'forbidden', 'payouts are for rights holders: this account is not one');
  return holders;
}

payoutRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags, security: bearer, summary: 'Payout statements of the rights holders this key speaks for, and the open month so far',
    responses: { 200: json(z.object({ holders: z.array(z.object({ rightsHolder: z.string(), payoutAccount: z.boolean(), thresholdMicros: z.number(), preview: PayoutSchema.nullable(), statements: z.array(PayoutSchema) })) }), 'Statements'), ...errors },
  }),
  async (c) => {
    const provider = paymentsProvider(c.env);
    const holders = await Promise.all((await holdersOf(c)).map((h) => holderPayouts(c.var.db, c.env, provider, h)));
    return c.json({
      holders: holders.map((h) => ({ rightsHolder: h.rightsHolder, payoutAccount: h.payoutAccount !== null, thresholdMicros: h.thresholdMicros, preview: h.preview ? out(h.preview) : null, statements: h.statements.map(out) })),
    }, 200);
  },
);

const Line = z.object({ at: z.string(), itemId: z.string(), priceMicros: z.number(), feeMicros: z.number() });

payoutRoutes.openapi(
  createRoute({
    method: 'get', path: '/{month}', tags, security: bearer, summary: 'A closed month\'s statement with each charged download (format=csv: the downloads as CSV)',
    request: { params: z.object({ month: Month }), query: z.object({ holder: z.string().max(200).optional(), format: z.enum(['json', 'csv']).optional() }) },
    responses: { 200: json(z.object({ payout: PayoutSchema, downloads: z.array(Line) }), 'The statement'), ...errors },
  }),
  async (c) => {
    const { month } = c.req.valid('param');
    const { holder, format } = c.req.valid('query');
    const holders = await holdersOf(c);
    const name = holder ?? holders[0]!;
    if (!holders.includes(name)) throw notFound(`rights holder '${name}'`);
    const payout = await payoutOf(c.var.db, name, month);
    if (!payout) throw notFound(`a closed statement of ${name} for ${month}`);
    const lines = await payoutLines(c.var.db, name, month);
    if (format === 'csv') {
      c.header('Content-Disposition', `attachment; filename="clearance-payout-${month}.csv"`);
      const csv = toCsv(['month', 'rightsHolder', 'at', 'itemId', 'priceMicros', 'feeMicros'], lines.map((l) => ({ month, rightsHolder: name, ...l })));
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
    }
    return c.json({ payout: out(payout), downloads: lines }, 200);
  },
);
