// End to end (#20.1): images built by the pipeline from the sample's image cases (a metadata-stripped JPEG with EXIF
// GPS, a GIF re-encoded as PNG, an EXIF-rotated JPEG baked into a PNG, …), published to local D1/R2 and served by
// `wrangler dev`: in every manifest format, each row's sha256, bytes, width, height, format and contentType are those
// of the body its signed URL serves; sourceSha256 is the fetched image's; a nudity threshold keeps exactly the items
// the pipeline scored at or below it.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import { startDevServer, type DevServer } from '../support/dev-server.js';
import { runBuild } from '../../pipeline/runner/run-build.js';
import { openTarget } from '../../pipeline/publish/open-target.js';
import { publish } from '../../pipeline/publish/publish.js';
import { writeSample } from '../../pipeline/sample/generate.js';
import { repoRoot } from '../support/shared.js';
import { writeEnvFile } from '../support/dev-vars.js';

const ADMIN_TOKEN = `served-e2e-${Date.now()}`;
/** The sample's image cases that must reach the catalogue, by what the pipeline does to them. */
const STRIPPED_JPEG = 'sample:img-exif-gps-jpeg';
const GIF = 'sample:img-gif';
const ROTATED = 'sample:img-exif-rotated';
const KEEP = ['img-exif-gps-jpeg', 'img-gif', 'img-exif-rotated', 'img-exif-gps-png', 'img-exif-gps-webp', 'img-large-webp-2400', 'dup-first'];

type Row = { id: string; url: string; sha256: string; bytes: number | bigint; width: number; height: number; format: string; contentType: string; sourceSha256: string; caption: string; title: string; licenceUrl: string; release: string };

let tmp: string;
let dev: DevServer | undefined;
let records: Map<string, CatalogRecord>;
let key: string;
let collection: string;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? key}`);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${dev!.url}${path}`, { ...init, headers });
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'clearance-served-'));
  const release = join(tmp, 'release');
  await writeSample(release, 0);
  // Only the image cases above, from the main source (a faster build; the other cases are other tests' business).
  const idOf = (line: string) => {
    try {
      return (JSON.parse(line) as { id?: unknown }).id;
    } catch {
      return undefined; // the sample's malformed lines
    }
  };
  const manifest = (await readFile(join(release, 'manifest.jsonl'), 'utf8')).split('\n').filter((l) => KEEP.includes(idOf(l) as string));
  await writeFile(join(release, 'manifest.jsonl'), `${manifest.join('\n')}\n`);
  const rel = JSON.parse(await readFile(join(release, 'release.json'), 'utf8')) as { sources: { name: string }[] };
  await writeFile(join(release, 'release.json'), JSON.stringify({ ...rel, sources: rel.sources.filter((s) => s.name === 'sample') }));
  const out = join(tmp, 'out');
  await runBuild({ releaseDir: release, out, cacheDir: join(tmp, 'cache'), log: () => {} });
  records = new Map((await readFile(join(out, 'catalog.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as CatalogRecord).map((r) => [r.id, r]));
  const persist = join(tmp, 'state');
  const target = await openTarget({ mode: 'local', config: join(repoRoot, 'wrangler.toml'), persistTo: persist });
  try {
    await publish(out, target);
  } finally {
    await target.close();
  }
  const dist = join(tmp, 'dist');
  await mkdir(dist);
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>served</title>');
  await writeEnvFile(join(tmp, 'test.env'), ADMIN_TOKEN);
  dev = await startDevServer({ persistTo: persist, envFile: join(tmp, 'test.env'), assets: dist });
  const acct = await api('/v1/admin/accounts', { method: 'POST', token: ADMIN_TOKEN, body: JSON.stringify({ email: 'trainer@example.org', plan: 'curation' }) });
  expect(acct.status).toBe(201);
  key = ((await acct.json()) as { key: string }).key;
  const col = await api('/v1/collections', { method: 'POST', body: JSON.stringify({ name: 'edge cases' }) });
  collection = ((await col.json()) as { collection: { id: string } }).collection.id;
  const added = await api(`/v1/collections/${collection}/items`, { method: 'POST', body: JSON.stringify({ itemIds: [...records.keys()] }) });
  expect(added.status).toBe(200);
}, 600_000);

afterAll(async () => {
  await dev?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function manifest(format: 'jsonl' | 'csv' | 'parquet'): Promise<Row[]> {
  const res = await api(`/v1/collections/${collection}/manifest?format=${format}`);
  expect(res.status).toBe(200);
  if (format === 'jsonl') return (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Row);
  if (format === 'parquet') return (await parquetReadObjects({ file: await res.arrayBuffer() })) as Row[];
  const [head, ...lines] = (await res.text()).trim().split('\r\n');
  const cols = head!.split(',');
  // the CSV cells compared here (ids, hashes, numbers, URLs, types) hold no commas or quotes
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], /^\d+$/.test(v) ? Number(v) : v])) as Row);
}

