// The manifest adapter: items in order, numeric ids, blank lines skipped, bad lines as errors (never thrown), globs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Release, ReleaseSource } from '../../../pipeline/catalog/index.js';
import { manifestAdapter } from '../../../pipeline/sources/manifest.js';
import type { SourceEntry } from '../../../pipeline/sources/source.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { tempDir, removeTempDirs } from '../support/cli.js';

async function readAll(dir: string, source: ReleaseSource): Promise<SourceEntry[]> {
  const release: Release = { name: 'r', sources: [source] };
  const out: SourceEntry[] = [];
  for await (const e of manifestAdapter.read(source, { releaseDir: dir, release, retrievedAt: 'now' })) out.push(e);
  return out;
}

afterAll(removeTempDirs);

describe('manifest adapter', () => {
  it('yields items and errors in line order with stable ids and the hash of each original line', async () => {
    const dir = await tempDir();
    const good = JSON.stringify({ id: 7, image: 'a.jpg', title: 'Seven', licence: 'CC0', tags: ['x'] });
    await writeFile(join(dir, 'm.jsonl'), [good, '', '{"id":"b"', JSON.stringify({ id: 'c' }), JSON.stringify({ id: 'd', image: 'd.jpg', priceMicros: -1 })].join('\n'));
    const entries = await readAll(dir, { name: 's', adapter: 'manifest', path: 'm.jsonl' });
    expect(entries.map((e) => (e.ok ? e.item.id : `!${e.id}`))).toEqual(['s:7', '!s:m.jsonl#3', '!s:c', '!s:d']);
    const first = entries[0]!;
    expect(first.ok && first.item).toMatchObject({ foreignId: '7', image: 'a.jpg', title: 'Seven', licence: 'CC0', tags: ['x'], metadataSha256: sha256Hex(good) });
    const noImage = entries[2]!;
    expect(!noImage.ok && noImage.detail).toMatch(/line 4 of m\.jsonl: image/);
  });

  it('reads every file a glob in the last path segment matches, in name order, and reports a missing file as an entry', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'parts'));
    await writeFile(join(dir, 'parts', 'b.jsonl'), `${JSON.stringify({ id: 'b1', image: 'x.jpg' })}\n`);
    await writeFile(join(dir, 'parts', 'a.jsonl'), `${JSON.stringify({ id: 'a1', image: 'x.jpg' })}\n${JSON.stringify({ id: 'a2', image: 'x.jpg' })}\n`);
    await writeFile(join(dir, 'parts', 'notes.txt'), 'ignored');
    const globbed = await readAll(dir, { name: 'g', adapter: 'manifest', path: 'parts/*.jsonl' });
    expect(globbed.map((e) => (e.ok ? e.item.id : e.id))).toEqual(['g:a1', 'g:a2', 'g:b1']);
    const missing = await readAll(dir, { name: 'm', adapter: 'manifest', path: 'nope.jsonl' });
    expect(missing).toEqual([{ ok: false, id: 'm:nope.jsonl', detail: expect.stringMatching(/cannot read nope\.jsonl/) }]);
  });
});
