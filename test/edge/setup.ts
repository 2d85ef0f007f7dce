// Workers-pool setup: apply the real drizzle-kit migrations (edge/migrations) to the test D1 before each file.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
