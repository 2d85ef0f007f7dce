// Worker side of bounded.ts: loads a module (the bundle of a TypeScript one) and runs one of its exports with the given
// arguments.
import { parentPort, workerData } from 'node:worker_threads';

const mod = await import(workerData.module);
const fn = mod[workerData.fn] ?? mod.default?.[workerData.fn];
const result = await fn(...workerData.args);
parentPort.postMessage(result);
