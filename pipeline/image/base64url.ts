// base64url without padding, table-driven and without Buffer or atob/btoa, so the Worker and Node run the same code
// at the speed of a loop over bytes (fingerprint and grid texts are decoded for every cached or shipped identity).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ENCODE = new Uint8Array(64).map((_, i) => ALPHABET.charCodeAt(i));
/** Six-bit value per character code; 255 outside the alphabet. '+' and '/' (base64's) are read as '-' and '_'. */
const DECODE = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
DECODE['+'.charCodeAt(0)] = 62;
DECODE['/'.charCodeAt(0)] = 63;
/** The alphabet is ASCII, which UTF-8 decodes byte for byte. */
const ascii = new TextDecoder();

/** base64url text of the bytes, without padding (the text Node's `base64url` encoding gives). */
export function toBase64url(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | (i + 1 < n ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    if (i + 1 < n) out[o++] = ENCODE[(v >> 6) & 63]!;
  }
  return ascii.decode(out);
}

/** The bytes of base64url (or base64) text, padding optional; throws on a character outside the alphabet or a length
 *  no encoding gives, as atob does. */
export function fromBase64url(text: string): Uint8Array {
  let end = text.length;
  if (end % 4 === 0 && text.charCodeAt(end - 1) === 61) end -= text.charCodeAt(end - 2) === 61 ? 2 : 1; // '=' padding
  if (end % 4 === 1) throw new Error('not base64url: its length is one more than a multiple of four');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : 255;
    if (v === 255) throw new Error(`not base64url: ${JSON.stringify(text[i])} at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
