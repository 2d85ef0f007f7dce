// onnxruntime-node sessions with the thread settings the safety stage chose (pipeline/README.md, "Safety scores": threads vs. concurrency).
import * as ort from 'onnxruntime-node';
import { ortThreads, type Env } from '../util/config.js';

export { ort };

export interface SessionOptions {
  /** Threads inside one operator; default 1: session.run blocks the JS thread, so one ORT core plus sharp's threads on the other. */
  intraOpThreads?: number;
}

/** Threads per session from CLEARANCE_ORT_THREADS, default 1 (measured with npm run bench:safety: pipeline/README.md, "Safety scores"). */
export function defaultIntraOpThreads(env: Env = process.env): number {
  return ortThreads(env);
}

export async function openSession(model: string | Uint8Array, opts: SessionOptions = {}): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: opts.intraOpThreads ?? defaultIntraOpThreads(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  };
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, options)
    : ort.InferenceSession.create(model, options);
}

/** Accumulates time spent inside session.run. */
export interface RunTimer {
  ms: number;
}

/**
 * session.run, timing only the inference: onnxruntime-node runs the model synchronously inside a setImmediate
 * callback, so an immediate queued just before it marks the start and the await continuation marks the end
 * (other work queued in between is not counted).
 */
export async function timedRun(session: ort.InferenceSession, feeds: ort.InferenceSession.FeedsType, timer?: RunTimer): Promise<ort.InferenceSession.ReturnType> {
  if (!timer) return session.run(feeds);
  let start = performance.now();
  setImmediate(() => (start = performance.now()));
  const out = await session.run(feeds);
  timer.ms += performance.now() - start;
  return out;
}
