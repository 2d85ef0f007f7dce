// CORS for /v1/*: allowed origins parsed once per CORS_ORIGINS value; a request without Origin only gets Vary: Origin.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../types/env.js';

let parsedFrom: string | undefined;
let allowed = new Set<string>();

/** The allowed origins of a CORS_ORIGINS value (comma-separated), re-parsed only when the value changes. */
export function allowedOrigins(value: string): Set<string> {
  if (value !== parsedFrom) {
    allowed = new Set(value.split(',').map((s) => s.trim()).filter(Boolean));
    parsedFrom = value;
  }
  return allowed;
}

const withCors = cors({
  origin: (origin, c) => (allowedOrigins(String(c.env.CORS_ORIGINS ?? '')).has(origin) ? origin : null),
  allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Range'],
  exposeHeaders: ['Retry-After', 'ETag', 'Content-Range', 'Content-Length', 'X-Request-Id', 'X-Charged-Micros', 'Clearance-Filter', 'Clearance-Filter-From'],
  maxAge: 600,
});

/**
 * A request without an Origin header is not a CORS request (browsers always send Origin on those): no CORS headers
 * apply, only `Vary: Origin` so that a shared cache never serves it to a cross-origin caller. Preflights always run.
 */
export const corsV1: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'OPTIONS' && !c.req.raw.headers.has('Origin')) {
    await next();
    c.header('Vary', 'Origin', { append: true });
    return;
  }
  return withCors(c, next);
};
