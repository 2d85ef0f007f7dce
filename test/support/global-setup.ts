// Once per test run, for the system project: builds the Astro part of the gallery into its cache (so site builds in
// tests skip it and need no lock), starts the Chromium the browser tests share, and makes the fixture-site directory.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { astroBuild } from '../../pipeline/site/astro-build.js';
import { AstroCache, astroCacheKey } from '../../pipeline/site/astro-cache.js';
import { ASTRO_CACHE_DIR, SHARED_FIXTURES_ENV } from '../site/build-fixture.js';
import { chromiumPath, launchBrowserServer, SHARED_BROWSER_ENV } from './browser.js';
import { repoRoot } from './shared.js';

/** What `clearance site` does on a cache miss (pipeline/site/build-site.ts), once, before the test files start. */
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
  const astro = warmAstroCache().catch((err: Error) => {
    // The site tests then build it themselves, one at a time, and fail with the build's own message.
    console.error(`global setup: the Astro build failed: ${err.message}`);
  });
  const [server] = await Promise.all([existsSync(chromiumPath) ? launchBrowserServer() : undefined, astro]);
  process.env[SHARED_FIXTURES_ENV] = fixtures;
  if (server) process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[SHARED_FIXTURES_ENV];
    delete process.env[SHARED_BROWSER_ENV];
    await server?.close();
    await rm(fixtures, { recursive: true, force: true });
  };
}
