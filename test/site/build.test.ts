// The `clearance site` command fails loudly on bad input, keeps the last good site when killed, and makes the same
// pages whatever the index layout.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureCatalog } from '../support/fixture-catalog.js';
import { spawn } from 'node:child_process';
import { bundledCli } from '../support/bundled.js';
import { repoRoot } from '../support/shared.js';
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

describe('clearance site, index in parts', () => {
  it('makes the same pages whatever the index layout, and indexes every record exactly once', async () => {
    const out = join(root, 'fixture');
    const records = await writeFixtureCatalog(out, 30);
    await clearanceSite(out, join(root, 'one'));
    const { stdout } = await clearanceSite(out, join(root, 'parts'), {}, ['--part-size', '12', '--jobs', '3']);
    expect(stdout).toMatch(/30 records indexed in 3 parts/);
    await clearanceSite(out, join(root, 'html'), {}, ['--index-from', 'html']);
    const pages = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind')).sort();
    const one = await pages(join(root, 'one'));
    expect(one.filter((f) => f.startsWith('item/'))).toHaveLength(records.length);
    for (const other of ['parts', 'html']) {
      expect(await pages(join(root, other))).toEqual(one);
      for (const f of one) {
        if (f === 'search/index.html') continue; // lists the index parts
        expect(await readFile(join(root, other, f), 'utf8'), f).toBe(await readFile(join(root, 'one', f), 'utf8'));
      }
    }
    const search = await readFile(join(root, 'parts', 'search', 'index.html'), 'utf8');
    expect(search).toContain(`data-index-parts="${JSON.stringify(['/pagefind/part-1/', '/pagefind/part-2/']).replaceAll('"', '&quot;')}"`);
    const count = async (bundle: string) =>
      (JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }).languages.en?.page_count;
    expect(await count(join(root, 'one', 'pagefind'))).toBe(records.length);
    expect(await count(join(root, 'html', 'pagefind'))).toBe(records.length);
    const inParts = [await count(join(root, 'parts', 'pagefind')), await count(join(root, 'parts', 'pagefind', 'part-1')), await count(join(root, 'parts', 'pagefind', 'part-2'))];
    expect(inParts).toEqual([12, 12, 6]);
  });
});

describe('clearance site, killed', () => {
  it('leaves the last good site untouched, and the next build sweeps the dead staging dir', async () => {
    const out = join(root, 'kill');
    const dist = join(root, 'kill-dist');
    await writeFixtureCatalog(out, 30);
    await clearanceSite(out, dist);
    const before = await readFile(join(dist, 'index.html'), 'utf8');
    // A bigger catalogue, so the build is still writing pages when it is killed (24 distinct thumbnails are enough).
    await writeFixtureCatalog(out, 3000, 24);
    // the CLI bundled once per run (test/support/bundled.ts): a process of its own to kill
    const child = spawn(process.execPath, [await bundledCli(), 'site', out, '--dist', dist], { cwd: repoRoot, stdio: 'ignore' });
    const staged = () => readdir(root).then((names) => names.some((n) => n.startsWith('.kill-dist.building-')));
    await expect.poll(staged, { timeout: 30_000, interval: 20 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await readFile(join(dist, 'index.html'), 'utf8')).toBe(before);
    expect(await staged()).toBe(true);
    // The next build (of a catalogue of another size, so its site is told apart from both earlier ones; a small one,
    // as building 3000 pages again would prove nothing more) replaces the site and sweeps the dead staging dir.
    await writeFixtureCatalog(out, 40);
    await clearanceSite(out, dist);
    expect(await readFile(join(dist, 'index.html'), 'utf8')).toMatch(/40 images/);
    await expect.poll(staged, { timeout: 10_000 }).toBe(false);
  });
});
