// Vitest project for the edge: tests run inside workerd (Workers pool) with the real wrangler.toml and migrations.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
// wrangler.toml serves site/dist as assets; the gallery may not be built yet when the edge tests run.
mkdirSync(`${root}site/dist`, { recursive: true });

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: `${root}wrangler.toml` },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(`${root}edge/migrations`),
          ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
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
    testTimeout: 60_000,
  },
});
