// --previous: report.json and report.html list the items added, removed and changed since an earlier build.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { runCli, tempDir, removeTempDirs } from '../support/cli.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
let root: string;
let release: string;

async function writeManifest(items: object[]): Promise<void> {
  await writeFile(join(release, 'm.jsonl'), `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
}

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  await mkdir(join(release, 'images'), { recursive: true });
  for (let i = 0; i < 5; i++) await writeFile(join(release, 'images', `${i}.png`), await drawImage({ format: 'png', width: 200, height: 150, seed: 70 + i }));
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'd', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] }));
});

afterAll(removeTempDirs);

describe('build --previous', () => {
  it('lists added, removed (with the new decision) and changed items (with the fields)', async () => {
    const item = (i: number, extra: object = {}) => ({ id: String(i), image: `images/${i}.png`, title: `Work ${i}`, licence: CC0, ...extra });
    await writeManifest([item(0), item(1), item(2), item(3)]);
    const a = await runCli(['build', release, '--out', join(root, 'a')]);
    expect(a.code, a.stderr).toBe(0);

    // 0 unchanged, 1 retitled, 2 now without a licence (removed), 3 gone from the release, 4 new
    await writeManifest([item(0), item(1, { title: 'Work one, retitled' }), item(2, { licence: undefined }), item(4)]);
    const b = await runCli(['build', release, '--out', join(root, 'b'), '--previous', join(root, 'a')]);
    expect(b.code, b.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(root, 'b', 'report.json'), 'utf8'));
    expect(report.diff.added).toEqual(['s:4']);
    expect(report.diff.removed).toEqual([
      { id: 's:2', now: 'rejected: licence.missing' },
      { id: 's:3', now: 'not in this release' },
    ]);
    // provenance changes too: the record's original-metadata hash follows the manifest line
    expect(report.diff.changed).toEqual([{ id: 's:1', fields: ['provenance', 'title'] }]);
    expect(report.diff.unchanged).toBe(1);
    expect(b.stdout).toMatch(/1 added, 2 removed, 1 changed/);
    const html = await readFile(join(root, 'b', 'report.html'), 'utf8');
    expect(html).toContain('s:4');
    expect(html).toContain('s:1 — provenance, title');

    // --previous may be the output being replaced
    const c = await runCli(['build', release, '--out', join(root, 'b'), '--previous', join(root, 'b')]);
    expect(c.code, c.stderr).toBe(0);
    const again = JSON.parse(await readFile(join(root, 'b', 'report.json'), 'utf8'));
    expect(again.diff).toMatchObject({ added: [], removed: [], changed: [], unchanged: 3 });
  });

  it("lists items a moderator withdrew at the edge (the previous output's publish-report.json) that the release still accepts", async () => {
    const item = (i: number) => ({ id: String(i), image: `images/${i}.png`, title: `Work ${i}`, licence: CC0 });
    await writeManifest([item(0), item(1)]);
    const prev = join(root, 'p');
    expect((await runCli(['build', release, '--out', prev])).code).toBe(0);
    const conflicts = [
      { id: 's:0', title: 'Work 0', sha256: 'x', withdrawnReason: 'privacy flag upheld', withdrawnAt: '2026-11-20T00:00:00Z' },
      { id: 's:9', title: 'Gone', sha256: 'y', withdrawnReason: 'objectionable', withdrawnAt: '2026-11-21T00:00:00Z' },
    ];
    await writeFile(join(prev, 'publish-report.json'), JSON.stringify({ conflicts }));
    const r = await runCli(['build', release, '--out', join(root, 'q'), '--previous', prev]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(root, 'q', 'report.json'), 'utf8'));
    expect(report.diff.edgeWithdrawn).toEqual([{ id: 's:0', withdrawnReason: 'privacy flag upheld', withdrawnAt: '2026-11-20T00:00:00Z' }]);
    expect(await readFile(join(root, 'q', 'report.html'), 'utf8')).toContain('s:0 — privacy flag upheld');
  });

  it('fails with one line when --previous is not a build output', async () => {
    const r = await runCli(['build', release, '--out', join(root, 'c'), '--previous', join(root, 'nothing-here')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^clearance: --previous .* has no catalog\.jsonl/);
  });
});
