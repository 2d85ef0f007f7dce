// `clearance prune` against a local HTTP server on 127.0.0.1 serving a recorded consent-change feed page by page, on
// manifests in the three formats the edge serves (rendered by the edge's own renderManifest).
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MANIFEST_COLUMNS, renderManifest, type ManifestFormat, type ManifestRow } from '../../../edge/src/services/manifest.js';
import { run } from '../../../pipeline/commands/prune.js';
import { removeTempDirs, tempDir } from '../support/cli.js';

const sha = (c: string) => c.repeat(64);
const row = (id: string, s: string, title = `Title of ${id}`): ManifestRow => ({
  id, url: `https://clearance.example/v1/d/${id}`, expiresAt: '2026-12-01T00:00:00Z', sha256: s, bytes: 1234, width: 640, height: 480,
  format: 'jpeg', contentType: 'image/jpeg', sourceSha256: null, title, caption: title, creator: null, licence: 'cc0-1.0', licenceUrl: null,
  source: null, sourceUrl: null, release: '2026-11', retrievedAt: null, rightsHolder: null, priceMicros: 0,
  nsfw: null, faces: null, faceScore: null, textPii: false, filter: 'none',
});
const ROWS: ManifestRow[] = [
  row('met:1', sha('a')), // withdrawn by id
  row('wikimedia:2', sha('b'), '=HYPERLINK("x"), with "quotes"\nand a newline'), // its image withdrawn under another id (by sha256)
  row('met:3', sha('c')), // withdrawn, then reinstated: kept
  row('rawpixel:4', sha('d')), // approved only: kept
  row('sample:5', sha('e')), // nothing happened: kept
  row('sample:6', sha('f')), // withdrawn after a reinstatement: gone
];
/** The recorded feed, as GET /v1/changes serves it (ascending seq). */
const FEED = [
  { seq: 1, itemId: 'met:3', sha256: sha('c'), kind: 'withdrawn', code: 'optout.withdrawn', detail: 'flag:privacy', at: '2026-11-10T00:00:00Z' },
  { seq: 2, itemId: 'met:1', sha256: sha('a'), kind: 'withdrawn', code: 'optout.withdrawn', detail: 'flag:infringing: not the holder', at: '2026-11-11T00:00:00Z' },
  { seq: 3, itemId: 'rawpixel:4', sha256: sha('d'), kind: 'approved', code: 'licence.moderator-approved', detail: 'checked', at: '2026-11-12T00:00:00Z' },
  { seq: 4, itemId: 'other:9', sha256: sha('b'), kind: 'withdrawn', code: 'licence.attribution', detail: 'licence changed', at: '2026-11-13T00:00:00Z' },
  { seq: 5, itemId: 'met:3', sha256: sha('c'), kind: 'reinstated', code: 'release.reinstated', detail: 'back', at: '2026-11-14T00:00:00Z' },
  { seq: 6, itemId: 'sample:6', sha256: sha('f'), kind: 'reinstated', code: 'release.reinstated', detail: null, at: '2026-11-15T00:00:00Z' },
  { seq: 7, itemId: 'sample:6', sha256: null, kind: 'withdrawn', code: 'release.dropped', detail: null, at: '2026-11-16T00:00:00Z' },
];
const PAGE = 3;

let root: string;
let server: Server;
let feed: string;
const requests: string[] = [];

beforeAll(async () => {
  root = await tempDir('clearance-prune-');
  server = createServer((req, res) => {
    requests.push(req.url!);
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/hop/v1/changes') return void res.writeHead(302, { location: 'http://169.254.169.254/v1/changes' }).end();
    if (url.pathname === '/broken/v1/changes') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not a feed</html>');
    if (url.pathname !== '/v1/changes') return void res.writeHead(404).end('{"error":{"code":"not_found","message":"no"}}');
    const since = Number(url.searchParams.get('since') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 500), PAGE);
    const rest = FEED.filter((c) => c.seq > since);
    const changes = rest.slice(0, limit);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ changes, cursor: String(changes.at(-1)?.seq ?? url.searchParams.get('since') ?? ''), more: rest.length > limit }));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  feed = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.close();
  await removeTempDirs();
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CLEARANCE_FETCH_ALLOW_LOOPBACK;
});

