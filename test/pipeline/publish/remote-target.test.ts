// The remote back-end's wrangler commands and SQL, checked offline by injecting the command runner.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../../pipeline/publish/publish.js';
import { openRemoteTarget } from '../../../pipeline/publish/remote-target.js';
import type { RunResult } from '../../../pipeline/publish/wrangler-runner.js';
import { readEdgeConfig, type EdgeConfig } from '../../../pipeline/publish/wrangler-config.js';
import { inline, literal } from '../../../pipeline/publish/sql.js';
import { batches, type Statement } from '../../../pipeline/publish/target.js';
import { reviewId } from '../../../pipeline/publish/reviews.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { repoRoot } from '../../support/shared.js';
import { writeOut } from './fixture-out.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-remote-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The repo's wrangler.toml with a deployed database's id in place of the placeholder. */
function withDatabaseId(config: EdgeConfig): EdgeConfig {
  return { ...config, db: { ...config.db, remoteId: '3f1c2b9e-0d4a-4e8b-9a77-5c2e1f0b6d21' } };
}

/** Records every wrangler invocation (and the SQL files it was given) and answers like wrangler would. */
function fakeWrangler(existingRows: object[] = []) {
  const calls: string[][] = [];
  const sqlFiles: string[] = [];
  const run = async (args: string[]): Promise<RunResult> => {
    calls.push(args);
    if (args.includes('--file') && args[0] === 'd1') sqlFiles.push(await readFile(args[args.indexOf('--file') + 1] as string, 'utf8'));
    if (args[0] === 'd1' && args[1] === 'migrations') return { code: 0, stdout: 'Migrations to be applied:\n│ 0000_init.sql │\n│ 0001_seed_plans.sql │\n', stderr: '' };
    if (args.includes('--json')) return { code: 0, stdout: JSON.stringify([{ results: existingRows, success: true }]), stderr: '' };
    return { code: 0, stdout: '', stderr: '' };
  };
  return { run, calls, sqlFiles };
}

