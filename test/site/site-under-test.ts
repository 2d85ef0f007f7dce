// A built fixture site (shared by the run's test files), served by the stub server and opened in the run's Chromium:
// set up and torn down once per test file.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { sharedFixtureSite, type FixtureSite } from './build-fixture.js';
import { startStubServer, type StubServer } from './stub-server.js';

export interface SiteUnderTest {
  site: FixtureSite;
  server: StubServer;
  browser: TestBrowser;
}

export async function openSite(count?: number, env?: Record<string, string>, args?: string[]): Promise<SiteUnderTest> {
  const [site, browser] = await Promise.allSettled([sharedFixtureSite(count, env, args), launchBrowser()]);
  if (site.status === 'rejected' || browser.status === 'rejected') {
    if (browser.status === 'fulfilled') await browser.value.close();
    throw site.status === 'rejected' ? site.reason : (browser as PromiseRejectedResult).reason;
  }
  return { site: site.value, server: await startStubServer(site.value.distDir), browser: browser.value };
}

export async function closeSite(t: SiteUnderTest | undefined): Promise<void> {
  await t?.browser.close();
  await t?.server.close();
  if (t && !t.site.shared) await rm(dirname(t.site.distDir), { recursive: true, force: true });
}
