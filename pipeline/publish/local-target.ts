// Local back-end: the D1/R2 state `wrangler dev` reads (<persist>/v3), opened in-process through Miniflare.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import type { EdgeConfig } from './wrangler-config.js';
import { LOCAL_WORKER } from './local-worker.js';
import { migrationsTableSql, readMigrations } from './migrations.js';
import { batches, type ItemRow, type PublishTarget, type SqlValue, type Statement, type Step } from './target.js';
import { SELECT_ITEMS } from './sql.js';

/** Statements per D1 batch (one transaction each). */
const BATCH = 200;

/** Miniflare's entry worker compresses JSON and text answers as Cloudflare would for a client that accepts gzip (as
 *  fetch does by default): between two processes on one machine that only costs both ends CPU. */
const IDENTITY = { 'accept-encoding': 'identity' };

/** The Miniflare a local target runs in, and how the target lets go of it when it closes. */
export interface LocalRuntime {
  mf: Miniflare;
  release(): Promise<void>;
}
export type LocalRuntimeSource = (options: MiniflareOptions) => LocalRuntime;

const ownRuntime: LocalRuntimeSource = (options) => {
  const mf = new Miniflare(options);
  return { mf, release: () => mf.dispose() };
};
let runtimeSource = ownRuntime;

/** Where local targets get their Miniflare: by default each its own, disposed on close; tests that publish and query in
 *  process may keep one per state folder across opens (test/support/shared-miniflare.ts). undefined: the default. */
export function setLocalRuntimeSource(source: LocalRuntimeSource | undefined): void {
  runtimeSource = source ?? ownRuntime;
}

export async function openLocalTarget(config: EdgeConfig, persistTo: string): Promise<PublishTarget> {
  const { mf, release } = runtimeSource({
    modules: true,
    script: LOCAL_WORKER,
    compatibilityDate: '2026-04-01',
    // The same root wrangler dev uses for --persist-to (default .wrangler/state): plugins persist under v3/<plugin>.
    defaultPersistRoot: join(persistTo, 'v3'),
    d1Persist: true,
    r2Persist: true,
    d1Databases: { DB: config.db.localId },
    r2Buckets: { FILES: config.bucket.localName },
  });

  const call = async <T>(path: string, init?: { method: string; body: string | Uint8Array; headers?: Record<string, string> }): Promise<T> => {
    const res = await mf.dispatchFetch(`http://publish.local${path}`, { ...init, headers: { ...init?.headers, ...IDENTITY } });
    const text = await res.text();
    if (!res.ok) throw new Error(`local ${path.split('?')[0]} failed: ${text}`);
    return JSON.parse(text) as T;
  };
  /** Runs statements as one D1 batch (one transaction); returns each statement's rows. */
  const batch = (statements: Statement[]): Promise<unknown[][]> =>
    call('/batch', { method: 'POST', body: JSON.stringify(statements), headers: { 'content-type': 'application/json' } });

  return {
    kind: 'local',
    where: `local state in ${persistTo} (D1 ${config.db.name}, R2 ${config.bucket.localName})`,
    async migrate() {
      const table = config.db.migrationsTable;
      await batch([{ sql: migrationsTableSql(table), params: [] }]);
      const [rows] = await batch([{ sql: `SELECT name FROM ${table}`, params: [] }]);
      const applied = new Set((rows as { name: string }[]).map((r) => r.name));
      const done: string[] = [];
      for (const m of await readMigrations(config.db.migrationsDir)) {
        if (applied.has(m.name)) continue;
        // One batch = one transaction: the migration and its bookkeeping row land together or not at all.
        await batch([...m.statements.map((sql) => ({ sql, params: [] })), { sql: `INSERT INTO ${table} (name) VALUES (?)`, params: [m.name] }]);
        done.push(m.name);
      }
      return done;
    },
    async readItems() {
      const [rows] = await batch([{ sql: SELECT_ITEMS, params: [] }]);
      return rows as ItemRow[];
    },
    async execute(steps: Step[]) {
      for (const b of batches(steps, BATCH)) await batch(b);
    },
    async query(statement: Statement) {
      const [rows] = await batch([statement]);
      return rows as Record<string, SqlValue>[];
    },
    async hasObject(key: string) {
      return call<boolean>(`/head?key=${encodeURIComponent(key)}`);
    },
    async listObjects() {
      return new Set(await call<string[]>('/list'));
    },
    async putObject(key: string, filePath: string, contentType: string) {
      await call(`/put?key=${encodeURIComponent(key)}`, { method: 'PUT', body: await readFile(filePath), headers: { 'content-type': contentType } });
    },
    async readText(key: string) {
      return call<string | null>(`/get?key=${encodeURIComponent(key)}`);
    },
    async readBytes(key: string) {
      const res = await mf.dispatchFetch(`http://publish.local/bytes?key=${encodeURIComponent(key)}`, { headers: IDENTITY });
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) throw new Error(`local /bytes failed: ${await res.text()}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async deleteObject(key: string) {
      await call(`/delete?key=${encodeURIComponent(key)}`, { method: 'POST', body: '' });
    },
    async close() {
      await release();
    },
  };
}
