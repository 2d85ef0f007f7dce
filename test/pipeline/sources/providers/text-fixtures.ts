// Test helper: writes self-made provider files into a temporary release and reads them through an adapter (no corpus needed).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReleaseSource } from '../../../../pipeline/catalog/index.js';
import type { SourceAdapter, SourceEntry } from '../../../../pipeline/sources/source.js';
import { READ_AT } from './fixtures.js';

/** Writes `files` ({ name: text }) into a fresh directory, reads `path` through `adapter`, removes the directory. */
export async function readText(adapter: SourceAdapter, files: Record<string, string>, path: string, source: Partial<ReleaseSource> = {}): Promise<SourceEntry[]> {
  const dir = await mkdtemp(join(tmpdir(), `${adapter.name}-`));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const src: ReleaseSource = { name: adapter.name, adapter: adapter.name, path, ...source };
    const out: SourceEntry[] = [];
    for await (const e of adapter.read(src, { releaseDir: dir, release: { name: 'fixtures', sources: [src] }, retrievedAt: READ_AT })) out.push(e);
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
