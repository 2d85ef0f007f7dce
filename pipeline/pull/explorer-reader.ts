// Reads D1 and R2 through a running `wrangler dev`: its local explorer API (POST /cdn-cgi/explorer/api/d1/database/<id>/raw,
// GET /cdn-cgi/explorer/api/r2/buckets/<bucket>/objects/<key>),
// served by the same workerd that owns the state, so reading never opens the SQLite files a second time.
import type { ServeLock } from '../publish/serve-lock.js';
import type { SqlValue, Statement } from '../publish/target.js';
import { CliError } from '../util/cli-error.js';
import type { D1Reader, Row } from './d1-reader.js';

interface RawAnswer {
  success?: boolean;
  errors?: { message?: string }[];
  result?: { results?: { columns: string[]; rows: SqlValue[][] } }[];
}

/** Uncompressed answers: wrangler dev's runtime gzips JSON for a client that accepts it (as fetch does by default), and
 *  on one machine that only costs both ends CPU. */
const IDENTITY = { 'accept-encoding': 'identity' };

export function explorerReader(lock: ServeLock, databaseId: string, bucket: string, persistTo: string): D1Reader {
  const url = `${lock.url}/cdn-cgi/explorer/api/d1/database/${encodeURIComponent(databaseId)}/raw`;
  const stopFirst = `stop it (Ctrl-C in npm start) and pull again`;
  return {
    where: `local state in ${persistTo}, read through the running wrangler dev (pid ${lock.pid}, ${lock.url})`,
    async query(statement: Statement): Promise<Row[]> {
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...IDENTITY }, body: JSON.stringify({ sql: statement.sql, params: statement.params }), signal: AbortSignal.timeout(30_000) });
      } catch (err) {
        throw new CliError(`wrangler dev (pid ${lock.pid}) serves ${persistTo} but does not answer at ${lock.url} (${(err as Error).message}): ${stopFirst}`);
      }
      const text = await res.text();
      let body: RawAnswer | undefined;
      try {
        body = JSON.parse(text) as RawAnswer;
      } catch {
        body = undefined;
      }
      if (!res.ok || !body?.success) {
        const why = body?.errors?.[0]?.message ?? `HTTP ${res.status}`;
        if (res.status === 404 && !body) throw new CliError(`wrangler dev (pid ${lock.pid}, ${lock.url}) serves ${persistTo} without its local explorer API (X_LOCAL_EXPLORER=false?): ${stopFirst}`);
        throw new Error(`D1 query through wrangler dev failed: ${why}`);
      }
      const { columns, rows } = body.result?.[0]?.results ?? { columns: [], rows: [] };
      return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));
    },
    async readObject(key: string): Promise<Uint8Array | null> {
      const at = `${lock.url}/cdn-cgi/explorer/api/r2/buckets/${encodeURIComponent(bucket)}/objects/${encodeURIComponent(key)}`;
      let res: Response;
      try {
        res = await fetch(at, { headers: IDENTITY, signal: AbortSignal.timeout(60_000) });
      } catch (err) {
        throw new CliError(`wrangler dev (pid ${lock.pid}) serves ${persistTo} but does not answer at ${lock.url} (${(err as Error).message}): ${stopFirst}`);
      }
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) throw new Error(`R2 read through wrangler dev failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async close() {},
  };
}
