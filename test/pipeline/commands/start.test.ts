// Pieces of `npm start` that decide what runs: the .dev.vars admin token and the step fingerprints; and the wrangler dev
// it starts, which neither fails silently nor outlives the process that started it.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminToken, parseDevVars } from '../../../pipeline/dev/dev-vars.js';
import { fingerprint, StepStamps } from '../../../pipeline/dev/fingerprint.js';
import { readServeLock } from '../../../pipeline/publish/serve-lock.js';
import { startWranglerDev } from '../../../pipeline/dev/wrangler-dev.js';
import { bundledModule } from '../../support/bundled.js';
import { prebuiltWorkerConfig } from '../../support/prebuilt-worker.js';
import { repoRoot } from '../../support/shared.js';

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
    const vars = parseDevVars(await readFile(path, 'utf8'));
    expect(vars).toEqual({ OTHER: 'x y', ADMIN_TOKEN: first.token, SIGNING_SECRET: expect.stringMatching(/^[\w-]{43}$/) });
    const elsewhere = await ensureAdminToken(join(tmp, 'fresh.vars'));
    expect(elsewhere.token).not.toBe(first.token);
  });

  it('adds a SIGNING_SECRET of 32 random bytes to an older .dev.vars that has only the token, keeping the token', async () => {
    const path = join(tmp, 'old.vars');
    await writeFile(path, 'ADMIN_TOKEN=kept\n');
    expect(await ensureAdminToken(path)).toEqual({ token: 'kept', created: false });
    const vars = parseDevVars(await readFile(path, 'utf8'));
    expect(Buffer.from(vars.SIGNING_SECRET!, 'base64url')).toHaveLength(32);
    expect(vars.SIGNING_SECRET).not.toBe(parseDevVars(await readFile(join(tmp, '.dev.vars'), 'utf8')).SIGNING_SECRET);
    await ensureAdminToken(path);
    expect(parseDevVars(await readFile(path, 'utf8'))).toEqual(vars);
  });
});

describe('wrangler dev', () => {
  it('fails with wrangler\'s own words when it cannot listen, leaving no process behind', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await once(busy, 'listening');
    const port = (busy.address() as { port: number }).port;
    try {
      const err = await startWranglerDev({ cwd: repoRoot, port, persistTo: join(tmp, 'state'), timeoutMs: 60_000 }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(new RegExp(`wrangler dev did not start on http://127.0.0.1:${port}: the process exited`));
      expect((err as Error).message).toMatch(/Address already in use/);
    } finally {
      busy.close();
    }
    expect(readServeLock(join(tmp, 'state'))).toBeUndefined();
    expect(processesWith(`--port\0${port}\0`)).toEqual([]);
  });

  it('does not outlive the process that started it, when that process ends without stopping it', async () => {
    // A child that starts wrangler dev (in a process group of its own) and exits at once, as a test worker whose test
    // hung does at the end of the run. The prebuilt Worker (test/support/prebuilt-worker.ts): nothing to bundle.
    const module = pathToFileURL(await bundledModule(join(repoRoot, 'pipeline/dev/wrangler-dev.ts'))).href;
    const options = { cwd: repoRoot, config: await prebuiltWorkerConfig(), port: 'free', persistTo: join(tmp, 'left'), output: 'capture' };
    const script = `const { startWranglerDev } = await import(${JSON.stringify(module)});
const dev = await startWranglerDev(${JSON.stringify(options)});
console.log(new URL(dev.url).port);
process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot });
    const port = stdout.trim();
    expect(port).toMatch(/^\d+$/);
    // its 'exit' hook SIGKILLed wrangler's group (wrangler and workerd) before the child was gone; a killed process
    // leaves /proc once the kernel has run it to its end, which a loaded machine may take a moment to do
    const left = () => [...processesWith(`--port\0${port}\0`), ...processesWith(`127.0.0.1:${port}`)];
    for (let i = 0; i < 50 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(left()).toEqual([]);
    expect(readServeLock(join(tmp, 'left'))).toBeUndefined();
  });
});

/** Pids whose command line contains `needle` (NUL-separated arguments, from /proc). */
function processesWith(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'latin1').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

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