describe('manifests describe the served file', () => {
  it('the catalogue holds the three transformed cases', () => {
    for (const id of [STRIPPED_JPEG, GIF, ROTATED]) expect(records.has(id), id).toBe(true);
  });

  for (const format of ['jsonl', 'csv', 'parquet'] as const) {
    it(`${format}: every row's sha256, bytes, size, format and type are the body's its signed URL serves`, async () => {
      const rows = await manifest(format);
      expect(rows.map((r) => r.id).sort()).toEqual([...records.keys()].sort());
      for (const row of rows) {
        const res = await fetch(row.url); // no key: the signed URL is the credential
        expect(res.status, row.id).toBe(200);
        const body = new Uint8Array(await res.arrayBuffer());
        const meta = await sharp(body).metadata();
        expect(sha(body), row.id).toBe(row.sha256);
        expect(Number(row.bytes), row.id).toBe(body.length);
        expect(res.headers.get('content-type'), row.id).toBe(row.contentType);
        expect([meta.width, meta.height], row.id).toEqual([row.width, row.height]);
        expect(meta.format, row.id).toBe(row.format);
        expect(meta.exif, row.id).toBeUndefined(); // metadata stripped: no EXIF (GPS, orientation) in what is served
        const record = records.get(row.id)!;
        expect(row.sourceSha256, row.id).toBe(record.sha256);
        expect([row.caption, row.title, row.licenceUrl, row.release], row.id).toEqual([record.title, record.title, record.licence.url, record.provenance.release]);
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of [STRIPPED_JPEG, GIF, ROTATED]) expect(byId.get(id)!.sha256, id).not.toBe(byId.get(id)!.sourceSha256);
      expect(byId.get(STRIPPED_JPEG)).toMatchObject({ format: 'jpeg', contentType: 'image/jpeg' });
      expect(byId.get(GIF)).toMatchObject({ format: 'png', contentType: 'image/png' });
      expect(byId.get(ROTATED)).toMatchObject({ format: 'png', contentType: 'image/png', width: 320, height: 480 }); // drawn 480×320, orientation 6
    });
  }

  it('a threshold on the pipeline\'s own nudity scores: the manifest lists exactly the items at or below it', async () => {
    const scored = [...records.values()].filter((r) => r.safety.nsfw !== null).map((r) => r.safety.nsfw!).sort((a, b) => a - b);
    expect(scored.length).toBeGreaterThan(2); // the build scored them (safety on, models from ../shared/models)
    const t = scored[Math.floor(scored.length / 2)]!.toFixed(6);
    const res = await api(`/v1/collections/${collection}/manifest?maxNsfw=${t}`);
    expect(res.headers.get('Clearance-Filter')).toBe(`maxNsfw=${Number(t)}`);
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Row & { nsfw: number; filter: string });
    const expected = [...records.values()].filter((r) => r.safety.nsfw !== null && r.safety.nsfw <= Number(t)).map((r) => r.id).sort();
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
    for (const r of rows) expect([r.nsfw <= Number(t), r.nsfw, r.filter]).toEqual([true, records.get(r.id)!.safety.nsfw, `maxNsfw=${Number(t)}`]);
  });

  it('GET /v1/items/:id tells the same facts as the manifest row', async () => {
    const rows = new Map((await manifest('jsonl')).map((r) => [r.id, r]));
    for (const id of [STRIPPED_JPEG, GIF, ROTATED]) {
      const { item } = (await (await api(`/v1/items/${encodeURIComponent(id)}`)).json()) as { item: Record<string, unknown> };
      const row = rows.get(id)!;
      expect(item).toMatchObject({ sha256: row.sha256, sourceSha256: row.sourceSha256, bytes: row.bytes, width: row.width, height: row.height, format: row.format, contentType: row.contentType });
    }
  });
});
