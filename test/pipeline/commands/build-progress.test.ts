// Progress shows on a terminal (a pseudo-terminal via util-linux `script`) and stays out of pipes and logs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { bundledCli } from '../../support/bundled.js';
import { repoRoot } from '../../support/shared.js';
import { removeTempDirs, runCli, tempDir, TEST_ENV } from '../support/cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
let release: string;
let root: string;

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  await mkdir(join(release, 'images'), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 6; i++) {
    await writeFile(join(release, 'images', `${i}.jpg`), await drawImage({ format: 'jpeg', width: 300, height: 200, seed: 600 + i }));
    lines.push(JSON.stringify({ id: String(i), image: `images/${i}.jpg`, licence: 'https://creativecommons.org/publicdomain/zero/1.0/' }));
  }
  await writeFile(join(release, 'm.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'p', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] }));
});

afterAll(removeTempDirs);

describe('build progress', () => {
  it.skipIf(!hasScript)('prints a live progress line on a TTY and the summary table at the end', async () => {
    // the CLI bundled once per run (test/support/bundled.ts); bin.test.ts spawns pipeline/bin.mjs itself
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(await bundledCli())} build ${JSON.stringify(release)} --out ${JSON.stringify(join(root, 'tty-out'))}`;
    const output = execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: repoRoot, env: { ...process.env, ...TEST_ENV }, encoding: 'utf8' });
    expect(output).toMatch(/building: \d+ items · \d+ accepted, \d+ review, \d+ rejected · [\d.]+ items\/s/);
    expect(output).toMatch(/accepted\s+6/);
  });
  if (!hasScript) it.skip('skipped: util-linux `script` is not installed (apt-get install util-linux)', () => {});

  it('prints no progress line when stderr is not a terminal', async () => {
    const r = await runCli(['build', release, '--out', join(root, 'pipe-out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/building:/);
    expect(r.stdout).toMatch(/accepted\s+6/);
  });
});
