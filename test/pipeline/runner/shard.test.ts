// `--shard k/N`: parsing, the stable id hash, and the CLI refusing bad values with exit 2.
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../../pipeline/runner/shard.js';
import { CliError } from '../../../pipeline/util/cli-error.js';
import { removeTempDirs, runCli, tempDir } from '../support/cli.js';

afterAll(removeTempDirs);

describe('--shard k/N', () => {
  it('parses k/N with 0 ≤ k < N and refuses anything else', () => {
    expect(parseShard('0/3')).toEqual({ k: 0, n: 3 });
    expect(parseShard('2/3')).toEqual({ k: 2, n: 3 });
    expect(parseShard('0/1')).toEqual({ k: 0, n: 1 });
    for (const bad of ['3/3', '5/3', '1/0', '0/0', '-1/3', 'a/b', '1', '1/3/4', '', '1.5/3', '1 /3x']) {
      expect(() => parseShard(bad), bad).toThrow(CliError);
    }
  });

  it('hashes ids stably (first 4 bytes of SHA-256, big-endian, mod N) and spreads them', () => {
    // sha256("sample:dup-first") begins e7ca7204 → 3888804356 mod 3 = 2 (checked with `sha256sum`).
    expect(shardOf('sample:dup-first', 3)).toBe(2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[shardOf(`s:${i}`, 3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });

  it('the CLI exits 2 with one line for bad values', async () => {
    const dir = await tempDir();
    for (const bad of ['3/3', 'x', '1/0']) {
      const r = await runCli(['build', dir, '--out', `${dir}/out`, '--shard', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--shard/);
    }
    const withPrevious = await runCli(['build', dir, '--out', `${dir}/out`, '--shard', '0/2', '--previous', dir]);
    expect(withPrevious.code).toBe(2);
    expect(withPrevious.stderr).toMatch(/clearance merge/);
  });
});
