// The caller's own account: what it is and its settings (the monthly spending cap on download charges).
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, errors, json, jsonBody, router, SpendCap } from '../http/validation.js';
import { getAccount, setSpendCap } from '../services/accounts.js';

export const accountRoutes = router();
accountRoutes.use('*', requireKey);
const tags = ['account'];

const OwnAccount = z
  .object({ id: z.string(), email: z.string(), plan: z.string(), spendCapMicros: z.number().nullable(), createdAt: z.string() })
  .openapi('OwnAccount');
const out = (a: { id: string; email: string; planId: string; spendCapMicros: number | null; createdAt: string }) => ({
  id: a.id, email: a.email, plan: a.planId, spendCapMicros: a.spendCapMicros, createdAt: a.createdAt,
});

accountRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags, security: bearer, summary: 'Your account', responses: { 200: json(z.object({ account: OwnAccount }), 'Your account'), ...errors } }),
  async (c) => c.json({ account: out(await getAccount(c.var.db, c.var.caller.accountId)) }, 200),
);

accountRoutes.openapi(
  createRoute({
    method: 'patch', path: '/', tags, security: bearer, summary: 'Set or remove your monthly spending cap',
    request: jsonBody(z.object({ spendCapMicros: SpendCap }).strict()),
    responses: { 200: json(z.object({ account: OwnAccount }), 'Updated'), ...errors },
  }),
  async (c) => c.json({ account: out(await setSpendCap(c.var.db, c.var.caller.accountId, c.req.valid('json').spendCapMicros)) }, 200),
);
