// wrangler's dev server run in this process through its API (the DevEnv that `wrangler dev` and unstable_startWorker
// set up), for e2e tests that restart it around every `publish --local`: a fifth of the CPU of a new `wrangler dev`.
import { mkdirSync } from 'node:fs';
import { freePort } from '../../pipeline/dev/free-port.js';
import { removeServeLock, writeServeLock } from '../../pipeline/publish/serve-lock.js';
import { prebuiltWorkerConfig } from './prebuilt-worker.js';
import { withTimeout } from './with-timeout.js';

export interface DevServerOptions {
  /** Local state root, as `wrangler dev --persist-to`. */
  persistTo: string;
  /** Static assets directory, as `--assets`. */
  assets: string;
  /** A .env-format file with the secrets, as `--env-file`. */
  envFile: string;
  /** Vars over wrangler.toml's [vars], as `--var NAME:value`. */
  vars?: Record<string, string>;
}

export interface DevServer {
  url: string;
  /** Disposes of the server (workerd included) and releases the state for `publish --local`. */
  stop(): Promise<void>;
}

type Wrangler = typeof import('wrangler');
type Worker = Awaited<ReturnType<Wrangler['unstable_startWorker']>>;
let wrangler: Promise<Wrangler> | undefined;

/** The prebuilt Worker (test/support/prebuilt-worker.ts) served on a free port of 127.0.0.1 over local state, as
 *  `wrangler dev --local --config <prebuilt> --persist-to --assets --env-file --var` serves it; the serve lock marks
 *  the state as served by this process, so `publish --local` refuses it as it refuses a running `wrangler dev`'s. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  wrangler ??= import('wrangler');
  const api = await wrangler;
  const config = await prebuiltWorkerConfig();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const input: Parameters<Wrangler['unstable_startWorker']>[0] = {
      config,
      envFiles: [opts.envFile],
      assets: opts.assets,
      bindings: Object.fromEntries(Object.entries(opts.vars ?? {}).map(([k, v]) => [k, { type: 'plain_text' as const, value: v }])),
      sendMetrics: false,
      dev: { remote: false, server: { hostname: '127.0.0.1', port }, inspector: false, persist: opts.persistTo, watch: false, logLevel: 'error' },
    };
    let worker: Worker;
    try {
      worker = await startOnce(api, input);
    } catch (err) {
      // another server or runtime starting at the same moment can take the port picked
      if (attempt < 3 && /EADDRINUSE|address already in use/i.test(String((err as Error).message))) continue;
      throw err;
    }
    const url = `http://127.0.0.1:${port}`;
    mkdirSync(opts.persistTo, { recursive: true });
    writeServeLock(opts.persistTo, { pid: process.pid, url });
    let stopped: Promise<void> | undefined;
    return {
      url,
      stop: () =>
        (stopped ??= worker.dispose().finally(() => {
          removeServeLock(opts.persistTo, process.pid);
        })),
    };
  }
}

/** One start, ready within two minutes, or torn down. A runtime that cannot start (its port taken, say) never gets
 *  ready: its dev environment (made here, as unstable_startWorker makes it, so that it is listened to from the start)
 *  reports an error event, which fails the start at once (a taken port is then tried again with another). */
function startOnce(wrangler: Wrangler, input: Parameters<Wrangler['unstable_startWorker']>[0]): Promise<Worker> {
  return quietly(async () => {
    const devEnv = new wrangler.unstable_DevEnv();
    let onError: (e: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => {
      onError = (e) => reject(e instanceof Error ? e : new Error(describeEvent(e)));
      devEnv.on('error', onError);
    });
    let worker: Worker | undefined;
    try {
      worker = await Promise.race([devEnv.startWorker(input), failed]);
      await withTimeout(Promise.race([worker.ready, failed]), 120_000, 'the dev server did not get ready');
      return worker;
    } catch (err) {
      // teardown, not the worker's dispose(): that waits for a ready that never comes
      await withTimeout(devEnv.teardown(), 10_000, 'the dev server did not stop').catch(() => {});
      throw err;
    } finally {
      devEnv.off('error', onError);
    }
  });
}

/** The message of a dev environment error event ({ source, reason, cause }). */
function describeEvent(e: unknown): string {
  const event = e as { source?: string; reason?: string; cause?: { message?: string } };
  return [event.source, event.reason, event.cause?.message].filter(Boolean).join(': ') || String(e);
}

/** Runs `start` with wrangler's log level at error (the level its Miniflare log takes when created): the offline
 *  "Request.cf" warning and the Worker's console.log stay out of the test output, as `--log-level error` keeps them. */
async function quietly<T>(start: () => Promise<T>): Promise<T> {
  const before = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = 'error';
  try {
    return await start();
  } finally {
    if (before === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = before;
  }
}
