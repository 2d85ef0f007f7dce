// Local back-end: the D1/R2 state `wrangler dev` reads (<persist>/v3), opened in-process through Miniflare.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import type { EdgeConfig } from './wrangler-config.js';
import { migrationsTableSql, readMigrations } from './migrations.js';
import type { ItemRow, PublishTarget, Statement } from './target.js';
import { SELECT_ITEMS } from './sql.js';

/** The part of Miniflare's R2 proxy used here (its declared type needs @cloudflare/workers-types). */
interface BucketProxy {
  head(key: string): Promise<object | null>;
  list(options: { limit: number; cursor?: string }): Promise<{ objects: { key: string }[]; truncated: boolean; cursor?: string }>;
  put(key: string, value: Uint8Array, options: { httpMetadata: { contentType: string } }): Promise<unknown>;
}

/** Statements per D1 batch (one transaction each). */
const BATCH = 500;

export async function openLocalTarget(config: EdgeConfig, persistTo: string): Promise<PublishTarget> {
  const mf = new Miniflare({
    modules: true,
    script: 'export default {}',
    // The same root wrangler dev uses for --persist-to (default .wrangler/state): plugins persist under v3/<plugin>.
    defaultPersistRoot: join(persistTo, 'v3'),
    d1Persist: true,
    r2Persist: true,
    d1Databases: { DB: config.db.localId },
    r2Buckets: { FILES: config.bucket.localName },
  });
  const db = await mf.getD1Database('DB');
  const bucket = (await mf.getR2Bucket('FILES')) as unknown as BucketProxy;

  return {
    kind: 'local',
    where: `local state in ${persistTo} (D1 ${config.db.name}, R2 ${config.bucket.localName})`,
    async migrate() {
      const table = config.db.migrationsTable;
      await db.prepare(migrationsTableSql(table)).run();
      const applied = new Set(((await db.prepare(`SELECT name FROM ${table}`).all()).results as { name: string }[]).map((r) => r.name));
      const done: string[] = [];
      for (const m of await readMigrations(config.db.migrationsDir)) {
        if (applied.has(m.name)) continue;
        // One batch = one transaction: the migration and its bookkeeping row land together or not at all.
        await db.batch([...m.statements.map((s) => db.prepare(s)), db.prepare(`INSERT INTO ${table} (name) VALUES (?)`).bind(m.name)]);
        done.push(m.name);
      }
      return done;
    },
    async readItems() {
      return (await db.prepare(SELECT_ITEMS).all()).results as unknown as ItemRow[];
    },
    async execute(statements: Statement[]) {
      for (let i = 0; i < statements.length; i += BATCH) {
        await db.batch(statements.slice(i, i + BATCH).map((s) => db.prepare(s.sql).bind(...s.params)));
      }
    },
    async hasObject(key: string) {
      return (await bucket.head(key)) !== null;
    },
    async listObjects() {
      const keys = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const o of page.objects) keys.add(o.key);
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return keys;
    },
    async putObject(key: string, filePath: string, contentType: string) {
      const data = await readFile(filePath);
      await bucket.put(key, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { httpMetadata: { contentType } });
    },
    async close() {
      await mf.dispose();
    },
  };
}
