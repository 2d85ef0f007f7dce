// Remote back-end: the account in the environment (CLOUDFLARE_API_TOKEN / wrangler login) through the wrangler CLI.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from '../util/cli-error.js';
import { inline, literal } from './sql.js';
import { batches, ITEM_COLUMNS, type ItemRow, type PublishTarget, type SqlValue, type Statement, type Step } from './target.js';
import type { EdgeConfig } from './wrangler-config.js';
import { runWrangler, type WranglerRunner } from './wrangler-runner.js';

/** Statements per `d1 execute --file` call (keeps each import well under D1's limits). */
const STATEMENTS_PER_FILE = 1000;
/** Rows per page when reading `items`. */
const PAGE = 5000;

export interface RemoteOptions {
  run?: WranglerRunner;
  /** File remembering keys uploaded by earlier runs (R2 has no cheap HEAD through wrangler). */
  journalPath?: string;
}

export async function openRemoteTarget(config: EdgeConfig, opts: RemoteOptions = {}): Promise<PublishTarget> {
  if (!config.db.remoteId || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(config.db.remoteId)) {
    throw new CliError(`${config.configPath} has no real database_id for D1 "${config.db.name}": run \`npx wrangler d1 create ${config.db.name}\` and put the id it prints into wrangler.toml`);
  }
  const run = opts.run ?? runWrangler;
  const cfg = ['--config', config.configPath];
  const journalPath = opts.journalPath ?? join(dirname(config.configPath), '.wrangler', 'publish', `${config.bucket.name}.keys`);
  const known = new Set<string>(existsSync(journalPath) ? (await readFile(journalPath, 'utf8')).split('\n').filter(Boolean) : []);
  const tmp = await mkdtemp(join(tmpdir(), 'clearance-publish-'));

  const must = async (args: string[]): Promise<string> => {
    const r = await run([...args, ...cfg]);
    if (r.code !== 0) throw new CliError(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    return r.stdout;
  };

  return {
    kind: 'remote',
    where: `remote D1 ${config.db.name} and R2 ${config.bucket.name}`,
    async migrate() {
      const stdout = await must(['d1', 'migrations', 'apply', config.db.name, '--remote']);
      return [...new Set(stdout.match(/\b\d+_[\w-]+\.sql\b/g) ?? [])];
    },
    async readItems() {
      const rows: ItemRow[] = [];
      let after = '';
      for (;;) {
        const sql = `SELECT ${ITEM_COLUMNS.join(', ')} FROM items WHERE id > ${literal(after)} ORDER BY id LIMIT ${PAGE}`;
        const out = JSON.parse(await must(['d1', 'execute', config.db.name, '--remote', '--json', '--command', sql])) as { results: ItemRow[] }[];
        const page = out[0]?.results ?? [];
        rows.push(...page);
        // Objects referenced by published rows were uploaded before their rows were written.
        for (const r of page) known.add(r.original_key).add(r.thumb_key);
        if (page.length < PAGE) return rows;
        after = (page[page.length - 1] as ItemRow).id;
      }
    },
    async execute(steps: Step[]) {
      for (const [i, b] of batches(steps, STATEMENTS_PER_FILE).entries()) {
        const file = join(tmp, `batch-${i}.sql`);
        await writeFile(file, `${b.map(inline).join('\n')}\n`);
        await must(['d1', 'execute', config.db.name, '--remote', '--yes', '--file', file]);
      }
    },
    async query(statement: Statement) {
      const sql = inline(statement).replace(/;$/, '');
      const out = JSON.parse(await must(['d1', 'execute', config.db.name, '--remote', '--json', '--command', sql])) as { results?: Record<string, SqlValue>[] }[];
      return out[0]?.results ?? [];
    },
    async hasObject(key: string) {
      return known.has(key);
    },
    async putObject(key: string, filePath: string, contentType: string) {
      await must(['r2', 'object', 'put', `${config.bucket.name}/${key}`, '--remote', '--file', filePath, '--content-type', contentType]);
      known.add(key);
      await mkdir(dirname(journalPath), { recursive: true });
      await appendFile(journalPath, `${key}\n`);
    },
    async readText(key: string) {
      const r = await run(['r2', 'object', 'get', `${config.bucket.name}/${key}`, '--remote', '--pipe', ...cfg]);
      if (r.code === 0) return r.stdout;
      // R2's answer for a missing key (API error 10007); anything else is a real failure.
      if (/does not exist|NoSuchKey|\b10007\b/i.test(r.stderr + r.stdout)) return null;
      throw new CliError(`wrangler r2 object get failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    },
    async readBytes(key: string) {
      const file = join(tmp, `object-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const r = await run(['r2', 'object', 'get', `${config.bucket.name}/${key}`, '--remote', '--file', file, ...cfg]);
      if (r.code === 0) {
        const bytes = new Uint8Array(await readFile(file));
        await rm(file, { force: true });
        return bytes;
      }
      if (/does not exist|NoSuchKey|\b10007\b/i.test(r.stderr + r.stdout)) return null;
      throw new CliError(`wrangler r2 object get failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    },
    async deleteObject(key: string) {
      await must(['r2', 'object', 'delete', `${config.bucket.name}/${key}`, '--remote']);
    },
    async close() {
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
