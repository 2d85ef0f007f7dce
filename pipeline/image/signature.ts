// One pass over a decoded preview: the 32×32 luma grid for pHash and the 16×16 RGB colour fingerprint.
import type { Preview } from './preview.js';

const G = 32;
const C = 16;

/** Area averages; cell indices per column are computed once, not per pixel. */
export function gridAndPrint(p: Preview): { luma: Float64Array; print: Buffer } {
  const { data, width, height, channels } = p;
  const colL = new Int32Array(width);
  const colC = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    colL[x] = Math.min(G - 1, Math.floor((x * G) / width));
    colC[x] = Math.min(C - 1, Math.floor((x * C) / width));
  }
  const lSum = new Float64Array(G * G);
  const lCnt = new Float64Array(G * G);
  const cSum = new Float64Array(C * C * 3);
  const cCnt = new Float64Array(C * C);
  const grey = channels < 3;
  for (let y = 0; y < height; y++) {
    const rowL = Math.min(G - 1, Math.floor((y * G) / height)) * G;
    const rowC = Math.min(C - 1, Math.floor((y * C) / height)) * C;
    let i = y * width * channels;
    for (let x = 0; x < width; x++, i += channels) {
      const r = data[i]!;
      const g = grey ? r : data[i + 1]!;
      const b = grey ? r : data[i + 2]!;
      const l = rowL + colL[x]!;
      lSum[l] = lSum[l]! + (grey ? r : 0.299 * r + 0.587 * g + 0.114 * b);
      lCnt[l] = lCnt[l]! + 1;
      const c = rowC + colC[x]!;
      cSum[c * 3] = cSum[c * 3]! + r;
      cSum[c * 3 + 1] = cSum[c * 3 + 1]! + g;
      cSum[c * 3 + 2] = cSum[c * 3 + 2]! + b;
      cCnt[c] = cCnt[c]! + 1;
    }
  }
  for (let k = 0; k < G * G; k++) lSum[k] = lCnt[k] ? lSum[k]! / lCnt[k]! : 0;
  const print = Buffer.alloc(C * C * 3);
  for (let c = 0; c < C * C; c++) for (let k = 0; k < 3; k++) print[c * 3 + k] = cCnt[c] ? Math.round(cSum[c * 3 + k]! / cCnt[c]!) : 0;
  return { luma: lSum, print };
}
