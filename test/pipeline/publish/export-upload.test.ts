// publish --export against real Miniflare state: an export's metadata files go to exports/<release>/, its shards never.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uploadExport } from '../../../pipeline/publish/export-upload.js';
import { openTarget } from '../../../pipeline/publish/open-target.js';
import { repoRoot } from '../../support/shared.js';

let tmp: string;
let exp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-export-'));
  exp = join(tmp, 'export');
  await mkdir(join(exp, 'metadata'), { recursive: true });
  await mkdir(join(exp, 'shards'), { recursive: true });
  const files = { 'metadata/part-00000.parquet': 'PAR1..PAR1', 'shards/shard-000000.tar': 'tar bytes', 'README.md': '# card\n', 'croissant.json': '{}', SHA256SUMS: 'sums\n' };
  for (const [p, body] of Object.entries(files)) await writeFile(join(exp, p), body);
  const list = Object.entries(files).filter(([p]) => p !== 'SHA256SUMS').map(([path, body]) => ({ path, bytes: body.length, sha256: 'a'.repeat(64), kind: path.startsWith('shards/') ? 'shard' : 'metadata' }));
  await writeFile(join(exp, 'export.json'), JSON.stringify({ release: 'demo-1', builtAt: '2026-12-01T00:00:00Z', rows: 1, files: list }));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

it('uploads the metadata files and export.json, and no image shard', async () => {
  const target = await openTarget({ mode: 'local', config: join(repoRoot, 'wrangler.toml'), persistTo: join(tmp, 'state') });
  try {
    expect(await uploadExport(exp, target)).toEqual({ release: 'demo-1', uploaded: 5, skippedShards: 1 });
    expect(await target.readText('exports/demo-1/README.md')).toBe('# card\n');
    expect(await target.readText('exports/demo-1/metadata/part-00000.parquet')).toBe('PAR1..PAR1');
    expect(JSON.parse((await target.readText('exports/demo-1/export.json'))!).release).toBe('demo-1');
    expect(await target.readText('exports/demo-1/SHA256SUMS')).toBe('sums\n');
    expect(await target.readText('exports/demo-1/shards/shard-000000.tar')).toBeNull();
    await expect(uploadExport(join(tmp, 'nowhere'), target)).rejects.toThrow(/no export\.json there/);
  } finally {
    await target.close();
  }
});
