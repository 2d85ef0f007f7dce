// drizzle-kit config: the edge schema generates SQL migrations into edge/migrations (wrangler's migrations_dir).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './edge/src/db/schema.ts',
  out: './edge/migrations',
});
