// Debian's Chromium headless shell through playwright-core for browser tests and benchmarks: under vitest one Chromium
// serves the whole run (test/support/global-setup.ts starts it), elsewhere each caller launches its own.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** The headless shell (Debian's chromium-headless-shell: the same Blink, without the full browser's UI and display
 *  compositor; what Playwright itself runs headless) costs a sixth of the full browser's CPU in the browser process;
 *  the full Chromium is the fallback. CHROMIUM_PATH overrides both. */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

export const chromiumPath = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p)) ?? CANDIDATES[0]!;

/** How long a test waits to connect to the run's shared Chromium (a loaded CI machine connects in well under a second). */
const CONNECT_TIMEOUT_MS = 60_000;

/** Set by the test run's global setup: the WebSocket address of its shared Chromium. */
export const SHARED_BROWSER_ENV = 'TEST_SHARED_BROWSER_WS';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  // the GPU service as a thread of the browser process instead of a process of its own (software compositing either
  // way): search, gallery and console-browser together, alternated twice, 14.8 / 16.0 -> 13.4 / 14.6 Chromium CPU-s
  '--in-process-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function assertChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it with \`apt-get update && apt-get install -y chromium-headless-shell\` (or set CHROMIUM_PATH)`);
  }
}

/** A browser to test with: a connection to the run's shared Chromium when there is one (close() then disconnects and
 *  drops this caller's pages and contexts), else a Chromium of its own (close() ends it). */
export async function launchBrowser(): Promise<Browser> {
  const shared = process.env[SHARED_BROWSER_ENV];
  // Playwright waits for a connection forever by default: a shared Chromium that stopped answering fails the file.
  if (shared) return chromium.connect(shared, { timeout: CONNECT_TIMEOUT_MS });
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ARGS });
}

/** Starts the Chromium that a test run's workers connect to (see launchBrowser). */
export async function launchBrowserServer(): Promise<BrowserServer> {
  assertChromium();
  return chromium.launchServer({ executablePath: chromiumPath, headless: true, args: ARGS });
}
