// Provider adapters are registered by name next to `manifest`; release sources that point outside the release are refused.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getAdapter } from '../../../../pipeline/sources/index.js';
import { providerAdapters } from '../../../../pipeline/sources/providers/index.js';
import type { SourceEntry } from '../../../../pipeline/sources/source.js';
import { sha256 } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'providers-'));
  await mkdir(join(dir, 'release', 'flickr'), { recursive: true });
  const page = (id: string, licence: string) => `{ "id": "${id}", "owner": "1@N0", "license": "${licence}", "url_m": "https://live.staticflickr.com/${id}.jpg", "title": "t${id}" }`;
  const records = [page('1', '9'), page('2', '10'), page('3', '0')];
  await writeFile(join(dir, 'release', 'flickr', 'a.json'), `{"photos": {"photo": [\n  ${records.join(',\n  ')}\n]}}\n`);
  await writeFile(join(dir, 'release', 'flickr', 'b.json'), '{"photos": ');
  await writeFile(join(dir, 'outside.json'), '{"photos": {"photo": []}}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(path: string): Promise<SourceEntry[]> {
  const adapter = getAdapter('flickr')!;
  const source = { name: 'fl', adapter: 'flickr', path };
  const out: SourceEntry[] = [];
  const ctx = { releaseDir: join(dir, 'release'), release: { name: 'r', sources: [source] }, retrievedAt: '2026-01-01T00:00:00.000Z' };
  for await (const e of adapter.read(source, ctx)) out.push(e);
  return out;
}

describe('provider registry', () => {
  test('every provider adapter is reachable by its release.json name', () => {
    for (const [name, adapter] of Object.entries(providerAdapters)) {
      expect(getAdapter(name)).toBe(adapter);
      expect(adapter.name).toBe(name);
    }
    expect(Object.keys(providerAdapters)).toEqual(expect.arrayContaining(['wikimedia', 'smithsonian', 'met', 'cleveland', 'europeana', 'smk', 'rawpixel', 'flickr']));
  });

  test('a glob of files: records in order, each hashed over its own bytes; a broken file is an error entry', async () => {
    const entries = await read('flickr/*.json');
    const ok = entries.flatMap((e) => (e.ok ? [e.item] : []));
    expect(ok.map((i) => [i.id, i.licence])).toEqual([
      ['fl:1', 'https://creativecommons.org/publicdomain/zero/1.0/'],
      ['fl:2', 'https://creativecommons.org/publicdomain/mark/1.0/'],
      ['fl:3', 'All Rights Reserved'],
    ]);
    expect(ok[0]!.metadataSha256).toBe(sha256('{ "id": "1", "owner": "1@N0", "license": "9", "url_m": "https://live.staticflickr.com/1.jpg", "title": "t1" }'));
    expect(ok[0]!.retrievedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(entries.at(-1)).toMatchObject({ ok: false, id: 'fl:flickr/b.json' });
  });

  test('a path leaving the release directory is refused', async () => {
    const entries = await read('../outside.json');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ ok: false });
    expect((entries[0] as { detail: string }).detail).toMatch(/leaves the release directory/);
  });
});
