// Exit codes: the build fails (non-zero, one line saying what to fix) only when the run cannot finish at all.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, removeTempDirs } from '../support/cli.js';

let root: string;

async function release(name: string, json: string, manifest = ''): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'release.json'), json);
  await writeFile(join(dir, 'm.jsonl'), manifest);
  return dir;
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^clearance: /);
  return lines[0]!;
}

const GOOD = JSON.stringify({ name: 'r', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] });

beforeAll(async () => {
  root = await tempDir();
});

afterAll(removeTempDirs);

describe('clearance build exit codes', () => {
  it('fails with one line when release.json is missing, not JSON, or not a release', async () => {
    const missing = await runCli(['build', join(root, 'nowhere'), '--out', join(root, 'o1')]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toMatch(/cannot read .*release\.json: ENOENT/);

    const notJson = await runCli(['build', await release('bad-json', '{ "name": '), '--out', join(root, 'o2')]);
    expect(notJson.code).toBe(2);
    expect(oneLine(notJson.stderr)).toMatch(/release\.json is not valid JSON/);

    const noSources = await runCli(['build', await release('no-sources', '{"name":"x","sources":[]}'), '--out', join(root, 'o3')]);
    expect(noSources.code).toBe(2);
    expect(oneLine(noSources.stderr)).toMatch(/not a valid release: sources/);

    const unknown = await runCli(['build', await release('unknown', JSON.stringify({ name: 'x', sources: [{ name: 's', adapter: 'nope', path: 'm.jsonl' }] })), '--out', join(root, 'o4')]);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toMatch(/unknown adapter "nope"/);
  });

  it('fails with one line when --out cannot be written or is not an output directory', async () => {
    const dir = await release('ok', GOOD, '{"id":"1","image":"missing.jpg"}\n');
    await writeFile(join(root, 'a-file'), 'x');
    const unwritable = await runCli(['build', dir, '--out', join(root, 'a-file', 'out')]);
    expect(unwritable.code).toBe(2);
    expect(oneLine(unwritable.stderr)).toMatch(/cannot write the output .*: choose a writable --out/);

    const isFile = await runCli(['build', dir, '--out', join(root, 'a-file')]);
    expect(isFile.code).toBe(2);
    expect(oneLine(isFile.stderr)).toMatch(/is a file/);

    await mkdir(join(root, 'precious'));
    await writeFile(join(root, 'precious', 'thesis.txt'), 'do not delete');
    const foreign = await runCli(['build', dir, '--out', join(root, 'precious')]);
    expect(foreign.code).toBe(2);
    expect(oneLine(foreign.stderr)).toMatch(/not a Clearance output/);

    const noOut = await runCli(['build', dir]);
    expect(noOut.code).toBe(2);
    expect(oneLine(noOut.stderr)).toMatch(/--out <dir> is required/);

    const badConc = await runCli(['build', dir, '--out', join(root, 'o5'), '--concurrency', 'zero']);
    expect(badConc.code).toBe(2);
    expect(oneLine(badConc.stderr)).toMatch(/--concurrency/);
  });

  it('exits 0 when every item is bad: bad items are decisions, not failures', async () => {
    const dir = await release('all-bad', GOOD, 'not json\n{"id":"1","image":"missing.jpg"}\n{"id":"2","image":"../up.jpg"}\n');
    const r = await runCli(['build', dir, '--out', join(root, 'o6')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/rejected\s+3/);
  });
});
