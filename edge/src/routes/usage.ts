// GET /v1/usage: the caller's downloads, quota, remaining and charges for a month (default: this one).
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, errors, json, Month, router } from '../http/validation.js';
import { monthOf } from '../services/months.js';
import { usageFor } from '../services/usage.js';

export const usageRoutes = router();
usageRoutes.use('*', requireKey);

const Usage = z
  .object({
    month: z.string(), plan: z.string(), downloads: z.number(), quota: z.number(), remaining: z.number(),
    charges: z.object({ feesMicros: z.number(), pricesMicros: z.number(), planMicros: z.number(), totalMicros: z.number() }),
    spendCapMicros: z.number().nullable().openapi({ description: 'The account\'s monthly cap on download charges (µ$; PATCH /v1/account), null for none' }),
    spendRemainingMicros: z.number().nullable().openapi({ description: 'What download charges may still cost this month under the cap (µ$), null for no cap' }),
  })
  .openapi('Usage');

usageRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags: ['account'], security: bearer, request: { query: z.object({ month: Month.optional() }) },
    responses: { 200: json(Usage, 'Usage of the month'), ...errors },
  }),
  async (c) => c.json(await usageFor(c.var.db, c.var.caller.accountId, c.req.valid('query').month ?? monthOf(new Date())), 200),
);
