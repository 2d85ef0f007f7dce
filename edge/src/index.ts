// The Clearance Worker: Hono app with middleware, one error handler and the /v1 route modules; assets serve the rest.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { drizzle } from 'drizzle-orm/d1';
import { secureHeaders } from 'hono/secure-headers';
import * as schema from './db/schema.js';
import type { AppEnv, Db } from './types/env.js';
import { bodyLimit, drainUnread } from './http/body-limit.js';
import { requireConfig } from './http/config-check.js';
import { corsV1 } from './http/cors.js';
import { notFoundHandler, onError } from './http/errors.js';
import { withGalleryHeaders } from './http/gallery-headers.js';
import { router } from './http/validation.js';
import { closePreviousMonth } from './services/month-close-cron.js';
import { accountRoutes } from './routes/account.js';
import { accountArea } from './routes/account-area.js';
import { admin } from './routes/admin.js';
import { billingRoutes } from './routes/billing.js';
import { billingAdminRoutes } from './routes/billing-admin.js';
import { changeRoutes } from './routes/changes.js';
import { collectionRoutes } from './routes/collections.js';
import { consoleHeaders, consoleRoutes } from './routes/console.js';
import { fileRoutes } from './routes/files.js';
import { FIND_PATH, findApiRoutes } from './routes/find-api.js';
import { exportRoutes } from './routes/exports.js';
import { flagRoutes } from './routes/flags.js';
import { holderApiRoutes, UPLOAD_PATH } from './routes/holder-api.js';
import { holderPages } from './routes/holder-pages.js';
import { itemRoutes } from './routes/items.js';
import { keyRoutes } from './routes/keys.js';
import { moderationRoutes } from './routes/moderation.js';
import { paymentsWebhookRoutes } from './routes/payments-webhook.js';
import { payoutRoutes } from './routes/payouts.js';
import { rightsHolderRoutes } from './routes/rightsholder.js';
import { LIST_PAGES, listPageRoutes, sitePageRoutes } from './routes/site-pages.js';
import { statsRoutes } from './routes/stats.js';
import { usageRoutes } from './routes/usage.js';
import { withdrawnRoutes } from './routes/withdrawn.js';

const app: OpenAPIHono<AppEnv> = router();
// One drizzle instance per D1 binding (building it walks the schema; no need to do that per request).
const dbs = new WeakMap<D1Database, Db>();
const dbFor = (d1: D1Database): Db => dbs.get(d1) ?? dbs.set(d1, drizzle(d1, { schema })).get(d1)!;

// Nothing is served while a required secret is missing or weak (static assets never reach the Worker).
app.use('*', requireConfig);

// Gallery item pages (assets, else R2), registered before the API middleware so they are served as the other static
// pages are: the gallery's security headers (not the API's CSP, which would block its scripts), only the error handler.
app.use('/item/*', withGalleryHeaders);
app.route('/item', sitePageRoutes);
// The moderator console's headers (CSP for its pages, no-store) wrap the API middleware below, so they are set last.
app.use('/console/*', consoleHeaders);
app.use('/holder', consoleHeaders);
app.use('/holder/*', consoleHeaders);
app.use('/account', consoleHeaders);
app.use('/account/*', consoleHeaders);
app.use('/find', consoleHeaders);
// Gallery list pages (assets): withdrawn items' cards are dropped on the way out; they carry the gallery's headers too.
for (const path of LIST_PAGES) app.use(path, withGalleryHeaders);
app.route('/', listPageRoutes);

app.use('*', async (c, next) => {
  c.set('requestId', crypto.randomUUID());
  c.set('db', dbFor(c.env.DB));
  await next();
  c.header('X-Request-Id', c.var.requestId);
  // A request body no one read (the /v1 body limit reads theirs) is drained here, never cancelled at once: cancelling
  // it broke `wrangler dev`'s proxy connection to the Worker, and the proxy answered other requests 503 "Your worker
  // restarted mid-request" (test/e2e/edge-dev); so, under load, did leaving it to the dev middleware.
  await drainUnread(c.req.raw);
});
app.use(
  '*',
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: 'same-site',
  }),
);
app.use('/v1/*', corsV1);
const v1BodyLimit = bodyLimit(64 * 1024);
// A holder's upload and a "Find my works" picture are the /v1 bodies past 64 KiB: their routes limit them.
app.use('/v1/*', (c, next) => (c.req.method === 'POST' && (c.req.path === UPLOAD_PATH || c.req.path === FIND_PATH) ? next() : v1BodyLimit(c, next)));

