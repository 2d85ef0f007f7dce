// R2 reads with HTTP Range support: parse a single byte range and fetch the object (or part of it).
import { ApiError } from './errors.js';

export type ByteRange = { offset: number; length: number } | { suffix: number };

/** Parses `bytes=a-b`, `bytes=a-` or `bytes=-n` against a known size; null when absent or multi-range. */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const unsatisfiable = new ApiError(416, 'range_not_satisfiable', 'requested range not satisfiable', {
    'Content-Range': `bytes */${size}`,
  });
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) throw unsatisfiable;
    return { suffix: Math.min(n, size) };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) throw unsatisfiable;
  return { offset: start, length: end - start + 1 };
}

/** Reads an object; a missing object or a storage failure is a 502 that the caller must not charge for. */
export async function readObject(bucket: R2Bucket, key: string, range: ByteRange | null): Promise<R2ObjectBody> {
  let obj: R2ObjectBody | null;
  try {
    obj = await bucket.get(key, range ? { range } : {});
  } catch {
    throw new ApiError(502, 'storage_unavailable', 'the file could not be read; nothing was charged');
  }
  if (!obj) throw new ApiError(502, 'storage_unavailable', 'the file is missing from storage; nothing was charged');
  return obj;
}

/** Headers for an R2 body (full or ranged). */
export function objectHeaders(obj: R2ObjectBody, contentType: string, ranged: boolean): Headers {
  const h = new Headers();
  h.set('Content-Type', contentType);
  h.set('ETag', obj.httpEtag);
  h.set('Accept-Ranges', 'bytes');
  const r = obj.range as { offset?: number; length?: number; suffix?: number } | undefined;
  if (ranged && r && (r.offset !== undefined || r.suffix !== undefined)) {
    const length = r.suffix !== undefined ? Math.min(r.suffix, obj.size) : (r.length ?? obj.size - (r.offset ?? 0));
    const start = r.suffix !== undefined ? obj.size - length : (r.offset ?? 0);
    h.set('Content-Range', `bytes ${start}-${start + length - 1}/${obj.size}`);
    h.set('Content-Length', String(length));
  } else {
    h.set('Content-Length', String(obj.size));
  }
  return h;
}
