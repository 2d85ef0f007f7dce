// onnxruntime-node sessions with the thread settings the safety stage chose (see README: threads vs. concurrency).
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';

export { ort };

export interface SessionOptions {
  /** Threads inside one operator; default: all cores (session.run blocks the JS thread, so items never overlap in ORT). */
  intraOpThreads?: number;
}

/** Threads per session from CLEARANCE_ORT_THREADS, default the number of cores (measured: see README). */
export function defaultIntraOpThreads(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CLEARANCE_ORT_THREADS ?? availableParallelism());
  return Number.isInteger(n) && n >= 1 ? n : 1;
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
