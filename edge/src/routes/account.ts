// The caller's own account: what it is and its settings (monthly spending cap, default safety filter of listings and manifests).
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, errors, json, jsonBody, router, SpendCap } from '../http/validation.js';
import { getAccount, setSpendCap } from '../services/accounts.js';
import { filterFromJson, safetyDefaultOf, setAccountSafety } from '../services/safety-filter.js';

export const accountRoutes = router();
accountRoutes.use('*', requireKey);
const tags = ['account'];

const SafetyDefault = z
  .object({
    maxNsfw: z.number().min(0).max(1).nullable().optional().openapi({ description: 'Highest nudity score kept (0–1); null: no limit' }),
    faces: z.enum(['none', 'any']).optional().openapi({ description: '`none`: only items in which no face was detected' }),
    textPii: z.literal(false).nullable().optional().openapi({ description: '`false`: only items without personal data found in their text; null: any' }),
    includeUnscored: z.boolean().optional().openapi({ description: 'Keep items lacking a score a limit needs (default false: left out)' }),
  })
  .strict()
  .openapi('SafetyDefault', { description: 'Applied to GET /v1/items (with your key), collection item lists and manifests; a request\'s own maxNsfw, faces, textPii and includeUnscored override it field by field (`any` lifts a limit).' });

const OwnAccount = z
  .object({
    id: z.string(), email: z.string(), plan: z.string(), spendCapMicros: z.number().nullable(),
    safetyDefault: SafetyDefault.required().nullable().openapi({ description: 'Your default safety filter (null: none)' }),
    createdAt: z.string(),
  })
  .openapi('OwnAccount');
type Row = Awaited<ReturnType<typeof getAccount>>;
const out = (a: Row) => ({
  id: a.id, email: a.email, plan: a.planId, spendCapMicros: a.spendCapMicros, safetyDefault: safetyDefaultOf(a), createdAt: a.createdAt,
});

accountRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags, security: bearer, summary: 'Your account', responses: { 200: json(z.object({ account: OwnAccount }), 'Your account'), ...errors } }),
  async (c) => c.json({ account: out(await getAccount(c.var.db, c.var.caller.accountId)) }, 200),
);

accountRoutes.openapi(
  createRoute({
    method: 'patch', path: '/', tags, security: bearer, summary: 'Set your monthly spending cap and/or your default safety filter',
    description: 'Give either field or both. `safetyDefault` replaces the stored default as a whole (omitted fields: no limit); null removes it.',
    request: jsonBody(
      z
        .object({ spendCapMicros: SpendCap.optional(), safetyDefault: SafetyDefault.nullable().optional() })
        .strict()
        .refine((b) => b.spendCapMicros !== undefined || b.safetyDefault !== undefined, 'give spendCapMicros, safetyDefault or both'),
    ),
    responses: { 200: json(z.object({ account: OwnAccount }), 'Updated'), ...errors },
  }),
  async (c) => {
    const { spendCapMicros, safetyDefault } = c.req.valid('json');
    const id = c.var.caller.accountId;
    if (spendCapMicros !== undefined) await setSpendCap(c.var.db, id, spendCapMicros);
    if (safetyDefault !== undefined) await setAccountSafety(c.var.db, id, safetyDefault === null ? null : filterFromJson(safetyDefault));
    return c.json({ account: out(await getAccount(c.var.db, id)) }, 200);
  },
);
