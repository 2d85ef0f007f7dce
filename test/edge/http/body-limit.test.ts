// The /v1 body limit: declared lengths over it refused unread, bodies read whole up to it, an over-long stream drained
// (so the sender can read the 413) up to a bound, then cancelled; a body that breaks while read is a 400.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimit } from '../../../edge/src/http/body-limit.js';
import { onError } from '../../../edge/src/http/errors.js';
import { call, expectError } from '../helpers.js';

function counted(total: number, chunk = 1000) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - state.pulled);
      state.pulled += n;
      controller.enqueue(new Uint8Array(n).fill(120));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const app = new Hono();
app.onError(onError);
app.use('*', bodyLimit(10_000, 50_000));
app.post('/echo', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  app.request('/echo', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('bodyLimit', () => {
  it('passes bodies up to the limit whole, declared or streamed', async () => {
    expect(await (await post('x'.repeat(10_000))).json()).toEqual({ bytes: 10_000 });
    const { stream } = counted(10_000, 333);
    expect(await (await post(stream)).json()).toEqual({ bytes: 10_000 });
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    const { stream, state } = counted(20_000);
    const req = new Request('http://x/echo', { method: 'POST', body: stream, headers: { 'Content-Length': '20000' }, duplex: 'half' } as RequestInit);
    await expectError(await app.request(req), 413, 'payload_too_large');
    expect(state.pulled).toBeLessThanOrEqual(1000); // at most what the stream queued by itself
  });

  it('drains an over-long stream to its end when it is short enough, so the sender can finish', async () => {
    const { stream, state } = counted(30_000);
    const err = await expectError(await post(stream), 413, 'payload_too_large');
    expect(err.message).toContain('larger than');
    expect(state.pulled).toBe(30_000);
    expect(state.cancelled).toBe(false);
  });

  it('cancels a stream past the drain bound', async () => {
    const { stream, state } = counted(10_000_000);
    await expectError(await post(stream), 413, 'payload_too_large');
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(60_000);
  });

  it('answers 400 when the body breaks while it is read (a client gone mid-upload)', async () => {
    let sent = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 2) return controller.error(new Error('Network connection lost.'));
        controller.enqueue(new Uint8Array(100));
      },
    });
    const err = await expectError(await post(broken), 400, 'invalid_request');
    expect(err.message).toContain('could not be read');
  });

  it('reads an unused body whole, so nothing is left unread behind a route that takes none', async () => {
    const { stream, state } = counted(5000, 100);
    const noBody = new Hono();
    noBody.use('*', bodyLimit(10_000));
    noBody.delete('/thing', (c) => c.body(null, 204));
    const res = await noBody.request('/thing', { method: 'DELETE', body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(204);
    expect(state.pulled).toBe(5000);
  });

  it('is the limit of /v1 (64 KiB)', async () => {
    const big = JSON.stringify({ itemId: 'x', reason: 'other', note: 'x'.repeat(70_000) });
    await expectError(await call('/v1/flags', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } }), 413, 'payload_too_large');
    const { stream } = counted(70_000);
    await expectError(await call('/v1/flags', { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit), 413);
  });
});
