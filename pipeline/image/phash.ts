// 64-bit DCT perceptual hash (pHash) from decoded pixels, and the Hamming distance between two hashes.
import { gridAndPrint } from './signature.js';

const N = 32;
const K = 8;
/** cos table for the first K DCT frequencies over N samples. */
const COS: Float64Array[] = Array.from({ length: K }, (_, u) => {
  const row = new Float64Array(N);
  for (let x = 0; x < N; x++) row[x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return row;
});

/** pHash: top-left 8×8 of the 2-D DCT of a 32×32 luma grid; bit = coefficient > median (DC excluded from the median). */
export function phashFromGrid(grid: Float64Array): string {
  const coeffs = new Float64Array(K * K);
  const tmp = new Float64Array(K * N);
  for (let u = 0; u < K; u++) for (let y = 0; y < N; y++) {
    let s = 0;
    for (let x = 0; x < N; x++) s += grid[y * N + x]! * COS[u]![x]!;
    tmp[u * N + y] = s;
  }
  for (let v = 0; v < K; v++) for (let u = 0; u < K; u++) {
    let s = 0;
    for (let y = 0; y < N; y++) s += tmp[u * N + y]! * COS[v]![y]!;
    coeffs[v * K + u] = s;
  }
  const sorted = Array.from(coeffs.subarray(1)).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nib = 0; nib < 16; nib++) {
    let n = 0;
    for (let b = 0; b < 4; b++) n = (n << 1) | (coeffs[nib * 4 + b]! > median ? 1 : 0);
    hex += n.toString(16);
  }
  return hex;
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
