// `clearance pull`: decided reviews and people's withdrawals from D1 into the release, merged (nothing dropped), idempotent;
// while wrangler dev serves the state it reads through that server; remote reads go through wrangler d1 execute --json.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../pipeline/commands/pull.js';
import { writeServeLock } from '../../../pipeline/publish/serve-lock.js';
import { freePort } from '../../../pipeline/dev/free-port.js';
import { startWranglerDev } from '../../../pipeline/dev/wrangler-dev.js';
import { openRemoteTarget } from '../../../pipeline/publish/remote-target.js';
import { publish } from '../../../pipeline/publish/publish.js';
import { reviewId } from '../../../pipeline/publish/reviews.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { readEdgeConfig } from '../../../pipeline/publish/wrangler-config.js';
import { readerFromTarget } from '../../../pipeline/pull/d1-reader.js';
import { pullRelease } from '../../../pipeline/pull/pull.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { repoRoot } from '../../support/shared.js';
import { writeEnvFile } from '../../support/dev-vars.js';
import { withTimeout } from '../../support/with-timeout.js';
import { readJsonl, removeTempDirs, tempDir } from '../support/cli.js';
import { writeOut } from '../publish/fixture-out.js';
import { withLocalTarget } from '../../support/local-target.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';

const config = join(repoRoot, 'wrangler.toml');
let root: string;
let persist: string;
const SHA = (s: string) => sha256Hex(s);
/** A withdrawn item's perceptual fingerprint as the edge records it (from the catalogue record publish wrote). */
const FINGERPRINT = `pid1:${'3c'.repeat(8)}.${Buffer.alloc(768, 77).toString('base64url')}`;

const withTarget = <T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> => withLocalTarget(persist, fn);

async function newRelease(name: string, extra: object = {}): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'm.jsonl'), '');
  await writeFile(join(dir, 'release.json'), JSON.stringify({ name, sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }], ...extra }, null, 2));
  return dir;
}

/** Runs `clearance pull` in-process; returns what it printed. */
async function pull(args: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    expect(await run(args)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

beforeAll(async () => {
  root = await tempDir('clearance-pull-');
  persist = join(root, 'state');
  // Publish two held items and a live one, then decide and withdraw as the console would.
  const out = join(root, 'out');
  await writeOut(out, 'r1', [{ id: 'live:1' }, { id: 'live:2' }], {}, [{ id: 'h:1', evidence: 'one' }, { id: 'h:2', evidence: 'two' }, { id: 'h:3', evidence: 'three' }]);
  await withTarget((t) => publish(out, t));
  const live = await withTarget((t) => t.readItems());
  const sha1 = live.find((r) => r.id === 'live:1')!.sha256;
  await withTarget((t) =>
    t.execute([
      { sql: "UPDATE reviews SET status = 'approved', decided_licence = 'pdm-1.0', decided_by = 'acct_m', decided_at = '2026-11-20T10:00:00.000Z', note = 'Checked the archive' WHERE id = ?", params: [reviewId('h:1', SHA('one'))] },
      { sql: "UPDATE reviews SET status = 'rejected', decided_by = 'acct_m', decided_at = '2026-11-19T10:00:00.000Z', note = 'Not the holder' WHERE id = ?", params: [reviewId('h:2', SHA('two'))] },
      { sql: `INSERT INTO withdrawals (id, item_id, sha256, fingerprint, reason, "by", at, flag_id) VALUES ('wd_1', 'live:1', ?, ?, 'flag:privacy: a face', 'moderator', '2026-11-21T00:00:00.000Z', NULL)`, params: [sha1, FINGERPRINT] },
      // A release's own withdrawal: not exported (the build already decided it).
      { sql: `INSERT INTO withdrawals (id, item_id, sha256, reason, "by", at, flag_id) VALUES ('release:r1:gone', 'gone:1', ?, 'release.dropped', 'release', '2026-11-01T00:00:00.000Z', NULL)`, params: ['e'.repeat(64)] },
    ]),
  );
});

// one Miniflare for the in-process publishes, queries and pulls, until wrangler dev serves the state
shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await removeTempDirs();
});
afterEach(() => vi.restoreAllMocks());

