// 64-bit DCT perceptual hash (pHash) from decoded pixels, and the Hamming distance between two hashes.
import { hashBits, lowFrequencies } from './identity-hash.js';
import { gridAndPrint } from './signature.js';

/** pHash: top-left 8×8 of the 2-D DCT of a 32×32 luma grid; bit = coefficient > median (DC excluded from the median). */
export function phashFromGrid(grid: Float64Array): string {
  return hashBits(lowFrequencies(grid));
}

export function phash(data: Uint8Array, width: number, height: number, channels: number): string {
  return phashFromGrid(gridAndPrint({ data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), width, height, channels: channels as 1 | 2 | 3 | 4 }).luma);
}

const POP = Uint8Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));
/** Hex digit value by char code ('0'-'9', 'a'-'f', 'A'-'F'). */
const NIB = new Uint8Array(128);
for (let i = 0; i < 16; i++) {
  NIB['0123456789abcdef'.charCodeAt(i)] = i;
  NIB['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** Number of differing bits between two 16-hex-digit hashes. */
export function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i++) d += POP[NIB[a.charCodeAt(i)]! ^ NIB[b.charCodeAt(i)]!]!;
  return d;
}
