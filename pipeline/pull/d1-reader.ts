// Where `clearance pull` reads D1 (and R2's submitted originals) from: the local state (in-process Miniflare, or the running `wrangler dev` that serves
// it), or the remote database through wrangler. Read-only.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readServeLock } from '../publish/serve-lock.js';
import { openLocalTarget } from '../publish/local-target.js';
import { openRemoteTarget, type RemoteOptions } from '../publish/remote-target.js';
import type { PublishTarget, SqlValue, Statement } from '../publish/target.js';
import { readEdgeConfig } from '../publish/wrangler-config.js';
import { CliError } from '../util/cli-error.js';
import { explorerReader } from './explorer-reader.js';

export type Row = Record<string, SqlValue>;

export interface D1Reader {
  /** Human-readable description of the database, for messages. */
  readonly where: string;
  query(statement: Statement): Promise<Row[]>;
  /** An R2 object's bytes, or null when there is none (submitted originals under incoming/). */
  readObject(key: string): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export interface ReaderOptions {
  mode: 'local' | 'remote';
  config?: string;
  /** Local state root, as `wrangler dev --persist-to` (default .wrangler/state beside the config). */
  persistTo?: string;
  /** Remote: the wrangler runner (tests inject a recording one). */
  remote?: RemoteOptions;
}

export const readerFromTarget = (t: PublishTarget): D1Reader => ({ where: t.where, query: (s) => t.query(s), readObject: (k) => t.readBytes(k), close: () => t.close() });

export async function openReader(opts: ReaderOptions): Promise<D1Reader> {
  const config = await readEdgeConfig(resolve(opts.config ?? 'wrangler.toml'));
  if (opts.mode === 'remote') return readerFromTarget(await openRemoteTarget(config, opts.remote));
  const persistTo = resolve(opts.persistTo ?? resolve(dirname(config.configPath), '.wrangler/state'));
  if (!existsSync(join(persistTo, 'v3', 'd1'))) {
    throw new CliError(`no local D1 state in ${persistTo} (nothing published there yet: \`clearance publish <out> --local\` or npm start first)`);
  }
  // workerd assumes it alone owns a Durable Object's SQLite files (publish --local refuses for the same reason): while
  // Clearance's wrangler dev serves this state, read through that server instead of opening the files a second time.
  const serving = readServeLock(persistTo);
  if (serving) return explorerReader(serving, config.db.localId, config.bucket.localName, persistTo);
  return readerFromTarget(await openLocalTarget(config, persistTo));
}
