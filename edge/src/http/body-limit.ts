// The /v1 request body: at most `maxSize` bytes (413 past it), read here once so that a body the route never reads is
// still consumed and a broken one is the client's 400, not an unhandled error. A declared Content-Length over the limit
// is refused unread; a streamed body that runs over is drained a little further so the sender can finish and read the
// 413 on a healthy connection (cancelling at once left `wrangler dev`'s proxy with a broken connection and a 503).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { ApiError } from '../services/errors.js';
import { MAX_UPLOAD_BYTES } from '../services/submissions.js';
import { concatBytes } from '../services/concat-bytes.js';

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number, upTo: number): Promise<void> {
  while (read < upTo) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
  }
  await reader.cancel(); // past that, the runtime may close the connection
}

/** Reads the body whole, or null when it runs over `maxSize` (then drained up to `drainLimit` bytes in all). */
async function readUpTo(body: ReadableStream<Uint8Array>, maxSize: number, drainLimit: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxSize) {
      await drain(reader, size, drainLimit).catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return concatBytes(chunks, size);
}

/** Limits request bodies to `maxSize` bytes; an over-long streamed body is discarded up to `drainLimit` bytes in all. */
export function bodyLimit(maxSize: number, drainLimit = 16 * maxSize): MiddlewareHandler {
  const tooLarge = () => new ApiError(413, 'payload_too_large', `request body larger than ${maxSize / 1024} KiB`);
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    // Unread when refused: Cloudflare discards it (and `wrangler dev`'s own middleware drains it).
    if (declared !== null && !raw.headers.has('transfer-encoding') && Number.parseInt(declared, 10) > maxSize) throw tooLarge();
    let body: Uint8Array | null;
    try {
      body = await readUpTo(raw.body, maxSize, drainLimit);
    } catch {
      throw new ApiError(400, 'invalid_request', 'the request body could not be read (the connection was lost or its framing is malformed)');
    }
    if (!body) throw tooLarge();
    c.req.raw = new Request(raw, { body });
    return next();
  };
}

/** Reads and discards a request body no route read, up to `limit` bytes (past that it is cancelled). Under `wrangler
 *  dev`, a body left for the dev middleware to drain sometimes broke the proxy's connection under load (a 503 "Your
 *  worker restarted mid-request" for a POST to a GET-only path), as cancelling it at once did. */
export async function drainUnread(req: Request, limit = 1024 * 1024): Promise<void> {
  if (!req.body || req.bodyUsed || req.body.locked) return;
  await drain(req.body.getReader(), 0, limit).catch(() => undefined);
}

/** A holder's upload: the original plus its form fields (64 KiB), 413 past that, for the browser form and the API. */
export const uploadBodyLimit = honoBodyLimit({
  maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', `the upload is over ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`);
  },
});
