// Once per test run, for the node project: the shared fixtures' directory (test/support/fixtures-setup.ts) and the
// Chromium the browser tests share.
import { existsSync } from 'node:fs';
import { chromiumPath, launchBrowserServer, SHARED_BROWSER_ENV } from './browser.js';
import fixturesSetup from './fixtures-setup.js';

export default async function setup(): Promise<() => Promise<void>> {
  const removeFixtures = await fixturesSetup();
  const server = existsSync(chromiumPath) ? await launchBrowserServer() : undefined;
  if (server) process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[SHARED_BROWSER_ENV];
    await server?.close();
    await removeFixtures();
  };
}