describe('remote publish back-end', () => {
  it('applies migrations, uploads each object once with wrangler r2, and sends the SQL as files', async () => {
    const config = withDatabaseId(await readEdgeConfig(join(repoRoot, 'wrangler.toml')));
    const out = join(tmp, 'out');
    const records = await writeOut(out, '2026-11', [{ id: "o'brien:1", priceMicros: 1500 }, { id: 'x:2' }]);
    const fake = fakeWrangler();
    const journalPath = join(tmp, 'journal.keys');
    const target = await openRemoteTarget(config, { run: fake.run, journalPath });
    const summary = await publish(out, target);
    await target.close();

    expect(summary.migrationsApplied).toEqual(['0000_init.sql', '0001_seed_plans.sql']);
    expect(fake.calls[0]).toEqual(['d1', 'migrations', 'apply', 'clearance', '--remote', '--config', config.configPath]);
    const puts = fake.calls.filter((c) => c[0] === 'r2');
    expect(puts.map((c) => c[3])).toEqual(expect.arrayContaining([`clearance-files/${records[0]!.files.original}`, `clearance-files/${records[1]!.files.thumb}`]));
    expect(puts).toHaveLength(4);
    expect(puts[0]).toEqual(expect.arrayContaining(['--remote', '--file', '--content-type']));
    expect(fake.sqlFiles).toHaveLength(1);
    expect(fake.sqlFiles[0]).toContain(`'o''brien:1'`);
    expect(fake.sqlFiles[0]).toContain(`WHERE NOT (items.status = 'withdrawn' AND items.withdrawn_by = 'moderator')`);

    // A second run (e.g. after a crash) skips objects from the journal and from published rows.
    const again = fakeWrangler();
    const t2 = await openRemoteTarget(config, { run: again.run, journalPath });
    const s2 = await publish(out, t2);
    await t2.close();
    expect(s2.objects).toMatchObject({ uploaded: 0, skipped: 4 });
    expect(again.calls.filter((c) => c[0] === 'r2')).toHaveLength(0);
  });

  it('refuses the placeholder database_id with a one-line fix', async () => {
    const config = await readEdgeConfig(join(repoRoot, 'wrangler.toml'));
    await expect(openRemoteTarget({ ...config, db: { ...config.db, remoteId: '00000000-0000-0000-0000-000000000000' } }, { run: fakeWrangler().run })).rejects.toThrow(
      /has no real database_id for D1 "clearance": run `npx wrangler d1 create clearance`/,
    );
  });

  it('reports a failing wrangler call as one line', async () => {
    const config = withDatabaseId(await readEdgeConfig(join(repoRoot, 'wrangler.toml')));
    const target = await openRemoteTarget(config, { run: async () => ({ code: 1, stdout: '', stderr: 'Authentication error [code: 10000]' }), journalPath: join(tmp, 'j2') });
    await expect(target.migrate()).rejects.toThrow(/wrangler d1 migrations apply failed \(exit 1\): Authentication error/);
    await target.close();
  });

  it('reads small objects with wrangler r2 object get --pipe (missing → null) and deletes with object delete', async () => {
    const config = withDatabaseId(await readEdgeConfig(join(repoRoot, 'wrangler.toml')));
    const calls: string[][] = [];
    const answers: Record<string, { code: number; stdout: string; stderr: string }> = {
      'site/there.json': { code: 0, stdout: '{"pages":{}}', stderr: '' },
      'site/missing.json': { code: 1, stdout: '', stderr: '✘ [ERROR] The specified key does not exist. [code: 10007]' },
      'site/denied.json': { code: 1, stdout: '', stderr: '✘ [ERROR] Authentication error [code: 10000]' },
    };
    const run = async (args: string[]) => {
      calls.push(args);
      return answers[args[3]!.replace('clearance-files/', '')] ?? { code: 0, stdout: '', stderr: '' };
    };
    const target = await openRemoteTarget(config, { run, journalPath: join(tmp, 'j3') });
    expect(await target.readText('site/there.json')).toBe('{"pages":{}}');
    expect(await target.readText('site/missing.json')).toBeNull();
    await expect(target.readText('site/denied.json')).rejects.toThrow(/r2 object get failed \(exit 1\): .*Authentication error/);
    await target.deleteObject('site/item/m/1/index.html');
    await target.close();
    expect(calls[0]).toEqual(['r2', 'object', 'get', 'clearance-files/site/there.json', '--remote', '--pipe', '--config', config.configPath]);
    expect(calls.at(-1)).toEqual(['r2', 'object', 'delete', 'clearance-files/site/item/m/1/index.html', '--remote', '--config', config.configPath]);
  });
});