describe('clearance pull --local', () => {
  it('writes every decided review and every person\'s withdrawal, names the files in release.json, and prints what it wrote', async () => {
    const release = await newRelease('fresh');
    const printed = await pull([release, '--local', '--persist-to', persist, '--config', config]);
    expect(printed).toMatch(/clearance pull: from local state in .*state/);
    expect(printed).toMatch(/reviews {5}2 decided in D1, 2 new → .*fresh\/moderation\/reviews\.jsonl \(2 lines\)/);
    expect(printed).toMatch(/withdrawals 1 by people in D1, 1 new → .*fresh\/moderation\/withdrawals\.jsonl \(1 line\)/);
    expect(printed).toMatch(/release\.json now names reviews \(moderation\/reviews\.jsonl\) and withdrawals \(moderation\/withdrawals\.jsonl\)/);

    // Decision order: by decision time.
    expect(await readJsonl(join(release, 'moderation', 'reviews.jsonl'))).toEqual([
      { id: 'h:2', evidenceHash: SHA('two'), action: 'reject', note: 'Not the holder', by: 'acct_m', at: '2026-11-19T10:00:00.000Z' },
      { id: 'h:1', evidenceHash: SHA('one'), action: 'approve', licence: 'pdm-1.0', note: 'Checked the archive', by: 'acct_m', at: '2026-11-20T10:00:00.000Z' },
    ]);
    const [w] = await readJsonl<{ id: string; sha256: string }>(join(release, 'moderation', 'withdrawals.jsonl'));
    expect(w).toMatchObject({ id: 'live:1', reason: 'flag:privacy: a face', at: '2026-11-21T00:00:00.000Z' });
    expect(w!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(w).toMatchObject({ fingerprint: FINGERPRINT }); // what the edge copied from the item: edited copies stay out too
    const json = JSON.parse(await readFile(join(release, 'release.json'), 'utf8'));
    expect(json).toMatchObject({ name: 'fresh', reviews: 'moderation/reviews.jsonl', withdrawals: 'moderation/withdrawals.jsonl' });

    // Again: nothing new, files untouched (the build's up-to-date check keeps holding).
    const before = await stat(join(release, 'moderation', 'reviews.jsonl'));
    const again = await pull([release, '--local', '--persist-to', persist, '--config', config]);
    expect(again).toMatch(/2 decided in D1, 0 new/);
    expect(again).not.toMatch(/now names/);
    expect((await stat(join(release, 'moderation', 'reviews.jsonl'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('merges into the files release.json already names, keeping every line there', async () => {
    const release = await newRelease('named', { withdrawals: 'withdrawals.jsonl', reviews: 'decisions.jsonl' });
    const manual = JSON.stringify({ id: 's:old', reason: 'court order', at: '2026-01-01' });
    // The same withdrawal as D1's, with its keys in another order: not written twice.
    const rows = await withTarget((t) => t.query({ sql: "SELECT * FROM withdrawals WHERE id = 'wd_1'", params: [] }));
    const dup = JSON.stringify({ at: rows[0]!.at, reason: rows[0]!.reason, sha256: rows[0]!.sha256, fingerprint: rows[0]!.fingerprint, id: 'live:1' });
    await writeFile(join(release, 'withdrawals.jsonl'), `${manual}\n\n${dup}\n`);
    const older = JSON.stringify({ id: 'h:9', evidenceHash: 'a'.repeat(64), action: 'reject', note: 'decided long ago', by: 'acct_x', at: '2025-01-01' });
    await writeFile(join(release, 'decisions.jsonl'), `${older}\n`);
    const printed = await pull([release, '--local', '--persist-to', persist, '--config', config]);
    expect(printed).toMatch(/withdrawals 1 by people in D1, 0 new → .*named\/withdrawals\.jsonl \(2 lines\)/);
    expect(printed).toMatch(/reviews {5}2 decided in D1, 2 new → .*named\/decisions\.jsonl \(3 lines\)/);
    expect((await readFile(join(release, 'withdrawals.jsonl'), 'utf8')).split('\n').filter(Boolean)).toEqual([manual, dup]);
    const reviews = (await readFile(join(release, 'decisions.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(reviews[0]).toBe(older);
    expect(reviews).toHaveLength(3);
    expect(JSON.parse(await readFile(join(release, 'release.json'), 'utf8'))).toEqual({ name: 'named', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }], withdrawals: 'withdrawals.jsonl', reviews: 'decisions.jsonl' });
  });

  it('refuses to touch a file with a line it cannot read, a release without release.json, and a machine with no state', async () => {
    const release = await newRelease('bad', { withdrawals: 'w.jsonl' });
    await writeFile(join(release, 'w.jsonl'), '{"id":"x","reason":"r","at":"t"}\n{oops\n');
    await expect(run([release, '--local', '--persist-to', persist, '--config', config])).rejects.toThrow(/^w\.jsonl:2: not JSON; fix or remove that line and pull again \(pull never drops a line\)$/);
    expect(await readFile(join(release, 'w.jsonl'), 'utf8')).toBe('{"id":"x","reason":"r","at":"t"}\n{oops\n');
    await expect(run([join(root, 'nowhere'), '--local'])).rejects.toThrow(/has no release\.json/);
    await expect(run([release, '--local', '--persist-to', join(root, 'empty-state'), '--config', config])).rejects.toThrow(/no local D1 state in .*empty-state \(nothing published there yet/);
    await expect(run([release])).rejects.toThrow('say where to pull from: --local or --remote');
    await expect(run([release, '--remote', '--persist-to', 'x'])).rejects.toThrow('--persist-to only applies to --local');
  });

  it('stops with a message when the server that serves the state does not offer its explorer API', async () => {
    const state = join(root, 'served-state');
    await mkdir(join(state, 'v3', 'd1'), { recursive: true });
    const server: Server = createServer((_, res) => res.writeHead(404).end('not found')).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      writeServeLock(state, { pid: process.pid, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
      const release = await newRelease('served');
      await expect(run([release, '--local', '--persist-to', state, '--config', config])).rejects.toThrow(/wrangler dev \(pid \d+, http:\/\/127\.0\.0\.1:\d+\) serves .*served-state without its local explorer API .*stop it \(Ctrl-C in npm start\) and pull again/);
    } finally {
      server.close();
    }
  });

  it('reads through the running wrangler dev that serves the state (the console keeps running)', async () => {
    await closeLocalRuntimes(); // wrangler dev opens these SQLite files itself: from here each open is its own again
    const envFile = join(root, 'dev.vars');
    await writeEnvFile(envFile, 'test-token-for-pull');
    const port = await freePort();
    const dev = await startWranglerDev({ cwd: repoRoot, port, persistTo: persist, envFile, output: 'capture', logLevel: 'info', timeoutMs: 45_000 });
    // Each step bounded well inside the test's timeout, so a server that stops answering fails with its step and log.
    const said = () => `wrangler dev said:\n${dev.log()}`;
    try {
      const release = await newRelease('while-serving');
      const printed = await withTimeout(pull([release, '--local', '--persist-to', persist, '--config', config]), 45_000, 'no pull through wrangler dev', said);
      expect(printed).toMatch(new RegExp(`read through the running wrangler dev \\(pid ${dev.child.pid}, http://127\\.0\\.0\\.1:${port}\\)`));
      expect(printed).toMatch(/2 decided in D1, 2 new/);
      expect(await readJsonl(join(release, 'moderation', 'reviews.jsonl'))).toHaveLength(2);
      const res = await withTimeout(fetch(`${dev.url}/v1/items/live:2`), 15_000, 'no answer to GET /v1/items/live:2', said);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    } finally {
      await dev.stop();
    }
  }, 120_000);
});

describe('clearance pull --remote', () => {
  it('reads decided reviews and people\'s withdrawals with wrangler d1 execute --remote --json, page by page', async () => {
    const cfg = await readEdgeConfig(config);
    const calls: string[][] = [];
    const answers: Record<string, object[]> = {
      reviews: [
        { id: 'rev_a', item_id: 'wikimedia:1', evidence_hash: 'c'.repeat(64), status: 'approved', decided_licence: 'cc0-1.0', decided_by: 'acct_m', decided_at: '2026-11-22T00:00:00Z', note: "Uploader's own work, verified" },
      ],
      withdrawals: [{ id: 'wd_x', item_id: 'met:7', sha256: 'D'.repeat(64), reason: 'flag:infringing', by: 'moderator', at: '2026-11-23T00:00:00Z' }],
    };
    const fake = async (args: string[]) => {
      calls.push(args);
      const sql = args[args.indexOf('--command') + 1] ?? '';
      const table = /FROM (\w+)/.exec(sql)?.[1] ?? '';
      return { code: 0, stdout: JSON.stringify([{ results: answers[table] ?? [], success: true }]), stderr: '' };
    };
    const target = await openRemoteTarget({ ...cfg, db: { ...cfg.db, remoteId: '3f1c2b9e-0d4a-4e8b-9a77-5c2e1f0b6d21' } }, { run: fake, journalPath: join(root, 'j') });
    const release = await newRelease('remote');
    const result = await pullRelease(release, readerFromTarget(target));
    await target.close();
    expect(result.reviews).toMatchObject({ exported: 1, added: 1 });
    expect(calls[0]).toEqual(['d1', 'execute', 'clearance', '--remote', '--json', '--command', "SELECT id, item_id, evidence_hash, status, decided_licence, decided_by, decided_at, note FROM reviews WHERE status IN ('approved', 'rejected') AND id > '' ORDER BY id LIMIT 5000", '--config', cfg.configPath]);
    expect(calls[1]![6]).toBe(`SELECT id, item_id, sha256, fingerprint, reason, "by", at FROM withdrawals WHERE "by" <> 'release' AND id > '' ORDER BY id LIMIT 5000`);
    expect(await readJsonl(join(release, 'moderation', 'reviews.jsonl'))).toEqual([{ id: 'wikimedia:1', evidenceHash: 'c'.repeat(64), action: 'approve', licence: 'cc0-1.0', note: "Uploader's own work, verified", by: 'acct_m', at: '2026-11-22T00:00:00Z' }]);
    expect(await readJsonl(join(release, 'moderation', 'withdrawals.jsonl'))).toEqual([{ id: 'met:7', sha256: 'd'.repeat(64), reason: 'flag:infringing', at: '2026-11-23T00:00:00Z' }]);
  });
});