async function prune(args: string[]): Promise<string> {
  process.env.CLEARANCE_FETCH_ALLOW_LOOPBACK = '1';
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  expect(await run(args)).toBe(0);
  return lines.join('\n');
}

async function writeManifest(name: string, format: ManifestFormat, rows = ROWS): Promise<string> {
  const { body } = renderManifest(rows, format);
  const path = join(root, name);
  await writeFile(path, typeof body === 'string' ? body : Buffer.from(body as Uint8Array));
  return path;
}

const KEPT = ['met:3', 'rawpixel:4', 'sample:5'];

describe('clearance prune', () => {
  it('lists the items withdrawn since (by id or sha256; a later reinstatement cancels) and writes a JSON Lines manifest without them', async () => {
    const path = await writeManifest('manifest.jsonl', 'jsonl');
    requests.length = 0;
    const printed = await prune([path, '--feed', `${feed}/`]);
    expect(printed).toMatch(/clearance prune: 3 of 6 items in .*manifest\.jsonl were withdrawn \(feed http:\/\/127\.0\.0\.1:\d+\/: 7 changes in 3 pages, cursor 7\)/);
    expect(printed).toMatch(/ {2}met:1 {2}optout\.withdrawn {2}2026-11-11T00:00:00Z {2}flag:infringing: not the holder/);
    expect(printed).toMatch(/ {2}wikimedia:2 {2}licence\.attribution {2}2026-11-13T00:00:00Z {2}licence changed/);
    expect(printed).toMatch(/ {2}sample:6 {2}release\.dropped {2}2026-11-16T00:00:00Z$/m);
    expect(printed).toMatch(/next time: --since 7/);
    expect(requests).toEqual(['/v1/changes?limit=1000', '/v1/changes?since=3&limit=1000', '/v1/changes?since=6&limit=1000']);
    const original = (await readFile(path, 'utf8')).split('\n');
    const pruned = await readFile(join(root, 'manifest.pruned.jsonl'), 'utf8');
    expect(pruned.split('\n').filter(Boolean)).toEqual(original.filter((l) => l && KEPT.includes(JSON.parse(l).id)));
    expect(pruned.endsWith('\n')).toBe(true);
  });

  it('keeps the CSV manifest\'s other lines byte for byte (quoted fields, formula guard, CRLF)', async () => {
    const path = await writeManifest('collection.csv', 'csv');
    const out = join(root, 'kept.csv');
    await prune([path, '--feed', feed, '--out', out]);
    const text = await readFile(out, 'utf8');
    const original = await readFile(path, 'utf8');
    expect(text.startsWith(`${MANIFEST_COLUMNS.map((c) => c.name).join(',')}\r\n`)).toBe(true);
    expect(text).not.toMatch(/met:1|wikimedia:2|sample:6/);
    for (const id of KEPT) expect(text).toContain(original.split('\r\n').find((l) => l.startsWith(`${id},`))!);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + KEPT.length);
    // The title with a quote, a comma and a newline survives in a kept row of another manifest.
    const withQuoted = await writeManifest('quoted.csv', 'csv', [ROWS[1]!, { ...ROWS[1]!, id: 'sample:7', sha256: sha('7') }]);
    await prune([withQuoted, '--feed', feed]);
    const kept = await readFile(join(root, 'quoted.pruned.csv'), 'utf8');
    expect(kept).toContain(`"'=HYPERLINK(""x""), with ""quotes""\nand a newline"`);
    expect(kept).toMatch(/^sample:7,/m);
    expect(kept).not.toMatch(/^wikimedia:2,/m);
  });

  it('writes a Parquet manifest with the same columns and types', async () => {
    const path = await writeManifest('collection.parquet', 'parquet');
    await prune([path, '--feed', feed]);
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(join(root, 'collection.pruned.parquet')) })) as Record<string, unknown>[];
    expect(rows.map((r) => r.id)).toEqual(KEPT);
    expect(rows[0]).toEqual({ ...ROWS[2], bytes: 1234n, priceMicros: 0n, expiresAt: new Date(ROWS[2]!.expiresAt) });
  });

  it('deletes the withdrawn items\' files (named by sha256 or id, any depth) and nothing else; --dry-run only says so', async () => {
    const path = await writeManifest('dl.jsonl', 'jsonl');
    const dir = join(root, 'images');
    await mkdir(join(dir, 'shard-00'), { recursive: true });
    const files = {
      [`${sha('a')}.jpg`]: 'met:1 by sha', // gone
      'shard-00/wikimedia_2.png': 'wikimedia:2 by safe id', // gone
      'sample:6': 'sample:6 by raw id, no extension', // gone
      [`${sha('c')}.jpg`]: 'met:3 (reinstated)', // kept
      'sample_5.webp': 'kept',
      'met_1.extra.jpg': 'not a file of met:1', // kept: only one extension is stripped
      'notes.txt': 'kept',
    };
    for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
    const listing = async () => (await readdir(dir, { recursive: true })).filter((n) => n.includes('.') || n.includes(':')).sort();

    const dry = await prune([path, '--feed', feed, '--delete', dir, '--dry-run']);
    expect(dry).toMatch(/would delete 3 files in/);
    expect(dry).toMatch(/dry run: would write .*dl\.pruned\.jsonl with 3 items/);
    expect(existsSync(join(root, 'dl.pruned.jsonl'))).toBe(false);
    expect(await listing()).toHaveLength(7);

    const done = await prune([path, '--feed', feed, '--delete', dir]);
    expect(done).toMatch(/deleted 3 files in/);
    expect(await listing()).toEqual([`${sha('c')}.jpg`, 'met_1.extra.jpg', 'notes.txt', 'sample_5.webp'].sort());
  });

  it('refuses a loopback feed unless CLEARANCE_FETCH_ALLOW_LOOPBACK=1, and says what is wrong with a bad feed or manifest', async () => {
    const path = await writeManifest('refused.jsonl', 'jsonl');
    await expect(run([path, '--feed', feed])).rejects.toThrow(/cannot read the change feed: refused: 127\.0\.0\.1 is a loopback \(127\.0\.0\.0\/8\) address \(set CLEARANCE_FETCH_ALLOW_LOOPBACK=1/);
    await expect(run([path, '--feed', feed.replace('127.0.0.1', 'localhost')])).rejects.toThrow(/localhost resolves only to refused addresses: (127\.0\.0\.1|::1) is a loopback/);
    process.env.CLEARANCE_FETCH_ALLOW_LOOPBACK = '1';
    // Every hop is checked: a redirect to the cloud metadata address is refused.
    await expect(run([path, '--feed', `${feed}/hop`])).rejects.toThrow(/refused: 169\.254\.169\.254 is a link-local/);
    await expect(run([path, '--feed', `${feed}/broken`])).rejects.toThrow(/did not answer JSON \(is --feed the Clearance site's address\?\)/);
    await expect(run([path, '--feed', `${feed}/nowhere`])).rejects.toThrow(/the change feed answered HTTP 404/);
    await expect(run([path])).rejects.toThrow(/--feed <url> is required/);
    await expect(run([path, '--feed', 'ftp://x'])).rejects.toThrow(/--feed must be an http\(s\) URL/);
    await expect(run([join(root, 'missing.jsonl'), '--feed', feed])).rejects.toThrow(/cannot read the manifest .*missing\.jsonl: ENOENT/);
    await writeFile(join(root, 'bad.jsonl'), '{"id":"a"}\n{"title":"no id"}\n');
    await expect(run([join(root, 'bad.jsonl'), '--feed', feed])).rejects.toThrow(/bad\.jsonl:2: no "id"/);
    await expect(run([path, '--feed', feed, '--delete', join(root, 'no-such-dir')])).rejects.toThrow(/not a directory/);
  });
});