app.route('/v1/admin/billing', billingAdminRoutes);
app.route('/v1/admin', admin);
app.route('/v1/items', itemRoutes);
app.route('/v1/stats', statsRoutes);
app.route('/v1/usage', usageRoutes);
app.route('/v1/account', accountRoutes);
app.route('/v1/keys', keyRoutes);
app.route('/v1/collections', collectionRoutes);
app.route('/v1/flags', flagRoutes);
app.route('/v1/find', findApiRoutes);
app.route('/v1/moderation', moderationRoutes);
app.route('/v1/rightsholder', rightsHolderRoutes);
app.route('/v1/holder', holderApiRoutes);
app.route('/v1/changes', changeRoutes);
app.route('/v1/exports', exportRoutes);
app.route('/v1/withdrawn', withdrawnRoutes);
app.route('/v1/billing', billingRoutes);
app.route('/v1/payouts', payoutRoutes);
app.route('/v1/payments', paymentsWebhookRoutes);
app.route('/files', fileRoutes);
app.route('/', consoleRoutes);
app.route('/', holderPages);
app.route('/', accountArea);

app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'An API key (clr_…), or the ADMIN_TOKEN for /v1/admin/*',
});
app.openAPIRegistry.registerPath({
  method: 'get',
  path: '/files/thumb/{key}',
  tags: ['files'],
  summary: 'A public thumbnail from R2 (fallback when not in the assets); immutable cache headers. Originals are never served here.',
  request: { params: z.object({ key: z.string().openapi({ example: 'ab/ab12….webp' }) }) },
  responses: {
    200: { description: 'The thumbnail' },
    304: { description: 'Not modified' },
    404: { description: 'No such thumbnail' },
    410: { description: 'Every item using it was withdrawn (error shape, code `gone`)' },
  },
});
app.openAPIRegistry.registerPath({
  method: 'get',
  path: '/files/preview/{key}',
  tags: ['files'],
  summary: "An item page's preview (WebP ≤ 1024 px, no metadata) from R2, named after the item's thumbnail; public like thumbnails.",
  request: { params: z.object({ key: z.string().openapi({ example: 'ab/ab12….webp' }) }) },
  responses: { 200: { description: 'The preview' }, 304: { description: 'Not modified' }, 404: { description: 'No such preview' }, 410: { description: 'Every item using it was withdrawn (error shape, code `gone`)' } },
});
for (const method of ['get', 'head'] as const) {
  app.openAPIRegistry.registerPath({
    method,
    path: '/item/{key}',
    tags: ['site'],
    summary: 'A gallery item page: the static asset when the deployment holds it, else the page uploaded to R2 by `clearance publish --site`; else the 404 page.',
    request: { params: z.object({ key: z.string().openapi({ example: 'museum/obj-1/' }) }) },
    responses: { 200: { description: 'The page (HTML)' }, 304: { description: 'Not modified' }, 307: { description: 'Adds the trailing slash' }, 404: { description: 'The site’s 404 page' }, 410: { description: 'The item was withdrawn: a short HTML page saying when' } },
  });
  for (const path of LIST_PAGES) {
    app.openAPIRegistry.registerPath({
      method,
      path: path.replace(/\/\*$/, '/{key}'),
      tags: ['site'],
      summary: 'A gallery list page (static asset) without the cards of items withdrawn since it was built; never cached without revalidation.',
      ...(path.endsWith('*') ? { request: { params: z.object({ key: z.string().openapi({ example: '2/' }) }) } } : {}),
      responses: { 200: { description: 'The page (HTML)' }, 307: { description: 'Adds the trailing slash' }, 404: { description: 'The site’s 404 page' } },
    });
  }
}
app.openAPIRegistry.registerPath({
  method: 'get',
  path: '/v1/openapi.json',
  tags: ['meta'],
  summary: 'This document',
  responses: { 200: { description: 'OpenAPI 3.1 document' } },
});
app.doc31('/v1/openapi.json', {
  openapi: '3.1.0',
  info: { title: 'Clearance edge API', version: '1.0.0', description: 'Keyed, metered, priced downloads of images cleared for AI training. Money is in integer micro-dollars.' },
});

app.notFound(notFoundHandler);
app.onError(onError);

/** The Worker: the app's fetch, and the cron (wrangler.toml [triggers]) that closes the previous month. */
const scheduled: ExportedHandlerScheduledHandler<AppEnv['Bindings']> = (controller, env, ctx) => {
  ctx.waitUntil(closePreviousMonth(dbFor(env.DB), env, new Date(controller.scheduledTime)));
};

export default Object.assign(app, { scheduled });
