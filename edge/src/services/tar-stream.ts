// Ustar headers for tar streams the Worker writes (no Node Buffer): name ≤ 100 bytes, regular files, mode 0644.
const BLOCK = 512;
const enc = new TextEncoder();

function put(h: Uint8Array, offset: number, text: string): void {
  h.set(enc.encode(text), offset);
}

const octal = (value: number, width: number): string => value.toString(8).padStart(width - 1, '0') + '\0';

export function tarHeader(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const bytes = enc.encode(name);
  if (bytes.length > 100) throw new Error(`tar member name over 100 bytes: ${name}`);
  h.set(bytes, 0);
  put(h, 100, octal(0o644, 8));
  put(h, 108, octal(0, 8));
  put(h, 116, octal(0, 8));
  put(h, 124, octal(size, 12));
  put(h, 136, octal(Math.floor(mtime), 12));
  put(h, 148, '        ');
  put(h, 156, '0');
  put(h, 257, 'ustar\0');
  put(h, 263, '00');
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

export const tarPadding = (size: number): Uint8Array => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);
export const tarEnd = (): Uint8Array => new Uint8Array(BLOCK * 2);

/** A WebDataset key for an item id: letters, digits, `_` and `-` (the same rule as `clearance export`). */
export const shardKey = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
