// Merges shard outputs into one site: the first (all or lists) becomes dist; item shards add item/** and _astro/*.
import { access, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ShardRun } from './shards.js';

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

export async function mergeShards(runs: ShardRun[], distDir: string): Promise<void> {
  const [main, ...items] = runs;
  if (!main) throw new Error('no shard to merge');
  await rm(distDir, { recursive: true, force: true });
  await mkdir(dirname(distDir), { recursive: true });
  await rename(main.outDir, distDir);
  for (const run of items) {
    // Item pages live two levels down: item/<source>/<encoded id>/index.html.
    for (const source of await readdir(join(run.outDir, 'item')).catch(() => [] as string[])) {
      const target = join(distDir, 'item', source);
      await mkdir(target, { recursive: true });
      for (const page of await readdir(join(run.outDir, 'item', source))) {
        await rename(join(run.outDir, 'item', source, page), join(target, page));
      }
    }
    // Client bundles are identical across shards (content-hashed names): copy the ones the main build lacks.
    for (const asset of await readdir(join(run.outDir, '_astro')).catch(() => [] as string[])) {
      const target = join(distDir, '_astro', asset);
      if (!(await exists(target))) {
        await mkdir(dirname(target), { recursive: true });
        await copyFile(join(run.outDir, '_astro', asset), target);
      }
    }
  }
}
