// Runs CPU-bound work in a worker thread that is terminated after a deadline: a hang (even a synchronous one) fails that test, not the suite.
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundledModule } from '../../support/bundled.js';

const ENTRY = fileURLToPath(new URL('./worker-entry.mjs', import.meta.url));

/** Calls export `fn` of `module` (a path or file URL of a .ts module) with `args` in a worker; rejects after `ms`. The
 *  worker imports the module bundled once per run (test/support/bundled.ts), not through a tsx loader of its own. */
export async function inWorker<T>(module: string | URL, fn: string, args: unknown[], ms: number): Promise<T> {
  const bundled = pathToFileURL(await bundledModule(module instanceof URL ? fileURLToPath(module) : module)).href;
  const worker = new Worker(ENTRY, { workerData: { module: bundled, fn, args } });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${fn} did not finish within ${ms} ms (a hang or a catastrophic slowdown)`));
    }, ms);
    worker.once('message', (m: T) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with code ${code} before answering`));
    });
  });
}
