// Places the pipeline's public thumbnails (<out>/files/thumb/**) into <dist>/files/thumb/** (hard link, else copy).
import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Returns the number of files placed; a missing thumb directory places none. */
export async function copyThumbs(outDir: string, distDir: string): Promise<number> {
  const from = join(outDir, 'files', 'thumb');
  const to = join(distDir, 'files', 'thumb');
  let entries: string[];
  try {
    entries = await readdir(from, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const made = new Set<string>();
  let count = 0;
  for (const rel of entries) {
    if (!/\.(webp|avif|jpe?g|png)$/.test(rel)) continue;
    const dir = join(to, rel, '..');
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    try {
      await link(join(from, rel), join(to, rel));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EXDEV' && code !== 'EPERM') throw err;
      await copyFile(join(from, rel), join(to, rel));
    }
    count++;
  }
  return count;
}
