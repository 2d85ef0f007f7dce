// The zod validation hook shared by every route module: a failed input becomes a 400 in the error shape.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../types/env.js';
import { ApiError } from '../services/errors.js';
import { MAX_SPEND_CAP_MICROS } from '../services/prices.js';

function describe(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  return first.join('; ').slice(0, 500);
}

export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ApiError(400, 'invalid_request', describe(result.error));
    },
  });
}

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** Standard error responses to spread into a route's `responses`. */
export const errors = {
  400: err('Invalid input'),
  401: err('Missing, invalid or revoked credentials'),
  403: err('Not allowed'),
  404: err('Not found'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const bearer = [{ bearer: [] }];

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
  .openapi({ example: '2026-11' });

export const IdParam = z.object({ id: z.string().min(1).max(300) });

/** A monthly spending cap in µ$, or null for none (the account's own route and the admin's). */
export const SpendCap = z
  .number()
  .int()
  .min(0)
  .max(MAX_SPEND_CAP_MICROS)
  .nullable()
  .openapi({
    description: 'Monthly cap on download charges (item prices + fees, µ$; the plan fee is not counted). A download that would pass it is refused with 402 `spend_cap_reached` and nothing is charged. null: no cap.',
    example: 50_000_000,
  });