describe('remote review queue and feed rows', () => {
  it('reads the queue with d1 execute --json, opens held items, supersedes stale rows and withdraws with a feed row, in files', async () => {
    const config = withDatabaseId(await readEdgeConfig(join(repoRoot, 'wrangler.toml')));
    const out = join(tmp, 'out-reviews');
    await writeOut(out, '2026-12', [{ id: 'x:1' }], {}, [{ id: 'h:1', evidence: 'one' }, { id: 'h:2', evidence: 'two' }]);
    const calls: string[][] = [];
    const sqlFiles: string[] = [];
    const live = { id: 'gone:1', title: 't', sha256: 'f'.repeat(64), original_key: 'original/ff/x.png', thumb_key: 'thumb/ff/x.webp', content_type: 'image/png', bytes: 1, licence: 'cc0-1.0', rights_holder: null, price_micros: 0, price_source: 'release', status: 'live', withdrawn_by: null, withdrawn_reason: null, withdrawn_at: null, release: '2026-11', updated_at: 'x' };
    const queue = [
      { id: reviewId('h:1', sha256Hex('one')), status: 'approved' },
      { id: reviewId('h:0', sha256Hex('zero')), status: 'open' },
    ];
    const run = async (args: string[]): Promise<RunResult> => {
      calls.push(args);
      if (args.includes('--file')) sqlFiles.push(await readFile(args[args.indexOf('--file') + 1] as string, 'utf8'));
      if (args[1] === 'migrations') return { code: 0, stdout: '', stderr: '' };
      const sql = args.includes('--command') ? (args[args.indexOf('--command') + 1] as string) : '';
      if (/FROM reviews/.test(sql)) return { code: 0, stdout: JSON.stringify([{ results: queue, success: true }]), stderr: '' };
      if (/FROM items/.test(sql)) return { code: 0, stdout: JSON.stringify([{ results: [live], success: true }]), stderr: '' };
      return { code: 0, stdout: '', stderr: '' };
    };
    const target = await openRemoteTarget(config, { run, journalPath: join(tmp, 'j-reviews') });
    const summary = await publish(out, target);
    await target.close();
    expect(summary.reviews).toEqual({ opened: 1, unchanged: 1, superseded: 1 });
    const read = calls.find((c) => (c[c.indexOf('--command') + 1] ?? '').includes('FROM reviews'))!;
    expect(read).toEqual(['d1', 'execute', 'clearance', '--remote', '--json', '--command', "SELECT id, status FROM reviews WHERE id > '' ORDER BY id LIMIT 5000", '--config', config.configPath]);
    const sql = sqlFiles.join('\n');
    expect(sql).toContain(`INSERT INTO reviews (id, item_id, evidence_hash,`);
    expect(sql).toContain(`'${reviewId('h:2', sha256Hex('two'))}', 'h:2', '${sha256Hex('two')}'`);
    expect(sql).toContain('ON CONFLICT(item_id, evidence_hash) DO NOTHING');
    expect(sql).toContain(`UPDATE reviews SET status = 'superseded'`);
    expect(sql).toContain(`WHERE id = '${reviewId('h:0', sha256Hex('zero'))}' AND status = 'open'`);
    expect(sql).not.toContain(reviewId('h:1', sha256Hex('one')));
    expect(sql).toMatch(/INSERT INTO changes \(item_id, sha256, kind, code, detail, "by", at\) SELECT 'gone:1', 'f{64}', 'withdrawn', 'release\.dropped', 'the release no longer lists this item', 'release:2026-12', '[^']+' WHERE EXISTS \(SELECT 1 FROM items WHERE id = 'gone:1' AND status = 'live'\);/);
    const puts = calls.filter((c) => c[0] === 'r2').map((c) => c[3]);
    expect(puts.filter((k) => k!.startsWith('clearance-files/review-thumb/'))).toHaveLength(2);
  });

  it('never splits a group of statements across batches', () => {
    const st = (n: number): Statement => ({ sql: `S${n}`, params: [] });
    const out = batches([st(1), [st(2), st(3), st(4)], st(5), [st(6), st(7)], [st(8), st(9), st(10), st(11), st(12)]], 4);
    expect(out.map((b) => b.map((s) => s.sql))).toEqual([['S1', 'S2', 'S3', 'S4'], ['S5', 'S6', 'S7'], ['S8', 'S9', 'S10', 'S11', 'S12']]);
  });
});

describe('SQL literals', () => {
  it('quotes strings, keeps numbers and NULL, and checks the parameter count', () => {
    expect(literal("it's")).toBe(`'it''s'`);
    expect(literal(null)).toBe('NULL');
    expect(literal(42)).toBe('42');
    expect(() => literal(Number.NaN)).toThrow();
    expect(inline({ sql: 'SELECT ?, ?', params: ['a', 1] })).toBe(`SELECT 'a', 1;`);
    expect(() => inline({ sql: 'SELECT ?', params: [] })).toThrow(/too few/);
    expect(() => inline({ sql: 'SELECT 1', params: [1] })).toThrow(/too many/);
  });
});
