// Caches the Astro build of the gallery's static parts: it depends only on the site's sources, config and packages
// (never on the catalogue), so a build is reused until one of those changes.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const KEEP = 3;

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const all = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const f of all.sort()) if ((await stat(join(dir, f))).isFile()) files.push(join(dir, f));
  return files;
}

/** A key over everything the Astro build reads: site sources, public files, configs, lockfile, env and Node version. */
export async function astroCacheKey(repoRoot: string, env: Record<string, string>): Promise<string> {
  const h = createHash('sha256');
  const inputs = [
    join(repoRoot, 'astro.config.mjs'),
    join(repoRoot, 'package-lock.json'),
    ...(await filesUnder(join(repoRoot, 'site', 'src'))),
    ...(await filesUnder(join(repoRoot, 'site', 'public'))),
  ];
  for (const file of inputs) {
    h.update(relative(repoRoot, file)).update('\0');
    h.update(await readFile(file)).update('\0');
  }
  // the child that runs the build passes configuration of its own (e.g. no inline scripts)
  h.update(await readFile(join(import.meta.dirname, 'astro-child.mjs'))).update('\0');
  h.update(JSON.stringify(Object.entries(env).sort())).update(process.version);
  return h.digest('hex').slice(0, 32);
}

export class AstroCache {
  constructor(private readonly dir: string) {}

  private entry(key: string): string {
    return join(this.dir, key);
  }

  /** Copies a cached build into `target`; false when there is none. */
  async restore(key: string, target: string): Promise<boolean> {
    if (!existsSync(join(this.entry(key), '.complete'))) return false;
    await cp(this.entry(key), target, { recursive: true, filter: (src) => !src.endsWith('.complete') });
    return true;
  }

  /** Stores a finished build (copied whole, then renamed into place) and keeps the newest few. */
  async store(key: string, built: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.entry(key)}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await cp(built, tmp, { recursive: true });
    await writeFile(join(tmp, '.complete'), `${key}\n`);
    await rm(this.entry(key), { recursive: true, force: true });
    await rename(tmp, this.entry(key));
    const entries = await Promise.all(
      (await readdir(this.dir)).filter((e) => !e.includes('.tmp-')).map(async (e) => ({ e, at: (await stat(join(this.dir, e))).mtimeMs })),
    );
    for (const { e } of entries.sort((a, b) => b.at - a.at).slice(KEEP)) await rm(join(this.dir, e), { recursive: true, force: true });
  }
}
