// `clearance export` read back by independent readers: DuckDB (parquet), GNU tar (shards), sha256sum (SHA256SUMS),
// the yaml package (the card's header against report.json) and the Croissant 1.0 required fields.
// biome-ignore-all lint/suspicious/noExplicitAny: the card's YAML and croissant.json are probed as parsed documents
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../../pipeline/export/columns.js';
import { copyBuiltSample } from '../support/built-sample.js';
import { readJsonl, removeTempDirs, runCli, tempDir } from '../support/cli.js';

const ROWS_PER_FILE = 10;
const SHARD_BYTES = 150_000;
const DUCK_TYPE = { STRING: 'VARCHAR', INT32: 'INTEGER', INT64: 'BIGINT', DOUBLE: 'DOUBLE', BOOLEAN: 'BOOLEAN', TIMESTAMP: 'TIMESTAMP' } as const;

let root: string;
let out: string;
let exp: string;
let catalog: { id: string; sha256: string; files: { original: string } }[];
let report: { release: string; builtAt: string; items: { total: number; byStatus: Record<string, number>; byCode: Record<string, number> } };

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const files = async (dir: string, sub = ''): Promise<string[]> =>
  (await readdir(join(dir, sub), { withFileTypes: true })).flatMap((e) => (e.isDirectory() ? [] : [sub ? `${sub}/${e.name}` : e.name]));

beforeAll(async () => {
  root = await tempDir('clearance-export-');
  out = join(root, 'out');
  exp = join(root, 'export');
  // `clearance sample --count 40` built with `clearance build --quiet` (made once, shared with derivatives-preview)
  await copyBuiltSample(root, 40);
  const r = await runCli(['export', out, '--to', exp, '--shard-bytes', String(SHARD_BYTES), '--rows-per-file', String(ROWS_PER_FILE)]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/clearance export: \d+ items/);
  catalog = await readJsonl(join(out, 'catalog.jsonl'));
  report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
}, 120_000);
afterAll(removeTempDirs);

describe('parquet metadata read by DuckDB', () => {
  it('has every accepted item once, files of at most --rows-per-file rows, and the declared column types', async () => {
    const parts = await files(exp, 'metadata');
    expect(parts.length).toBe(Math.ceil(catalog.length / ROWS_PER_FILE));
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    let total = 0;
    for (const part of parts) {
      const path = join(exp, part);
      const count = Number((await db.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}')`)).getRows()[0]![0]);
      expect(count).toBeLessThanOrEqual(ROWS_PER_FILE);
      total += count;
      const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRows().map((r) => [r[0], r[1]]);
      expect(described).toEqual(COLUMNS.map((c) => [c.name, DUCK_TYPE[c.type]]));
    }
    expect(total).toBe(catalog.length);
    const ids = (await db.runAndReadAll(`SELECT id FROM read_parquet('${join(exp, 'metadata/*.parquet')}') ORDER BY id`)).getRows().map((r) => r[0]);
    expect(ids).toEqual(catalog.map((c) => c.id).sort());
    // Nullable columns hold real nulls (safety is off in tests: scores are null), not strings.
    const nulls = (await db.runAndReadAll(`SELECT count(*) FILTER (WHERE nsfw IS NULL), count(*) FILTER (WHERE faces IS NULL) FROM read_parquet('${join(exp, 'metadata/*.parquet')}')`)).getRows()[0]!;
    expect(nulls.map(Number)).toEqual([catalog.length, catalog.length]);
  });
});

describe('WebDataset shards read by GNU tar', () => {
  it('lists every shard, each key has its image, .json and .txt, and the image bytes hash to the row sha256', async () => {
    const shards = await files(exp, 'shards');
    expect(shards.length).toBeGreaterThan(1);
    const members = new Map<string, string[]>();
    for (const s of shards) {
      const size = (await readFile(join(exp, s))).length;
      expect(size).toBeLessThanOrEqual(SHARD_BYTES + 200_000); // one large image may overflow a small shard on its own
      const listed = execFileSync('tar', ['-tvf', join(exp, s)], { encoding: 'utf8' }).trim().split('\n');
      for (const line of listed) {
        const name = line.split(/\s+/).at(-1)!;
        const dot = name.indexOf('.');
        members.set(name.slice(0, dot), [...(members.get(name.slice(0, dot)) ?? []), name.slice(dot + 1)]);
      }
    }
    expect(members.size).toBe(catalog.length);
    for (const exts of members.values()) expect(exts.filter((e) => e !== 'json' && e !== 'txt')).toHaveLength(1);
    for (const exts of members.values()) expect(exts.filter((e) => e === 'json' || e === 'txt').sort()).toEqual(['json', 'txt']);

    const x = join(root, 'x');
    await mkdir(x);
    for (const s of shards) execFileSync('tar', ['-xf', join(exp, s), '-C', x]);
    let differFromSource = 0;
    for (const [key, exts] of members) {
      const row = JSON.parse(await readFile(join(x, `${key}.json`), 'utf8')) as { id: string; sha256: string; sourceSha256: string; bytes: number; caption: string };
      const image = await readFile(join(x, `${key}.${exts.find((e) => e !== 'json' && e !== 'txt')}`));
      expect(sha(image)).toBe(row.sha256);
      expect(image.length).toBe(row.bytes);
      expect(await readFile(join(x, `${key}.txt`), 'utf8')).toBe(row.caption);
      const rec = catalog.find((c) => c.id === row.id)!;
      expect(row.sourceSha256).toBe(rec.sha256);
      if (row.sha256 !== row.sourceSha256) differFromSource++;
    }
    // The sample strips metadata / re-encodes some images: their served hash differs from the source's.
    expect(differFromSource).toBeGreaterThan(0);
  });
});

describe('SHA256SUMS', () => {
  it('passes sha256sum -c and covers every file of the export but itself', async () => {
    const res = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: exp, encoding: 'utf8' });
    const checked = res.trim().split('\n').map((l) => l.replace(/: OK$/, ''));
    const all = [...(await files(exp)), ...(await files(exp, 'metadata')), ...(await files(exp, 'shards'))].filter((f) => f !== 'SHA256SUMS');
    expect(checked.sort()).toEqual(all.sort());
  });
});

