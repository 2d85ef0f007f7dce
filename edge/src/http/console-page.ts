// Rendering helpers for console handlers: the viewer from the session, HTML error pages for the console's errors.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Viewer } from '../console/layout.js';
import { messagePage } from '../console/message-page.js';
import { ApiError } from '../services/errors.js';
import type { Session } from '../services/sessions.js';
import type { AppEnv } from '../types/env.js';
import type { ConsoleEnv } from './console-guard.js';

export const viewerOf = (s: Session): Viewer => ({ email: s.email, csrf: s.csrf, moderator: s.moderator, holder: s.holderId !== null });

const TITLES: Record<number, string> = { 400: 'Not accepted', 404: 'Not found', 409: 'Already decided', 413: 'Too large', 415: 'Not accepted', 429: 'Too many attempts' };

/** The console's error handler: an HTML page with the status and a plain message; never a stack trace. */
export function consoleError(err: Error, c: Context<AppEnv>) {
  const session = (c as unknown as Context<ConsoleEnv>).get('session') as Session | undefined;
  const viewer = session ? viewerOf(session) : null;
  if (err instanceof ApiError || (err instanceof HTTPException && err.status < 500)) {
    const status = err.status as ContentfulStatusCode;
    if (err instanceof ApiError) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.html(messagePage({ title: TITLES[status] ?? 'Refused', message: err.message || 'request refused', viewer, signInLink: !viewer }), status);
  }
  console.error('unhandled console error', c.req.method, new URL(c.req.url).pathname, err);
  return c.html(messagePage({ title: 'Something went wrong', message: 'An internal error stopped this page. Nothing was changed unless the page said so; try again.', viewer }), 500);
}
