// CI guards: `wrangler types --check` for the committed Worker types, and no schema change missing a migration.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);

describe('generated edge files', () => {
  it('worker-configuration.d.ts matches wrangler.toml (wrangler types --check)', async () => {
    const res = await run(process.execPath, [bin('wrangler', 'bin/wrangler.js'), 'types', 'worker-configuration.d.ts', '--check'], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(res.stdout + res.stderr).toMatch(/up to date/);
    expect('code' in res ? res.code : 0).toBe(0);
  });

  it('edge/migrations contain every change of edge/src/db/schema.ts (drizzle-kit generate is a no-op)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clearance-migrations-'));
    try {
      await cp(join(root, 'edge/migrations'), dir, { recursive: true });
      const before = await readdir(dir);
      const { stdout } = await run(
        process.execPath,
        [bin('drizzle-kit', 'bin.cjs'), 'generate', '--dialect', 'sqlite', '--schema', 'edge/src/db/schema.ts', '--out', relative(root, dir)],
        { cwd: root },
      );
      // drizzle-kit exits 0 even on errors, so the message is the signal
      expect(stdout).toMatch(/No schema changes/);
      expect(await readdir(dir)).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