describe('dataset card', () => {
  it('has a Hugging Face YAML header whose numbers equal report.json', async () => {
    const card = await readFile(join(exp, 'README.md'), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n/.exec(card);
    expect(m).not.toBeNull();
    const y = parseYaml(m![1]!) as Record<string, any>;
    expect(y.license).toBe('other'); // the sample mixes CC0, PDM and opt-ins
    expect(y.size_categories).toEqual(['n<1K']);
    expect(y.task_categories).toContain('text-to-image');
    expect(y.configs[0].data_files[0].path).toBe('metadata/*.parquet');
    expect(y.clearance.release).toBe(report.release);
    expect(y.clearance.items_considered).toBe(report.items.total);
    expect([y.clearance.accepted, y.clearance.review, y.clearance.rejected]).toEqual([report.items.byStatus.accepted, report.items.byStatus.review, report.items.byStatus.rejected]);
    expect(y.clearance.exported).toBe(catalog.length);
    expect(y.clearance.main_reasons).toEqual(report.items.byCode);
    // The prose table says the same.
    for (const [code, n] of Object.entries(report.items.byCode)) expect(card).toContain(`| ${code} | ${n} |`);
    expect(card).toContain('/v1/changes');
    expect(card).toContain('clearance prune');
  });
});

describe('croissant.json', () => {
  it('has the Croissant 1.0 required fields and every contentUrl resolves to a file of the export with its sha256', async () => {
    const c = JSON.parse(await readFile(join(exp, 'croissant.json'), 'utf8')) as Record<string, any>;
    for (const k of ['@context', '@type', 'conformsTo', 'name', 'description', 'license', 'url', 'creator', 'datePublished', 'distribution']) expect(c, k).toHaveProperty(k);
    expect(c['@type']).toBe('sc:Dataset');
    expect(c.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    expect(c['@context']['@vocab']).toBe('https://schema.org/');
    const objects = c.distribution.filter((d: any) => d['@type'] === 'cr:FileObject');
    expect(objects.length).toBe((await files(exp, 'metadata')).length + (await files(exp, 'shards')).length);
    for (const d of objects) {
      for (const k of ['@id', 'name', 'contentUrl', 'encodingFormat', 'sha256']) expect(d, k).toHaveProperty(k);
      expect(existsSync(join(exp, d.contentUrl)), d.contentUrl).toBe(true);
      expect(sha(await readFile(join(exp, d.contentUrl)))).toBe(d.sha256);
    }
    const ids = new Set(c.distribution.map((d: any) => d['@id']));
    const fields = c.recordSet[0].field;
    expect(fields.map((f: any) => f.name)).toEqual(COLUMNS.map((col) => col.name));
    for (const f of fields) expect(ids.has(f.source.fileSet['@id'])).toBe(true);
  });
});

describe('errors', () => {
  it('refuses an existing --to without --force, and a directory that is not a build output, leaving nothing behind', async () => {
    const again = await runCli(['export', out, '--to', exp]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    const empty = join(root, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'note.txt'), 'x');
    const bad = await runCli(['export', empty, '--to', join(root, 'never')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/has no catalog\.jsonl/);
    expect(existsSync(join(root, 'never'))).toBe(false);
    expect((await readdir(root)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    const zero = await runCli(['export', out, '--to', join(root, 'z'), '--shard-bytes', '0']);
    expect(zero.stderr).toMatch(/--shard-bytes must be a positive whole number/);
  });
});
