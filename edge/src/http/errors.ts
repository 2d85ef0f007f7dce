// One error handler: every failure leaves as { error: { code, message } } with the right status, never a stack.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../services/errors.js';

const codeForStatus: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorResponse(c: Context, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: { code, message } }, status as ContentfulStatusCode);
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.headers);
  // decodeURIComponent & co. on a client's malformed percent-escape (e.g. `%zz`, or `%ed%a0%80`, a lone surrogate)
  if (err instanceof URIError) return errorResponse(c, 400, 'invalid_request', 'malformed percent-escape in the URL');
  if (err instanceof HTTPException && err.status < 500) {
    const message = err.message || 'request rejected';
    return errorResponse(c, err.status, codeForStatus[err.status] ?? 'invalid_request', message);
  }
  console.error('unhandled error', c.req.method, new URL(c.req.url).pathname, err);
  return errorResponse(c, 500, 'internal', 'internal error');
}

export function notFoundHandler(c: Context) {
  return errorResponse(c, 404, 'not_found', 'no such route');
}
