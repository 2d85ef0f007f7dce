// Once per test run, for the system project: builds the Astro part of the gallery into its cache in the background
// (site builds in tests wait for it, then skip Astro and need no lock), starts the Chromium the browser tests share,
// and makes the directory where fixture sites are shared.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { astroBuild } from '../../site/generator/astro-build.js';
import { AstroCache, astroCacheKey } from '../../site/generator/astro-cache.js';
import { ASTRO_CACHE_DIR, SHARED_FIXTURES_ENV } from '../site/build-fixture.js';
import { chromiumPath, launchBrowserServer, SHARED_BROWSER_ENV } from './browser.js';
import { ASTRO_WARMUP_ENV } from './run-cli.js';
import { repoRoot } from './shared.js';

/** What `clearance site` does on a cache miss (site/generator/build-site.ts), once per run. */
async function warmAstroCache(): Promise<void> {
  const cache = new AstroCache(ASTRO_CACHE_DIR);
  const key = await astroCacheKey(repoRoot, {});
  if (existsSync(join(ASTRO_CACHE_DIR, key, '.complete'))) return;
  const out = join(repoRoot, 'node_modules', '.cache', `clearance-astro-out-test-${process.pid}`);
  try {
    await astroBuild({ outDir: out, cacheDir: `${out}-vite`, env: {}, verbose: false });
    await cache.store(key, out);
  } finally {
    await Promise.all([out, `${out}-vite`].map((d) => rm(d, { recursive: true, force: true })));
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const fixtures = await mkdtemp(join(tmpdir(), 'clearance-test-fixtures-'));
  const astroDone = join(fixtures, 'astro-warmup.done');
  process.env[SHARED_FIXTURES_ENV] = fixtures;
  process.env[ASTRO_WARMUP_ENV] = astroDone;
  // Not awaited: tests that build no site start meanwhile; site builds wait for astroDone (test/support/run-cli.ts).
  const astro = warmAstroCache().then(
    () => writeFile(astroDone, ''),
    (err: Error) => writeFile(astroDone, err.message), // the site builds then run Astro themselves, one at a time
  );
  const server = existsSync(chromiumPath) ? await launchBrowserServer() : undefined;
  if (server) process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  return async () => {
    for (const name of [SHARED_FIXTURES_ENV, ASTRO_WARMUP_ENV, SHARED_BROWSER_ENV]) delete process.env[name];
    await astro;
    await server?.close();
    await rm(fixtures, { recursive: true, force: true });
  };
}
