// Workers-pool setup, before each test file: the real drizzle-kit migrations (edge/migrations) applied to the test D1,
// then D1 put back to what the migrations left (their seed rows, e.g. plans) and R2 emptied. The files share one
// runtime (isolate: false in edge/vitest.config.ts), so each starts from the storage it was written against.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

const SEED = 'test_seed__';
const db = env.DB;

await applyD1Migrations(db, env.TEST_MIGRATIONS);

// Ordinary tables only: FTS5 tables follow their content tables through triggers; their shadow tables cannot be written.
const all = (await db.prepare('PRAGMA table_list').all<{ schema: string; name: string; type: string }>()).results;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const tables = all
  .filter((t) => t.schema === 'main' && t.type === 'table')
  .map((t) => t.name)
  .filter((n) => !n.startsWith('sqlite_') && !n.startsWith('_cf_') && !n.startsWith(SEED) && n !== 'd1_migrations');
const seeded = new Set(all.map((t) => t.name).filter((n) => n.startsWith(SEED)));

// The first file in a runtime copies what the migrations inserted; every file restores it.
if (seeded.size === 0)
  await db.batch(tables.map((t) => db.prepare(`CREATE TABLE ${quote(SEED + t)} AS SELECT * FROM ${quote(t)}`)));
else
  await db.batch([
    db.prepare('PRAGMA defer_foreign_keys = on'),
    ...tables.map((t) => db.prepare(`DELETE FROM ${quote(t)}`)),
    ...(all.some((t) => t.name === 'sqlite_sequence') ? [db.prepare('DELETE FROM sqlite_sequence')] : []),
    ...tables.map((t) => db.prepare(`INSERT INTO ${quote(t)} SELECT * FROM ${quote(SEED + t)}`)),
  ]);

for (let cursor: string | undefined; ; ) {
  const page = await env.FILES.list({ cursor, limit: 1000 });
  if (page.objects.length) await env.FILES.delete(page.objects.map((o) => o.key));
  if (!page.truncated) break;
  cursor = page.cursor;
}
