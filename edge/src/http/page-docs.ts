// OpenAPI entries for server-rendered pages (console, holders', customers'): one summary per path, the responses every form page shares.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../types/env.js';

export type PageDoc = [method: 'get' | 'post', path: string, summary: string];

/** Registers each page with 200 (`ok` says what it returns), 303, 401 for signed-out writes, 403 (`refused` says when)
 *  and any `more` responses. */
export function registerPages(app: OpenAPIHono<AppEnv>, tag: string, docs: readonly PageDoc[], r: { ok: string; refused: string; more?: Record<number, { description: string }> }): void {
  for (const [method, path, summary] of docs) {
    app.openAPIRegistry.registerPath({
      method, path, tags: [tag], summary,
      responses: {
        200: { description: r.ok }, 303: { description: 'Redirect (after a form, or to sign-in when signed out)' },
        401: { description: 'Signed out (writes)' }, 403: { description: r.refused }, ...r.more,
      },
    });
  }
}
