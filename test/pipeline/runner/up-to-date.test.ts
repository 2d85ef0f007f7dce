// An unchanged release against its own --out is "up to date"; any input change, --force or --previous rebuilds.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { runCli, tempDir, removeTempDirs } from '../support/cli.js';

let root: string;
let release: string;
let out: string;
const builtAt = async () => JSON.parse(await readFile(join(out, 'report.json'), 'utf8')).builtAt as string;

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  out = join(root, 'out');
  await mkdir(join(release, 'images'), { recursive: true });
  for (const i of [0, 1]) await writeFile(join(release, 'images', `${i}.png`), await drawImage({ format: 'png', width: 200, height: 160, seed: 300 + i }));
  const lines = [0, 1].map((i) => JSON.stringify({ id: String(i), image: `images/${i}.png`, licence: 'https://creativecommons.org/publicdomain/zero/1.0/' }));
  await writeFile(join(release, 'm.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'u', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] }));
});

afterAll(removeTempDirs);

describe('up-to-date check', () => {
  it('does nothing for unchanged inputs and rebuilds when an image, a setting or --force says so', async () => {
    expect((await runCli(['build', release, '--out', out])).code).toBe(0);
    const first = await builtAt();

    const same = await runCli(['build', release, '--out', out]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/is up to date/);
    expect(await builtAt()).toBe(first);

    await writeFile(join(release, 'images', '1.png'), await drawImage({ format: 'png', width: 200, height: 160, seed: 999 }));
    const changedImage = await runCli(['build', release, '--out', out]);
    expect(changedImage.stdout).not.toMatch(/up to date/);
    const second = await builtAt();
    expect(second).not.toBe(first);

    const otherSetting = await runCli(['build', release, '--out', out], { CLEARANCE_SOMETHING: 'changed' });
    expect(otherSetting.stdout).not.toMatch(/up to date/);

    const again = await runCli(['build', release, '--out', out]);
    expect(again.stdout).not.toMatch(/up to date/); // the setting went back: still a different fingerprint
    expect((await runCli(['build', release, '--out', out])).stdout).toMatch(/up to date/);
    expect((await runCli(['build', release, '--out', out, '--force'])).stdout).not.toMatch(/up to date/);
    expect((await runCli(['build', release, '--out', out, '--previous', out])).stdout).not.toMatch(/up to date/);
  });
});
