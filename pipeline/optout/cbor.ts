// A small CBOR (RFC 8949) decoder: enough for C2PA assertions (maps, arrays, strings, numbers, tags, floats).
export type CborValue = number | bigint | string | boolean | null | undefined | Uint8Array | CborValue[] | { [key: string]: CborValue };

export class CborError extends Error {}

const MAX_DEPTH = 64;

export function decodeCbor(data: Uint8Array): CborValue {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > data.length) throw new CborError(`truncated CBOR at byte ${pos}`);
  };
  const readLength = (info: number): number | bigint | null => {
    if (info < 24) return info;
    if (info === 24) return need(1), data[pos++]!;
    if (info === 25) return need(2), (pos += 2), view.getUint16(pos - 2);
    if (info === 26) return need(4), (pos += 4), view.getUint32(pos - 4);
    if (info === 27) {
      need(8);
      const v = view.getBigUint64(pos);
      pos += 8;
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    if (info === 31) return null; // indefinite length
    throw new CborError(`reserved additional info ${info} at byte ${pos}`);
  };
  const count = (n: number | bigint | null): number => {
    if (typeof n === 'bigint' || (n !== null && n > data.length)) throw new CborError('CBOR length beyond input');
    return n ?? -1;
  };
  const item = (depth: number): CborValue => {
    if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deeply');
    need(1);
    const initial = data[pos++]!;
    const major = initial >> 5;
    const info = initial & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      if (info === 23) return undefined;
      if (info === 24) return need(1), pos++, undefined;
      if (info === 25) return need(2), (pos += 2), halfFloat(view.getUint16(pos - 2));
      if (info === 26) return need(4), (pos += 4), view.getFloat32(pos - 4);
      if (info === 27) return need(8), (pos += 8), view.getFloat64(pos - 8);
      if (info < 20) return undefined; // unassigned simple value
      throw new CborError(`unexpected break or simple value ${info} at byte ${pos - 1}`);
    }
    const len = readLength(info);
    switch (major) {
      case 0:
        return len as number | bigint;
      case 1:
        return typeof len === 'bigint' ? -1n - len : -1 - (len as number);
      case 2:
      case 3: {
        const chunks: Uint8Array[] = [];
        if (len === null) {
          while (data[pos] !== 0xff) {
            const part = item(depth + 1);
            if (typeof part === 'string') chunks.push(new TextEncoder().encode(part));
            else if (part instanceof Uint8Array) chunks.push(part);
            else throw new CborError('bad chunk in indefinite string');
            need(1);
          }
          pos++;
        } else {
          const n = count(len);
          need(n);
          chunks.push(data.subarray(pos, pos + n));
          pos += n;
        }
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        return major === 2 ? bytes : new TextDecoder().decode(bytes);
      }
      case 4: {
        const out: CborValue[] = [];
        const n = count(len);
        for (let i = 0; n < 0 ? data[pos] !== 0xff : i < n; i++) {
          out.push(item(depth + 1));
          if (n < 0) need(1);
        }
        if (n < 0) pos++;
        return out;
      }
      case 5: {
        const out: { [key: string]: CborValue } = {};
        const n = count(len);
        for (let i = 0; n < 0 ? data[pos] !== 0xff : i < n; i++) {
          const key = item(depth + 1);
          out[typeof key === 'string' ? key : String(key)] = item(depth + 1);
          if (n < 0) need(1);
        }
        if (n < 0) pos++;
        return out;
      }
      case 6:
        return item(depth + 1); // tags (e.g. dates, tag 64 typed arrays): the tagged value itself
      default:
        throw new CborError(`unknown major type ${major}`);
    }
  };
  return item(0);
}

function halfFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
