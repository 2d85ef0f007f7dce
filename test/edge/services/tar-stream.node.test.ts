// The Worker's shard tar headers read by GNU tar (a child process, so it runs in Node): names, sizes, bytes.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { shardKey, tarEnd, tarHeader, tarPadding } from '../../../edge/src/services/tar-stream.js';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

it('writes ustar members GNU tar lists and extracts byte for byte', async () => {
  dir = await mkdtemp(join(tmpdir(), 'edge-tar-'));
  const key = shardKey('met:45.734/b');
  expect(key).toBe('met_45_734_b');
  const members: [string, Uint8Array][] = [[`${key}.jpg`, new Uint8Array(1000).fill(3)], [`${key}.json`, new TextEncoder().encode('{"id":"met:45.734/b"}')], [`${key}.txt`, new TextEncoder().encode('Pomme — ü')], ['empty.txt', new Uint8Array(0)]];
  const parts: Uint8Array[] = [];
  for (const [name, data] of members) parts.push(tarHeader(name, data.length, 1_700_000_000), data, tarPadding(data.length));
  parts.push(tarEnd());
  const path = join(dir, 'shard.tar');
  await writeFile(path, Buffer.concat(parts));
  const listed = execFileSync('tar', ['-tvf', path], { encoding: 'utf8' }).trim().split('\n');
  expect(listed.map((l) => l.split(/\s+/).at(-1))).toEqual(members.map(([n]) => n));
  expect(listed[0]).toMatch(/^-rw-r--r-- 0\/0\s+1000 2023-11-14/);
  execFileSync('tar', ['-xf', path, '-C', dir]);
  for (const [name, data] of members) expect(new Uint8Array(await readFile(join(dir, name)))).toEqual(data);
});
