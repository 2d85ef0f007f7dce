// The `clearance site` command fails loudly on bad input: a missing catalogue or an invalid record line.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearanceSite } from './build-fixture.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'clearance-site-fail-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('clearance site', () => {
  it('exits non-zero with a one-line message when there is no catalog.jsonl', async () => {
    const err = await clearanceSite(join(root, 'nothing'), join(root, 'dist')).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/no catalog\.jsonl/);
  });

  it('names the file and line of an invalid record and builds nothing', async () => {
    const out = join(root, 'bad');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'catalog.jsonl'), `${JSON.stringify({ id: 'x:1', title: 'no other fields' })}\n`);
    const err = await clearanceSite(out, join(root, 'dist-bad')).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/catalog\.jsonl:1: not a catalogue record/);
    expect(existsSync(join(root, 'dist-bad'))).toBe(false);
  });
});
