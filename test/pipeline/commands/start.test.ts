// Pieces of `npm start` that decide what runs: the .dev.vars admin token and the step fingerprints.
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken, parseDevVars } from '../../../pipeline/dev/dev-vars.js';
import { fingerprint, StepStamps } from '../../../pipeline/dev/fingerprint.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'start-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('.dev.vars', () => {
  it('creates a random ADMIN_TOKEN once and keeps it, preserving other lines', async () => {
    const path = join(tmp, '.dev.vars');
    await writeFile(path, 'OTHER="x y"'); // no trailing newline
    const first = await ensureAdminToken(path);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[\w-]{32}$/);
    const again = await ensureAdminToken(path);
    expect(again).toEqual({ token: first.token, created: false });
    expect(parseDevVars(await readFile(path, 'utf8'))).toEqual({ OTHER: 'x y', ADMIN_TOKEN: first.token });
    const elsewhere = await ensureAdminToken(join(tmp, 'fresh.vars'));
    expect(elsewhere.token).not.toBe(first.token);
  });
});

describe('step fingerprints', () => {
  it('change with a file\'s content or a directory entry, not with a rewrite of the same bytes', async () => {
    const file = join(tmp, 'catalog.jsonl');
    const dir = join(tmp, 'src');
    await writeFile(file, 'a\n');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeFile(join(dir, 'page.astro'), 'x');
    const p1 = await fingerprint([file, dir], tmp);
    await writeFile(file, 'a\n');
    expect(await fingerprint([file, dir], tmp)).toBe(p1);
    await writeFile(file, 'b\n');
    const p2 = await fingerprint([file, dir], tmp);
    expect(p2).not.toBe(p1);
    await utimes(join(dir, 'page.astro'), new Date(), new Date(Date.now() + 5000));
    expect(await fingerprint([file, dir], tmp)).not.toBe(p2);

    const stamps = await new StepStamps(join(tmp, 'stamps.json')).load();
    expect(stamps.fresh('site', p2)).toBe(false);
    await stamps.record('site', p2);
    expect((await new StepStamps(join(tmp, 'stamps.json')).load()).fresh('site', p2)).toBe(true);
  });
});
