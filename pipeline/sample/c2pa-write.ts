// Writes a minimal C2PA manifest store (JUMBF + CBOR) with a training-mining assertion into a PNG caBX chunk (unsigned; for samples and tests).
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

type Cbor = string | number | boolean | Uint8Array | Cbor[] | { [key: string]: Cbor };

/** A CBOR item head: major type and argument (up to 32 bits). */
export function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** CBOR encoder for the value shapes C2PA assertions use (non-negative integers, strings, bytes, arrays, maps). */
export function encodeCbor(v: Cbor): Buffer {
  if (typeof v === 'boolean') return Buffer.from([v ? 0xf5 : 0xf4]);
  if (typeof v === 'number') return v >= 0 ? cborHead(0, v) : cborHead(1, -1 - v);
  if (typeof v === 'string') return Buffer.concat([cborHead(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (v instanceof Uint8Array) return Buffer.concat([cborHead(2, v.length), v]);
  if (Array.isArray(v)) return Buffer.concat([cborHead(4, v.length), ...v.map(encodeCbor)]);
  const keys = Object.keys(v);
  return Buffer.concat([cborHead(5, keys.length), ...keys.flatMap((k) => [encodeCbor(k), encodeCbor(v[k]!)])]);
}

function box(type: string, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + payload.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, payload]);
}

/** C2PA content-type UUIDs: 4 ASCII bytes + the ISO suffix 0011-0010-8000-00AA00389B71. */
function uuid(tag: string): Buffer {
  return Buffer.concat([Buffer.from(tag, 'latin1'), Buffer.from('0011001080000' + '0aa00389b71', 'hex')]);
}

function superbox(tag: string, label: string, children: Buffer[]): Buffer {
  const desc = box('jumd', Buffer.concat([uuid(tag), Buffer.from([0x03]), Buffer.from(label + '\0')]));
  return box('jumb', Buffer.concat([desc, ...children]));
}

/** A manifest store with one manifest holding a `<prefix>.training-mining` assertion (c2pa or cawg) and its claim. */
export function trainingMiningManifestStore(entries: Record<string, 'allowed' | 'notAllowed' | 'constrained'>, prefix: 'c2pa' | 'cawg' = 'c2pa', manifestId = 'urn:uuid:00000000-0000-4000-8000-00000000c1ea'): Buffer {
  const label = `${prefix}.training-mining`;
  const body: Record<string, Cbor> = {};
  for (const [k, use] of Object.entries(entries)) body[k] = { use };
  const assertion = superbox('cbor', label, [box('cbor', encodeCbor({ entries: body }))]);
  const claim = encodeCbor({
    claim_generator: 'clearance-sample/1.0',
    'dc:format': 'image/png',
    instanceID: manifestId,
    signature: 'self#jumbf=c2pa.signature',
    assertions: [{ url: `self#jumbf=c2pa.assertions/${label}`, alg: 'sha256', hash: createHash('sha256').update(assertion).digest() }],
  });
  const manifest = superbox('c2ma', manifestId, [
    superbox('c2as', 'c2pa.assertions', [assertion]),
    superbox('c2cl', 'c2pa.claim', [box('cbor', claim)]),
    superbox('c2cs', 'c2pa.signature', [box('cbor', encodeCbor([]))]),
  ]);
  return superbox('c2pa', 'c2pa', [manifest]);
}

/** The PNG with a caBX chunk holding `store` inserted right after IHDR (replacing any existing caBX). */
export function pngWithCaBX(png: Buffer, store: Buffer): Buffer {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const chunk = Buffer.alloc(12 + store.length);
  chunk.writeUInt32BE(store.length, 0);
  chunk.write('caBX', 4, 'latin1');
  store.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + store.length)) >>> 0, 8 + store.length);
  const rest: Buffer[] = [];
  for (let pos = ihdrEnd; pos < png.length; ) {
    const len = png.readUInt32BE(pos);
    if (png.toString('latin1', pos + 4, pos + 8) !== 'caBX') rest.push(png.subarray(pos, pos + 12 + len));
    pos += 12 + len;
  }
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, ...rest]);
}
