// The optin adapter: submissions pulled from the edge become opted-in items of their holder at their price, with their
// terms; bad lines are entries with a reason (never thrown), a missing file is one entry.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Release, ReleaseSource } from '../../../pipeline/catalog/index.js';
import { optinAdapter } from '../../../pipeline/sources/optin.js';
import type { SourceEntry } from '../../../pipeline/sources/source.js';
import { removeTempDirs, tempDir } from '../support/cli.js';

const source: ReleaseSource = { name: 'optin', adapter: 'optin', path: 'optin/submissions.jsonl' };

async function readAll(dir: string): Promise<SourceEntry[]> {
  const release: Release = { name: 'r', sources: [source] };
  const out: SourceEntry[] = [];
  for await (const e of optinAdapter.read(source, { releaseDir: dir, release, retrievedAt: 'now' })) out.push(e);
  return out;
}

const line = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'sub_a1', holder: 'ada-k3x9', title: 'Orchard', creator: 'Ada', priceMicros: 250000, terms: { generativeTraining: false }, image: 'optin/images/x.png', sha256: 'a'.repeat(64), submittedAt: '2026-12-01T00:00:00Z', ...o });

afterAll(removeTempDirs);

describe('optin adapter', () => {
  it('yields opted-in items of their holder at their price, and bad lines as entries', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'optin'));
    await writeFile(join(dir, 'optin', 'submissions.jsonl'), [line(), '', '{"id":', line({ id: 'sub_b2', priceMicros: 1_000_000_001 }), line({ id: 'Sub-C' }), line({ id: 'sub_d4', terms: { generativeTraining: 'maybe' } })].join('\n'));
    const entries = await readAll(dir);
    expect(entries.map((e) => (e.ok ? e.item.id : `!${e.id}`))).toEqual(['optin:sub_a1', '!optin:optin/submissions.jsonl#3', '!optin:sub_b2', '!optin:Sub-C', '!optin:sub_d4']);
    const first = entries[0]!;
    expect(first.ok && first.item).toMatchObject({
      foreignId: 'sub_a1', licence: 'optin', rightsHolder: 'ada-k3x9', priceMicros: 250000, assertedBy: 'creator', image: 'optin/images/x.png',
      retrievedAt: '2026-12-01T00:00:00Z', extra: { terms: { generativeTraining: false } },
    });
    expect(!entries[2]!.ok && entries[2]!.detail).toMatch(/over the limit/);
  });

  it('reports a missing file as one entry', async () => {
    const entries = await readAll(await tempDir());
    expect(entries).toEqual([{ ok: false, id: 'optin:optin/submissions.jsonl', detail: expect.stringMatching(/cannot read/) }]);
  });
});
