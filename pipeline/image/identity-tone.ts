// The per-channel tone fit both colour comparisons use: least-squares gain and offset mapping one print's cells onto another's, clamped.

/** A tone edit the fit may undo, per channel: gain (contrast) within [1/MAX_GAIN, MAX_GAIN], offset (brightness) within
 *  ±MAX_OFFSET of 255. Wider would let two different paintings of one layout be fitted onto each other. */
const MAX_GAIN = 1.35;
const MAX_OFFSET = 48;
/** Cells this close to 0 or 255 may have been clipped by the edit: they say nothing about gain and offset. */
export const CLIPPED = 3;

/** The least-squares gain mapping m values x onto y, clamped, from the sums of x, y, x² and xy (1 when x is flat). */
export function fitGain(m: number, sa: number, sb: number, saa: number, sab: number): number {
  const ma = m ? sa / m : 0;
  const mb = m ? sb / m : 0;
  const va = m ? saa / m - ma * ma : 0;
  return va > 1e-6 ? Math.min(MAX_GAIN, Math.max(1 / MAX_GAIN, (sab / m - ma * mb) / va)) : 1;
}

/** The offset that goes with `gain`, clamped. */
export function fitOffset(m: number, sa: number, sb: number, gain: number): number {
  const ma = m ? sa / m : 0;
  const mb = m ? sb / m : 0;
  return Math.min(MAX_OFFSET, Math.max(-MAX_OFFSET, mb - gain * ma));
}

/**
 * Mean absolute difference (0–255) between `b`'s n RGB cells and the cells `cells[i]` of print `a` after the per-channel
 * tone fit that maps `a` closest to `b` (the prediction clipped to 0–255 as the edited pixels were). Stops early,
 * returning Infinity, once the difference must exceed `limit`.
 */
export function toneFitDistance(a: Uint8Array, cells: ArrayLike<number>, b: ArrayLike<number>, limit = Infinity): number {
  const n = cells.length;
  const budget = limit * n * 3;
  let total = 0;
  for (let k = 0; k < 3; k++) {
    let sa = 0;
    let sb = 0;
    let saa = 0;
    let sab = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const y = b[i * 3 + k]!;
      if (y <= CLIPPED || y >= 255 - CLIPPED) continue;
      const x = a[cells[i]! * 3 + k]!;
      m++;
      sa += x;
      sb += y;
      saa += x * x;
      sab += x * y;
    }
    const gain = fitGain(m, sa, sb, saa, sab);
    const offset = fitOffset(m, sa, sb, gain);
    for (let i = 0; i < n; i++) total += Math.abs(b[i * 3 + k]! - Math.min(255, Math.max(0, gain * a[cells[i]! * 3 + k]! + offset)));
    if (total > budget) return Infinity;
  }
  return total / (n * 3);
}
