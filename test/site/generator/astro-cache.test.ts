// The Astro build cache: its key follows every input (sources, config, lockfile, env) and a stored build restores whole.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AstroCache, astroCacheKey } from '../../../site/generator/astro-cache.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'clearance-astro-cache-'));
  await mkdir(join(root, 'site', 'src', 'pages'), { recursive: true });
  await writeFile(join(root, 'astro.config.mjs'), 'export default {}');
  await writeFile(join(root, 'package-lock.json'), '{}');
  await writeFile(join(root, 'site', 'src', 'pages', 'a.astro'), '<p>a</p>');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('astroCacheKey', () => {
  it('is stable, and changes with a source file, a new file, the config, the lockfile or the env', async () => {
    const key = await astroCacheKey(root, {});
    expect(await astroCacheKey(root, {})).toBe(key);
    expect(await astroCacheKey(root, { CLEARANCE_API_BASE: 'https://api.example' })).not.toBe(key);
    const changes: [string, string][] = [
      ['site/src/pages/a.astro', '<p>b</p>'],
      ['site/src/pages/new.astro', '<p>new</p>'],
      ['site/public/robots.txt', 'x'],
      ['astro.config.mjs', 'export default { x: 1 }'],
      ['package-lock.json', '{"v":2}'],
    ];
    let previous = key;
    for (const [file, text] of changes) {
      await mkdir(join(root, file, '..'), { recursive: true });
      await writeFile(join(root, file), text);
      const next = await astroCacheKey(root, {});
      expect(next, file).not.toBe(previous);
      previous = next;
    }
  });
});

describe('AstroCache', () => {
  it('restores a stored build whole, misses unknown keys, and keeps the newest three', async () => {
    const cache = new AstroCache(join(root, 'cache'));
    const built = join(root, 'built');
    await mkdir(join(built, 'shell', 'item'), { recursive: true });
    await writeFile(join(built, 'shell', 'item', 'index.html'), 'shell');
    expect(await cache.restore('k0', join(root, 'r0'))).toBe(false);
    for (const k of ['k1', 'k2', 'k3', 'k4']) {
      await cache.store(k, built);
      await new Promise((r) => setTimeout(r, 15));
    }
    expect((await readdir(join(root, 'cache'))).sort()).toEqual(['k2', 'k3', 'k4']);
    expect(await cache.restore('k4', join(root, 'r4'))).toBe(true);
    expect(await readFile(join(root, 'r4', 'shell', 'item', 'index.html'), 'utf8')).toBe('shell');
    expect(existsSync(join(root, 'r4', '.complete'))).toBe(false);
    expect(await cache.restore('k1', join(root, 'r1'))).toBe(false);
  });
});
