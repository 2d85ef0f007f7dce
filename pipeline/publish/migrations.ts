// D1 migrations as `wrangler d1 migrations apply` sees them: sorted .sql files, tracked in a d1_migrations table.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../util/cli-error.js';
import { wranglerApi } from './wrangler-api.js';

export interface Migration {
  name: string;
  statements: string[];
}

/** Migration files in the order wrangler applies them (numeric prefix, then name). */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir).catch(() => {
    throw new CliError(`no D1 migrations directory at ${dir} (migrations_dir in wrangler.toml)`);
  })).filter((n) => n.endsWith('.sql'));
  names.sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
  const { unstable_splitSqlQuery } = wranglerApi();
  const out: Migration[] = [];
  for (const name of names) {
    const sql = await readFile(join(dir, name), 'utf8');
    const statements = unstable_splitSqlQuery(sql)
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !/^(--[^\n]*\n?\s*)+$/.test(s));
    out.push({ name, statements });
  }
  return out;
}

/** The table wrangler creates to remember applied migrations (same shape, so either tool can continue). */
export function migrationsTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table}(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;
}
