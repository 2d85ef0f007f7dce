// A built fixture site (shared by the run's test files), served by the stub server and opened in the run's Chromium:
// set up and torn down once per test file.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { sharedFixtureSite, type FixtureSite } from './build-fixture.js';
import { startStubServer, type StubServer } from './stub-server.js';

export interface SiteUnderTest {
  site: FixtureSite;
  server: StubServer;
  browser: Browser;
}

export async function openSite(count?: number, env?: Record<string, string>, args?: string[]): Promise<SiteUnderTest> {
  const [site, browser] = await Promise.all([sharedFixtureSite(count, env, args), launchBrowser()]);
  const server = await startStubServer(site.distDir);
  return { site, server, browser };
}

export async function closeSite(t: SiteUnderTest | undefined): Promise<void> {
  await t?.browser.close();
  await t?.server.close();
  if (t && !t.site.shared) await rm(dirname(t.site.distDir), { recursive: true, force: true });
}
