// Vitest project for the edge: tests run inside workerd (Workers pool) with the real wrangler.toml and migrations.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject, type Plugin } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
// wrangler.toml serves site/dist as assets; the gallery may not be built yet when the edge tests run.
mkdirSync(`${root}site/dist`, { recursive: true });

/** The libraries the Worker and its tests import, each entry point as imported: list a new one here (an entry point
 *  left out still loads, unbundled, but would hold its own copy of what it shares with the bundled ones). */
const BUNDLED = [
  ...['hono', 'hono/body-limit', 'hono/cookie', 'hono/cors', 'hono/http-exception', 'hono/secure-headers', 'hono/utils/http-status'],
  ...['@hono/zod-openapi', 'zod', 'drizzle-orm', 'drizzle-orm/d1', 'drizzle-orm/sqlite-core', 'hyparquet', 'hyparquet-writer', 'stripe'],
];

/** Libraries arrive in the runtime without their source maps: vitest inlines each module's map into its code, and for
 *  the libraries that was 32 of the 47 MB the main process serialised into the pool's socket (stack traces into a
 *  library then name its bundled file's lines; the project's own modules keep their maps). */
const noLibrarySourceMaps: Plugin = {
  name: 'clearance:no-library-source-maps',
  enforce: 'post',
  transform(code, id) {
    return id.includes('/node_modules/') ? { code, map: { mappings: '' } } : null;
  },
};

export default defineProject({
  plugins: [
    noLibrarySourceMaps,
    cloudflareTest({
      wrangler: { configPath: `${root}wrangler.toml` },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(`${root}edge/migrations`),
          ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
          // production requires one of at least 32 bytes (services/signing.ts); wrangler.toml lists no origins
          SIGNING_SECRET: 'test-signing-secret-0123456789abcdef0123456789abcdef',
          CORS_ORIGINS: 'http://127.0.0.1:8787,http://localhost:8787,http://127.0.0.1:4321,http://localhost:4321',
        },
      },
    }),
  ],
  test: {
    name: 'edge',
    root,
    include: ['test/edge/**/*.test.ts'],
    exclude: ['test/edge/**/*.node.test.ts'],
    setupFiles: ['test/edge/setup.ts'],
    // The fake Stripe server (127.0.0.1) the payments tests point the real SDK at; its URL is provided as fakeStripeUrl.
    globalSetup: ['test/support/fake-stripe-setup.ts'],
    testTimeout: 60_000,
    // Two runtimes, not the run's three: each loads every module once, and on 2 cores a third only adds that load
    // (alone: 13.9 s and 26 CPU-s with two, 15.7 s and 30 CPU-s with three). A worker count of its own needs a group of
    // its own: in `npm test` this project runs after the node project (it ran last there anyway: its files are short).
    maxWorkers: 2,
    sequence: { groupOrder: 1 },
    // Files share one runtime per pool worker instead of a fresh workerd each (a fifth of the CPU for this project):
    // setup.ts puts D1 and R2 back before every file, and tests call the Worker's fetch handler directly
    // (helpers.ts fetchWorker), which does not slow down with every request one runtime has served.
    isolate: false,
    // Each file still loads every module it imports over a socket: pre-bundled, the libraries arrive as a few modules
    // instead of hundreds.
    deps: { optimizer: { ssr: { enabled: true, include: BUNDLED } } },
  },
});
