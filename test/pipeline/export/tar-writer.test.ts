// The export's tar writer read back by GNU tar: ustar members, a pax header for a name over 100 bytes, UTF-8 names.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TarWriter } from '../../../pipeline/export/tar-writer.js';
import { removeTempDirs, tempDir } from '../support/cli.js';

afterAll(removeTempDirs);

it('writes members GNU tar lists and extracts byte for byte, with the SHA-256 of the archive', async () => {
  const dir = await tempDir('clearance-tar-');
  const path = join(dir, 'a.tar');
  const long = `${'k'.repeat(120)}-é.json`;
  const members: [string, Buffer][] = [['a.jpg', Buffer.alloc(513, 7)], ['a.txt', Buffer.from('Pomme — caption')], ['empty.txt', Buffer.alloc(0)], [long, Buffer.from('{"x":1}')]];
  const tar = await TarWriter.create(path, 1_700_000_000);
  for (const [name, data] of members) await tar.add(name, data);
  const hash = await tar.close();
  const bytes = await readFile(path);
  expect(bytes.length % 512).toBe(0);
  expect(hash).toBe(createHash('sha256').update(bytes).digest('hex'));
  expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).trim().split('\n')).toEqual(members.map(([n]) => n));
  const verbose = execFileSync('tar', ['-tvf', path], { encoding: 'utf8' });
  expect(verbose).toContain('2023-11-14');
  const x = join(dir, 'x');
  execFileSync('mkdir', [x]);
  execFileSync('tar', ['-xf', path, '-C', x]);
  for (const [name, data] of members) expect((await readFile(join(x, name))).equals(data)).toBe(true);
});
