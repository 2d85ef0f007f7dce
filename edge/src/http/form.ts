// Reads an HTML form post (urlencoded or multipart) as string fields, or a multipart upload with its files, once per
// request (Hono caches the parsed body).
import type { Context } from 'hono';
import { ApiError } from '../services/errors.js';

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The form's text fields (the first value of each; files are ignored). 415 for any other body, 400 when unreadable. */
export async function readForm(c: Context): Promise<Record<string, string | undefined>> {
  if (!FORM_TYPES.test(c.req.header('Content-Type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'send an HTML form (application/x-www-form-urlencoded)');
  }
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new ApiError(400, 'invalid_request', 'the form could not be read');
  }
  const fields: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') fields[k] = first;
  }
  return fields;
}

export type MultipartBody = Record<string, string | File | (string | File)[]>;

/** A multipart/form-data body with its files: 415 (saying `expected`) for any other type, 400 when unreadable. */
export async function readMultipart(c: Context, expected: string): Promise<MultipartBody> {
  if (!/^multipart\/form-data\b/i.test(c.req.header('Content-Type') ?? '')) throw new ApiError(415, 'unsupported_media_type', expected);
  try {
    return await c.req.parseBody();
  } catch {
    throw new ApiError(400, 'invalid_request', 'the form could not be read');
  }
}
