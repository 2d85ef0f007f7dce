// The inference thread's body: opens the nudity and face sessions and answers requests, so session.run never blocks the build's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { NSFW_SIZE, nsfwInput, runNsfw } from '../models/nsfw.js';
import { openSession } from '../models/session.js';
import { runUltraface } from '../models/ultraface.js';
import { runYunet } from '../models/yunet.js';
import type { InferenceControl, InferenceInit, InferenceReply, InferenceRequest, InferenceStatus } from './inference-protocol.js';

const port = parentPort!;
const init = workerData as InferenceInit;

async function main(): Promise<void> {
  let sessions;
  try {
    const opts = { intraOpThreads: init.intraOpThreads };
    sessions = { nsfw: await openSession(init.nsfw, opts), faces: await openSession(init.faces, opts) };
  } catch (err) {
    port.postMessage({ status: 'failed', error: (err as Error).message } satisfies InferenceStatus);
    return;
  }
  const { nsfw, faces } = sessions;
  const running = new Set<Promise<void>>();
  let closing = false;
  port.on('message', (msg: InferenceRequest | InferenceControl) => {
    if (closing) return;
    if (msg.op === 'close') {
      // Sessions are released only once no run is using them, then the thread ends on its own (never terminated mid-run).
      closing = true;
      void Promise.allSettled([...running]).then(async () => {
        await Promise.allSettled([nsfw.release(), faces.release()]);
        port.close();
      });
      return;
    }
    const done = answer(msg).finally(() => running.delete(done));
    running.add(done);
  });

  async function answer(req: InferenceRequest): Promise<void> {
    const timer = { ms: 0 };
    let reply: InferenceReply;
    try {
      if (req.op === 'nsfw') {
        if (req.rgbs.some((r) => r.length !== NSFW_SIZE * NSFW_SIZE * 3)) throw new Error('nudity input is not 224×224 RGB');
        const probs = await runNsfw(nsfw, nsfwInput(req.rgbs), req.rgbs.length, timer);
        reply = { id: req.id, ok: true, ms: timer.ms, probs };
      } else {
        if (req.rgb.length !== req.width * req.height * 3) throw new Error('face input size does not match its pixels');
        const r =
          init.kind === 'yunet'
            ? await runYunet(faces, { rgb: req.rgb, width: req.width, height: req.height, scale: req.scale }, undefined, timer)
            : await runUltraface(faces, req.rgb, undefined, timer);
        reply = { id: req.id, ok: true, ms: timer.ms, faces: { faces: r.boxes.length, maxScore: r.maxScore } };
      }
    } catch (err) {
      reply = { id: req.id, ok: false, error: (err as Error).message };
    }
    port.postMessage(reply, reply.ok && reply.probs ? reply.probs.map((p) => p.buffer as ArrayBuffer) : []);
  }
  port.postMessage({ status: 'ready' } satisfies InferenceStatus);
}

await main();
