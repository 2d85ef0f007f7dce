// Admin routes (ADMIN_TOKEN): plans, accounts with their first key, plan changes, roles, extra keys.
import { createRoute, z } from '@hono/zod-openapi';
import { requireAdmin } from '../http/auth.js';
import { bearer, ErrorSchema, errors, IdParam, json, jsonBody, router, SpendCap } from '../http/validation.js';
import { createAccount, getAccount, grantRole, listAccounts, listRoles, revokeRole, setPlan, setSpendCap } from '../services/accounts.js';
import { logAdminChange } from '../services/billing-plans.js';
import { createKey } from '../services/keys.js';
import { listPlans, publicPlan, upsertPlan } from '../services/plans.js';

export const admin = router();
admin.use('*', requireAdmin);

const PlanSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    name: z.string().min(1).max(100),
    monthlyFeeMicros: z.number().int().min(0).max(1e12),
    monthlyDownloads: z.number().int().min(0).max(1e9),
    privateCollections: z.boolean(),
    earlyAccess: z.boolean().optional(),
  })
  .openapi('Plan');
const RoleBody = z.object({
  role: z.enum(['moderator', 'rightsholder']),
  rightsHolder: z.string().min(1).max(200).optional(),
});
const Roles = z.object({ roles: z.array(z.object({ role: z.string(), rightsHolder: z.string().nullable() })) });
const AccountSchema = z
  .object({ id: z.string(), email: z.string(), plan: z.string(), spendCapMicros: z.number().nullable(), createdAt: z.string() })
  .openapi('Account');
const accountOut = (a: { id: string; email: string; planId: string; spendCapMicros: number | null; createdAt: string }) => ({
  id: a.id, email: a.email, plan: a.planId, spendCapMicros: a.spendCapMicros, createdAt: a.createdAt,
});
const tags = ['admin'];

admin.openapi(
  createRoute({ method: 'get', path: '/plans', tags, security: bearer, responses: { 200: json(z.object({ plans: z.array(PlanSchema) }), 'Plans'), ...errors } }),
  async (c) => c.json({ plans: (await listPlans(c.var.db)).map(publicPlan) }, 200),
);

admin.openapi(
  createRoute({
    method: 'post', path: '/plans', tags, security: bearer, request: jsonBody(PlanSchema),
    responses: { 200: json(z.object({ plan: PlanSchema }), 'Plan updated'), 201: json(z.object({ plan: PlanSchema }), 'Plan created'), ...errors },
  }),
  async (c) => {
    const { plan, created } = await upsertPlan(c.var.db, c.req.valid('json'));
    return c.json({ plan: publicPlan(plan) }, created ? 201 : 200);
  },
);

admin.openapi(
  createRoute({ method: 'get', path: '/accounts', tags, security: bearer, responses: { 200: json(z.object({ accounts: z.array(AccountSchema) }), 'Accounts'), ...errors } }),
  async (c) => c.json({ accounts: (await listAccounts(c.var.db)).map(accountOut) }, 200),
);

admin.openapi(
  createRoute({
    method: 'post', path: '/accounts', tags, security: bearer,
    request: jsonBody(z.object({ email: z.string().max(254).pipe(z.email()), plan: z.string().min(1).max(40) })),
    responses: { 201: json(z.object({ account: AccountSchema, key: z.string() }), 'Account and its first key (shown once)'), 409: errors[403], ...errors },
  }),
  async (c) => {
    const { email, plan } = c.req.valid('json');
    const { account, key } = await createAccount(c.var.db, email.toLowerCase(), plan);
    return c.json({ account: accountOut(account), key: key.key }, 201);
  },
);

admin.openapi(
  createRoute({
    method: 'get', path: '/accounts/{id}', tags, security: bearer, request: { params: IdParam },
    responses: { 200: json(z.object({ account: AccountSchema.extend(Roles.shape) }), 'Account'), ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const account = await getAccount(c.var.db, id);
    return c.json({ account: { ...accountOut(account), roles: await listRoles(c.var.db, id) } }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'patch', path: '/accounts/{id}', tags, security: bearer, summary: 'Change an account\'s plan and/or its monthly spending cap',
    request: {
      params: IdParam,
      ...jsonBody(
        z
          .object({ plan: z.string().min(1).max(40).optional(), spendCapMicros: SpendCap.optional() })
          .strict()
          .refine((b) => b.plan !== undefined || b.spendCapMicros !== undefined, 'give plan, spendCapMicros or both'),
      ),
    },
    responses: { 200: json(z.object({ account: AccountSchema }), 'Account changed'), ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { plan, spendCapMicros } = c.req.valid('json');
    const before = await getAccount(c.var.db, id);
    let account = plan === undefined ? before : await setPlan(c.var.db, id, plan);
    if (plan !== undefined) await logAdminChange(c.var.db, id, before.planId, plan); // billed for the whole month
    if (spendCapMicros !== undefined) account = await setSpendCap(c.var.db, id, spendCapMicros);
    return c.json({ account: accountOut(account) }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'post', path: '/accounts/{id}/roles', tags, security: bearer, request: { params: IdParam, ...jsonBody(RoleBody) },
    responses: { 201: json(Roles, 'Roles of the account'), ...errors },
  }),
  async (c) => {
    const { role, rightsHolder } = c.req.valid('json');
    return c.json({ roles: await grantRole(c.var.db, c.req.valid('param').id, role, rightsHolder) }, 201);
  },
);

admin.openapi(
  createRoute({
    method: 'delete', path: '/accounts/{id}/roles', tags, security: bearer, request: { params: IdParam, ...jsonBody(RoleBody) },
    responses: { 200: json(Roles, 'Roles of the account'), ...errors },
  }),
  async (c) => {
    const { role, rightsHolder } = c.req.valid('json');
    return c.json({ roles: await revokeRole(c.var.db, c.req.valid('param').id, role, rightsHolder) }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'post', path: '/accounts/{id}/keys', tags, security: bearer,
    request: { params: IdParam, body: { content: { 'application/json': { schema: z.object({ name: z.string().max(100).optional() }) } }, required: false } },
    responses: {
      201: json(z.object({ id: z.string(), prefix: z.string(), key: z.string() }), 'A new key (shown once)'),
      ...errors,
      409: json(ErrorSchema, 'The account already has 20 active keys (`too_many_keys`)'),
    },
  }),
  async (c) => {
    const account = await getAccount(c.var.db, c.req.valid('param').id);
    const body = c.req.valid('json') as { name?: string } | undefined;
    const k = await createKey(c.var.db, account.id, body?.name ?? 'admin');
    return c.json({ id: k.id, prefix: k.prefix, key: k.key }, 201);
  },
);

