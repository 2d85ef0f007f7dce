// Every path release.json names, and every file found through one, must resolve inside the release after symlinks.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../pipeline/runner/run-build.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { goodImage, writeRelease } from './support/release.js';

const T = { timeout: 30_000 };
let outside: string;

beforeAll(async () => {
  vi.stubEnv('CLEARANCE_SAFETY', 'off');
  outside = await tempDir('clearance-outside-');
  await writeFile(join(outside, 'secret.jsonl'), `${JSON.stringify({ id: 'stolen', image: 'x.jpg' })}\n`);
  await writeFile(join(outside, 'secret.txt'), 'User-Agent: *\nAllow: /\n');
  await mkdir(join(outside, 'dir'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await removeTempDirs();
});

async function release(): Promise<string> {
  const dir = join(await tempDir(), 'release');
  await writeRelease(dir, [{ id: 'good', image: await goodImage(dir, 'good.jpg', 1701) }]);
  await symlink(outside, join(dir, 'linked-out'));
  await symlink(join(outside, 'secret.jsonl'), join(dir, 'linked-file.jsonl'));
  return dir;
}

const build = (dir: string) => runBuild({ releaseDir: dir, out: join(dir, '..', 'out'), log: () => {} });

describe('hostile input: paths named in release.json', () => {
  const settings: [string, Record<string, unknown>][] = [
    ['a source path with ..', { sources: [{ name: 'x', adapter: 'manifest', path: '../secret.jsonl' }] }],
    ['an absolute source path', { sources: [{ name: 'x', adapter: 'manifest', path: '/etc/hostname' }] }],
    ['a source file that is a symlink out', { sources: [{ name: 'x', adapter: 'manifest', path: 'linked-file.jsonl' }] }],
    ['a source glob in a linked directory', { sources: [{ name: 'x', adapter: 'manifest', path: 'linked-out/*.jsonl' }] }],
    ['fetched', { fetched: 'linked-out' }],
    ['optOut.registry', { optOut: { registry: 'linked-out/secret.txt' } }],
    ['optOut.aiTxt', { optOut: { aiTxt: '../../' } }],
    ['optOut.tdmRep', { optOut: { tdmRep: 'linked-out/dir' } }],
    ['optOut.robotsTxt', { optOut: { robotsTxt: '../robots' } }],
    ['optOut.pages', { optOut: { pages: 'linked-out/pages' } }],
    ['rightsHolders', { rightsHolders: 'linked-out/nothing-yet.jsonl' }],
    ['withdrawals', { withdrawals: '/dev/null' }],
    ['reviews', { reviews: 'linked-out/reviews.jsonl' }],
  ];
  for (const [what, setting] of settings) {
    it(`refuses ${what} (exit-2 error naming it)`, T, async () => {
      const dir = await release();
      const key = Object.keys(setting)[0]!;
      const base = { name: 'hostile', sources: [{ name: 'm', adapter: 'manifest', path: 'm.jsonl' }] };
      const json = key === 'sources' ? { ...base, sources: [...base.sources, ...(setting.sources as unknown[])] } : { ...base, ...setting };
      await writeFile(join(dir, 'release.json'), JSON.stringify(json));
      const field = key === 'sources' ? 'sources "x" path' : key === 'optOut' ? `optOut.${Object.keys(setting.optOut as object)[0]}` : key;
      await expect(build(dir)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(field) });
      await expect(build(dir)).rejects.toThrow(/leaves the release directory|resolves outside the release directory|must be relative/);
    });
  }

  it('files found inside a release directory are checked too: a glob match or an ai.txt entry linked outside', T, async () => {
    const dir = await release();
    await mkdir(join(dir, 'parts'));
    await writeFile(join(dir, 'parts', 'a.jsonl'), `${JSON.stringify({ id: 'a', image: await goodImage(dir, 'other.jpg', 1702), licence: 'CC0' })}\n`);
    await symlink(join(outside, 'secret.jsonl'), join(dir, 'parts', 'b.jsonl'));
    await writeRelease(dir, [{ id: 'good', image: 'images/good.jpg' }], {}, [{ name: 'p', adapter: 'manifest', path: 'parts/*.jsonl' }]);
    await build(dir);
    const decisions = await readJsonl<DecisionLine>(join(dir, '..', 'out', 'decisions.jsonl'));
    expect(decisions.map((d) => [d.id, d.reasons[0]!.code])).toEqual([
      ['m:good', 'licence.cc0'],
      ['p:a', 'licence.cc0'],
      ['p:parts/b.jsonl', 'input.invalid'],
    ]);
    expect(decisions[2]!.reasons[0]!.detail).toMatch(/resolves outside the release directory/);

    await mkdir(join(dir, 'ai'));
    await symlink(join(outside, 'secret.txt'), join(dir, 'ai', 'example.org.txt'));
    await writeRelease(dir, [{ id: 'good', image: 'images/good.jpg' }], { optOut: { aiTxt: 'ai' } });
    await expect(build(dir)).rejects.toThrow(/optOut\.aiTxt file path resolves outside the release directory/);
  });

  it('image paths: .., absolute, other schemes and symlinks out are input.invalid', T, async () => {
    const dir = await release();
    await symlink(join(outside, 'secret.txt'), join(dir, 'images', 'link.jpg'));
    await symlink('/dev/zero', join(dir, 'images', 'zero.jpg'));
    await writeRelease(dir, [
      { id: 'up', image: '../secret.jpg' },
      { id: 'abs', image: '/etc/hostname' },
      { id: 'file', image: 'file:///etc/passwd' },
      { id: 'link', image: 'images/link.jpg' },
      { id: 'zero', image: 'images/zero.jpg' },
      { id: 'through-dir', image: 'linked-out/secret.txt' },
    ]);
    await build(dir);
    for (const d of await readJsonl<DecisionLine>(join(dir, '..', 'out', 'decisions.jsonl'))) expect(d.reasons[0]!.code, d.id).toBe('input.invalid');
  });
});
