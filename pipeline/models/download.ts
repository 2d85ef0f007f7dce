// Downloads a file to a destination only if its SHA-256 matches: fetched, verified, written to a temp name, renamed.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export class ChecksumError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`checksum mismatch for ${url}: expected sha256 ${expected}, got ${actual}; the file was not kept`);
    this.name = 'ChecksumError';
  }
}

let counter = 0;

/** Fetches `url` into `dest`; throws (leaving nothing at `dest`) on an HTTP error or a wrong SHA-256. */
export async function downloadVerified(url: string, dest: string, sha256: string, timeoutMs = 120_000): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new Error(`download of ${url} failed: HTTP ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== sha256.toLowerCase()) throw new ChecksumError(url, sha256, actual);
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.download-${process.pid}-${counter++}`;
  try {
    await writeFile(tmp, body);
    await rename(tmp, dest);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
