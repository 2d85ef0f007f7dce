// replaceDir swaps a built tree into place, restores the old one when the swap fails, and removes the old one after.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceDir } from '../../../site/generator/replace-dir.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'clearance-replace-dir-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function tree(dir: string, text: string): Promise<string> {
  await mkdir(join(dir, 'a', 'b'), { recursive: true });
  await writeFile(join(dir, 'a', 'b', 'index.html'), text);
  return dir;
}

describe('replaceDir', () => {
  it('puts the new tree in place and deletes the old one in the background', async () => {
    const target = await tree(join(root, 'dist'), 'old');
    await replaceDir(await tree(join(root, 'built-1'), 'new'), target);
    expect(await readFile(join(target, 'a', 'b', 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(root, 'built-1'))).toBe(false);
    await expect.poll(async () => (await readdir(root)).sort(), { timeout: 10_000 }).toEqual(['dist']);
  });

  it('creates the target when there was none', async () => {
    const target = join(root, 'fresh', 'dist');
    await replaceDir(await tree(join(root, 'built-2'), 'first'), target);
    expect(await readFile(join(target, 'a', 'b', 'index.html'), 'utf8')).toBe('first');
  });

  it('leaves the old tree in place when the new one cannot be moved there', async () => {
    const target = join(root, 'dist');
    await expect(replaceDir(join(root, 'no-such-build'), target)).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(target, 'a', 'b', 'index.html'), 'utf8')).toBe('new');
  });
});
