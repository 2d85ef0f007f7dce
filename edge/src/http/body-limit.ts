// The /v1 request body limit (413 past it). A declared Content-Length is judged unread; a streamed body is read up to the
// limit and, when it runs over, drained a little further so the sender can finish and read the 413 on a healthy
// connection (cancelling at once left `wrangler dev`'s proxy with a broken connection and a 503 for someone else).
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../services/errors.js';

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number, upTo: number): Promise<void> {
  while (read < upTo) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
  }
  await reader.cancel().catch(() => undefined); // past that, the runtime may close the connection
}

/** Limits request bodies to `maxSize` bytes; an over-long streamed body is discarded up to `drainLimit` bytes in all. */
export function bodyLimit(maxSize: number, drainLimit = 16 * maxSize): MiddlewareHandler {
  const tooLarge = () => new ApiError(413, 'payload_too_large', `request body larger than ${maxSize / 1024} KiB`);
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      // Unread when refused: Cloudflare discards it (and `wrangler dev`'s own middleware drains it).
      if (Number.parseInt(declared, 10) > maxSize) throw tooLarge();
      return next();
    }
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxSize) {
        await drain(reader, size, drainLimit);
        throw tooLarge();
      }
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    c.req.raw = new Request(raw, { body });
    return next();
  };
}
