// A minimal POSIX tar (ustar, with a pax header for names over 100 bytes) writer to a file, hashing as it writes.
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A 512-byte ustar header; the checksum is the byte sum with the checksum field read as spaces. */
export function ustarHeader(name: string, size: number, mtime: number, type: '0' | 'x' = '0'): Buffer {
  const h = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar member name over 100 bytes: ${name}`);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** One pax record: `<len> key=value\n`, where len counts the whole record including its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len++;
  return `${len}${body}`;
}

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

export class TarWriter {
  private hash: Hash = createHash('sha256');
  bytes = 0;
  members = 0;

  private constructor(private fh: FileHandle, private mtime: number) {}

  static async create(path: string, mtime: number): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx'), mtime);
  }

  private async write(buf: Uint8Array): Promise<void> {
    if (buf.length === 0) return;
    await this.fh.write(buf);
    this.hash.update(buf);
    this.bytes += buf.length;
  }

  /** Bytes a member of `size` bytes named `name` adds to the archive. */
  static cost(name: string, size: number): number {
    const pax = Buffer.byteLength(name) > 100 ? BLOCK + BLOCK + padding(0) : 0;
    return pax + BLOCK + size + padding(size);
  }

  async add(name: string, data: Uint8Array): Promise<void> {
    let headerName = name;
    if (Buffer.byteLength(name) > 100) {
      const pax = Buffer.from(paxRecord('path', name), 'utf8');
      await this.write(ustarHeader('PaxHeader/' + name.slice(0, 80).replace(/[^\x20-\x7e]/g, '_'), pax.length, this.mtime, 'x'));
      await this.write(pax);
      await this.write(Buffer.alloc(padding(pax.length)));
      headerName = Buffer.from(name, 'utf8').subarray(0, 100).toString('utf8').replace(/\uFFFD$/, '');
    }
    await this.write(ustarHeader(headerName, data.length, this.mtime));
    await this.write(data);
    await this.write(Buffer.alloc(padding(data.length)));
    this.members++;
  }

  /** Ends the archive (two zero blocks), closes the file and returns its SHA-256. */
  async close(): Promise<string> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await this.fh.close();
    return this.hash.digest('hex');
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}
