// The build's side of the inference thread: starts it, sends pixels, matches replies; if the thread dies every pending and later request fails (never hangs).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FacesAnswer, InferenceControl, InferenceInit, InferenceReply, InferenceRequest, InferenceStatus } from './inference-protocol.js';

type Pending = { resolve: (r: Extract<InferenceReply, { ok: true }>) => void; reject: (e: Error) => void };
type Outgoing = InferenceRequest extends infer R ? (R extends InferenceRequest ? Omit<R, 'id'> : never) : never;

export class InferenceThread {
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private broken: Error | undefined;
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: InferenceReply | InferenceStatus) => {
      if ('status' in m || this.broken) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.ok) p.resolve(m);
      else p.reject(new Error(m.error));
    });
    const fail = (err: Error) => {
      this.broken ??= err;
      for (const p of this.pending.values()) p.reject(this.broken);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      this.exited = true;
      fail(new Error(`the inference thread stopped (exit code ${code})`));
    });
  }

  /** Starts the thread and waits until both sessions are open; throws the session's error when one cannot open. */
  static async start(init: InferenceInit): Promise<InferenceThread> {
    // The model bytes are copied into the thread; the caller keeps its own.
    const worker = new Worker(new URL('./inference-thread.mjs', import.meta.url), { workerData: init });
    const status = await new Promise<InferenceStatus>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (err) => resolve({ status: 'failed', error: err.message }));
      worker.once('exit', (code) => resolve({ status: 'failed', error: `the inference thread stopped (exit code ${code})` }));
    });
    if (status.status === 'failed') {
      await worker.terminate();
      throw new Error(status.error);
    }
    worker.unref();
    return new InferenceThread(worker);
  }

  private send(req: Outgoing, transfer: ArrayBuffer[]): Promise<Extract<InferenceReply, { ok: true }>> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A pending request keeps the process alive; an idle thread does not.
      this.worker.ref();
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  /** Class probabilities of each 224×224 RGB image (one batch), and ms inside session.run. */
  async nsfw(rgbs: Uint8Array[]): Promise<{ probs: Float32Array[]; ms: number }> {
    const copies = rgbs.map((r) => new Uint8Array(r));
    const reply = await this.send({ op: 'nsfw', rgbs: copies }, copies.map((c) => c.buffer));
    return { probs: reply.probs ?? [], ms: reply.ms };
  }

  /** Faces in an image scaled for the detector, and ms inside session.run. */
  async faces(img: { rgb: Uint8Array; width: number; height: number; scale: number }): Promise<FacesAnswer & { ms: number }> {
    const rgb = new Uint8Array(img.rgb);
    const reply = await this.send({ op: 'faces', rgb, width: img.width, height: img.height, scale: img.scale }, [rgb.buffer]);
    return { ...(reply.faces ?? { faces: 0, maxScore: 0 }), ms: reply.ms };
  }

  /** Stops the thread; requests still pending are answered with an error at once. The thread finishes the run it is
   *  in and exits by itself (terminating it inside onnxruntime's native code could take the process down); it is
   *  terminated only if it has not exited within 10 s. */
  async close(): Promise<void> {
    this.broken ??= new Error('the inference thread was closed');
    for (const p of this.pending.values()) p.reject(this.broken);
    this.pending.clear();
    if (this.exited) return;
    const exited = once(this.worker, 'exit');
    this.worker.ref(); // the caller awaits the exit: keep the process up until then
    this.worker.postMessage({ op: 'close' } satisfies InferenceControl);
    const timer = setTimeout(() => void this.worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
