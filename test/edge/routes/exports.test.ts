// /v1/exports: the metadata files of release exports in R2, for keyed callers only; shards and other keys never.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, uid } from '../helpers.js';

async function putExport(release: string, builtAt: string, withManifest = true) {
  const parquet = new Uint8Array([0x50, 0x41, 0x52, 0x31, 1, 2, 3, 0x50, 0x41, 0x52, 0x31]);
  const files = [
    { path: 'metadata/part-00000.parquet', bytes: parquet.length, sha256: 'a'.repeat(64), kind: 'metadata' },
    { path: 'shards/shard-000000.tar', bytes: 10240, sha256: 'b'.repeat(64), kind: 'shard' },
    { path: 'README.md', bytes: 7, sha256: 'c'.repeat(64), kind: 'metadata' },
  ];
  await env.FILES.put(`exports/${release}/metadata/part-00000.parquet`, parquet, { httpMetadata: { contentType: 'application/vnd.apache.parquet' } });
  await env.FILES.put(`exports/${release}/README.md`, '# card\n', { httpMetadata: { contentType: 'text/markdown; charset=utf-8' } });
  // A shard that somehow reached the bucket must still not be served by this route.
  await env.FILES.put(`exports/${release}/shards/shard-000000.tar`, new Uint8Array(10240));
  if (withManifest) await env.FILES.put(`exports/${release}/export.json`, JSON.stringify({ release, builtAt, rows: 3, files }));
  return parquet;
}

describe('release exports', () => {
  it('needs a key, lists complete exports newest first with metadata files only, and serves their bytes', async () => {
    const older = uid('rel-');
    const newer = uid('rel-');
    const half = uid('rel-');
    const parquet = await putExport(older, '2026-11-01T00:00:00.000Z');
    await putExport(newer, '2026-12-01T00:00:00.000Z');
    await putExport(half, '2026-12-02T00:00:00.000Z', false); // upload not finished: export.json comes last
    await expectError(await call('/v1/exports'), 401, 'unauthorized');
    await expectError(await call(`/v1/exports/${older}/files/README.md`), 401, 'unauthorized');
    const { key } = await newAccount();
    const res = await call('/v1/exports', { key });
    expect(res.status).toBe(200);
    const { exports } = (await res.json()) as { exports: { release: string; files: { path: string; url: string }[] }[] };
    const ours = exports.filter((e) => [older, newer, half].includes(e.release)).map((e) => e.release);
    expect(ours).toEqual([newer, older]);
    const one = exports.find((e) => e.release === older)!;
    expect(one.files.map((f) => f.path)).toEqual(['metadata/part-00000.parquet', 'README.md']);
    const file = await call(one.files[0]!.url, { key });
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('application/vnd.apache.parquet');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(parquet);
    const detail = await call(`/v1/exports/${older}`, { key });
    expect(((await detail.json()) as { export: { rows: number } }).export.rows).toBe(3);
  });

  it('answers 404 for shards, unknown files, unknown releases and bad names', async () => {
    const release = uid('rel-');
    await putExport(release, '2026-12-01T00:00:00.000Z');
    const { key } = await newAccount();
    for (const path of [`/v1/exports/${release}/files/shards/shard-000000.tar`, `/v1/exports/${release}/files/metadata/part-1.parquet`, `/v1/exports/${release}/files/../${release}/README.md`, `/v1/exports/nope-${release}/files/README.md`, `/v1/exports/nope-${release}`]) {
      const res = await call(path, { key });
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
    await expectError(await call('/v1/exports/.hidden', { key }), 400);
  });
});
