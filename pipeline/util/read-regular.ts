// Reads release files without ever blocking on a FIFO or device: type checked before opening, O_NONBLOCK open, fstat again, size capped.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Thrown for a path that is not a regular file (FIFO, device, socket, directory) or is larger than allowed. */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly code: 'ENOTREG' | 'EFBIG',
  ) {
    super(message);
  }
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer; no effect on regular files.
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function check(s: Stats, path: string, maxBytes: number): void {
  if (!s.isFile()) throw new UnreadableFile(`${path} is ${kindOf(s)}, not a regular file`, 'ENOTREG');
  if (s.size > maxBytes) throw new UnreadableFile(`${path} has ${s.size} bytes (limit ${maxBytes})`, 'EFBIG');
}

export interface ReadOptions {
  /** Larger files throw `EFBIG` (default 1 GiB), unless `truncate` reads only their first maxBytes. */
  maxBytes?: number;
  truncate?: boolean;
}

const DEFAULT_MAX = 1024 * 1024 * 1024;

/** Opens a regular file for reading (stat, then a non-blocking open, then fstat: a FIFO swapped in between cannot block). */
async function openRegular(path: string, maxBytes = DEFAULT_MAX): Promise<{ handle: FileHandle; size: number }> {
  check(statSync(path), path, maxBytes);
  const handle = await open(path, FLAGS);
  try {
    const s = await handle.stat();
    check(s, path, maxBytes);
    return { handle, size: s.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

export async function readRegular(path: string, opts: ReadOptions = {}): Promise<Buffer> {
  const max = opts.maxBytes ?? DEFAULT_MAX;
  const { handle, size } = await openRegular(path, opts.truncate ? Number.MAX_SAFE_INTEGER : max);
  try {
    const want = Math.min(size, max);
    const buf = Buffer.allocUnsafe(want);
    let off = 0;
    while (off < want) {
      const { bytesRead } = await handle.read(buf, off, want - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === want ? buf : buf.subarray(0, off);
  } finally {
    await handle.close();
  }
}

export async function readRegularText(path: string, opts: ReadOptions = {}): Promise<string> {
  return (await readRegular(path, opts)).toString('utf8');
}

/** The synchronous form, for the few small reads that happen before a build starts. */
export function readRegularSync(path: string, opts: ReadOptions = {}): Buffer {
  const max = opts.maxBytes ?? DEFAULT_MAX;
  const limit = opts.truncate ? Number.MAX_SAFE_INTEGER : max;
  check(statSync(path), path, limit);
  const fd = openSync(path, FLAGS);
  try {
    const s = fstatSync(fd);
    check(s, path, limit);
    const want = Math.min(s.size, max);
    const buf = Buffer.allocUnsafe(want);
    let off = 0;
    while (off < want) {
      const n = readSync(fd, buf, off, want - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === want ? buf : buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** A text stream over a regular file (for JSON Lines read line by line). */
export async function regularTextStream(path: string): Promise<NodeJS.ReadableStream> {
  const { handle } = await openRegular(path);
  return handle.createReadStream({ encoding: 'utf8' });
}
