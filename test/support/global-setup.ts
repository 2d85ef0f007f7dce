// Once per test run, for the system project: starts the Chromium the browser tests share and makes the directory where
// fixtures are built once and shared (test/support/build-once.ts).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_FIXTURES_ENV } from './build-once.js';
import { chromiumPath, launchBrowserServer, SHARED_BROWSER_ENV } from './browser.js';

export default async function setup(): Promise<() => Promise<void>> {
  const fixtures = await mkdtemp(join(tmpdir(), 'clearance-test-fixtures-'));
  process.env[SHARED_FIXTURES_ENV] = fixtures;
  const server = existsSync(chromiumPath) ? await launchBrowserServer() : undefined;
  if (server) process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  return async () => {
    for (const name of [SHARED_FIXTURES_ENV, SHARED_BROWSER_ENV]) delete process.env[name];
    await server?.close();
    await rm(fixtures, { recursive: true, force: true });
  };
}
