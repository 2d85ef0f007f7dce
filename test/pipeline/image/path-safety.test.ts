// Unit tests: image paths must stay inside the release directory, as written and after following symlinks.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside } from '../../../pipeline/image/path-safety.js';
import { tempDir, removeTempDirs } from '../support/cli.js';

let root: string;
let release: string;

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  await mkdir(join(release, 'images', 'sub'), { recursive: true });
  await writeFile(join(release, 'images', 'a.jpg'), 'a');
  await writeFile(join(root, 'secret.jpg'), 'secret');
  await symlink(join(root, 'secret.jpg'), join(release, 'images', 'escape.jpg'));
  await symlink(root, join(release, 'images', 'updir'));
  await symlink(join(release, 'images', 'a.jpg'), join(release, 'images', 'inside-link.jpg'));
});

afterAll(removeTempDirs);

describe('resolveInside', () => {
  it('accepts relative paths inside the release, also via ./ and harmless ..', async () => {
    for (const p of ['images/a.jpg', './images/a.jpg', 'images/sub/../a.jpg', 'images/inside-link.jpg']) {
      const r = await resolveInside(release, p);
      expect(r, p).toMatchObject({ ok: true });
      if (r.ok) expect(r.path.endsWith(join('images', 'a.jpg'))).toBe(true);
    }
  });

  it('refuses paths that leave the directory as written', async () => {
    for (const p of ['../secret.jpg', 'images/../../secret.jpg', '..', join(root, 'secret.jpg'), '/etc/passwd', 'C:\\x.jpg']) {
      const r = await resolveInside(release, p);
      expect(r, p).toMatchObject({ ok: false, missing: false });
    }
  });

  it('refuses symlinks that point outside, directly or through a linked directory', async () => {
    for (const p of ['images/escape.jpg', 'images/updir/secret.jpg']) {
      const r = await resolveInside(release, p);
      expect(r, p).toMatchObject({ ok: false, missing: false });
      if (!r.ok) expect(r.detail).toMatch(/outside|leaves/);
    }
  });

  it('refuses URLs of other schemes and NUL bytes, and reports a missing file as missing', async () => {
    expect(await resolveInside(release, 'file:///etc/passwd')).toMatchObject({ ok: false, missing: false });
    expect(await resolveInside(release, 'images/a.jpg\0.png')).toMatchObject({ ok: false, missing: false });
    expect(await resolveInside(release, 'images/none.jpg')).toMatchObject({ ok: false, missing: true });
  });
});
