// Debian's Chromium headless shell through playwright-core for browser tests and benchmarks: under vitest one Chromium
// per worker process serves every file that worker runs, elsewhere each caller launches its own.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The headless shell (Debian's chromium-headless-shell: the same Blink, without the full browser's UI and display
 *  compositor; what Playwright itself runs headless) costs a sixth of the full browser's CPU in the browser process;
 *  the full Chromium is the fallback. CHROMIUM_PATH overrides both. */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

export const chromiumPath = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p)) ?? CANDIDATES[0]!;

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

/** What a test or benchmark uses of a browser: its close() ends what this caller opened. */
export type TestBrowser = Pick<Browser, 'newContext' | 'newPage'> & { close(): Promise<void> };

function launch(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ARGS });
}

/** This worker process's Chromium (vitest runs many files in one worker, isolate: false), launched on first use and
 *  ended with the process (Playwright's exit handler; Chromium also exits when its pipe closes); launched again if it
 *  went away. One per worker rather than one for the run: a run-wide Chromium was reached through a Playwright server
 *  in vitest's main process, which relayed every protocol message (the five browser files alone, alternated twice:
 *  44.9 / 45.4 -> 41.1 / 42.1 CPU-s in all, the main process 7.3 -> 4.2). */
let workerBrowser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  if (!workerBrowser) {
    const launched = launch();
    workerBrowser = launched;
    launched.then(
      (b) => b.on('disconnected', () => void (workerBrowser === launched && (workerBrowser = undefined))),
      () => void (workerBrowser === launched && (workerBrowser = undefined)),
    );
  }
  return workerBrowser;
}

/** A browser to test with. Under vitest: the worker's Chromium, where close() closes the contexts (and their pages)
 *  this caller opened and leaves Chromium to the next file. Elsewhere: a Chromium of its own, which close() ends. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!process.env.VITEST) return launch();
  const browser = await sharedBrowser();
  const contexts = new Set<BrowserContext>();
  const newContext: Browser['newContext'] = async (options) => {
    const context = await browser.newContext(options);
    contexts.add(context);
    context.on('close', () => contexts.delete(context));
    return context;
  };
  return {
    newContext,
    // as Browser.newPage: a page in a context of its own
    newPage: async (options) => (await newContext(options)).newPage(),
    close: async () => {
      await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
    },
  };
}
