// Finds the picture inside uniform borders (frames, letterboxing, padding) of a decoded preview, so bordered copies match.
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** Half-open pixel rectangle [x0, x1) × [y0, y1). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A line is border when its pixels stay within MAX_SPREAD of their mean (0–255, channels averaged: an added border,
 *  not a scan's paper); at most MAX_SHARE of a side is trimmed (a uniform picture keeps its middle). */
const MAX_SPREAD = 2;
/** …and whose mean stays within MAX_DRIFT of the line before it: a white scan edge inside a black frame is not frame. */
const MAX_DRIFT = 6;
/** A side is trimmed only when its border is at least this share of the shorter side (and ≥ 3 lines): a scan's thin
 *  edge is not a border, and trimming it in one copy but not in another would shift the picture. */
const MIN_SHARE = 0.03;
const MAX_SHARE = 0.2;

/** Mean colour and mean absolute deviation of `n` pixels starting at `start`, `step` bytes apart. */
function lineStats(p: Pixels, start: number, step: number, n: number, out: Float64Array): number {
  const c = Math.min(3, p.channels);
  const d = p.data;
  out[0] = out[1] = out[2] = 0;
  for (let i = 0, o = start; i < n; i++, o += step) for (let k = 0; k < c; k++) out[k] = out[k]! + d[o + k]!;
  for (let k = 0; k < c; k++) out[k] = out[k]! / n;
  let spread = 0;
  for (let i = 0, o = start; i < n; i++, o += step) for (let k = 0; k < c; k++) spread += Math.abs(d[o + k]! - out[k]!);
  return spread / (n * c);
}

/** The rectangle left after trimming uniform lines from each side (the whole image when it has no border). */
export function pictureFrame(p: Pixels): Rect {
  const r: Rect = { x0: 0, y0: 0, x1: p.width, y1: p.height };
  const px = p.channels;
  const row = p.width * px;
  const stats = new Float64Array(3);
  const previous = new Float64Array(3);
  const c = Math.min(3, p.channels);
  const drift = () => {
    let d = 0;
    for (let k = 0; k < c; k++) d += Math.abs(stats[k]! - previous[k]!);
    return d / c;
  };
  // side: 0 top, 1 bottom, 2 left, 3 right
  for (let side = 0; side < 4; side++) {
    const vertical = side < 2;
    const limit = Math.floor((vertical ? p.height : p.width) * MAX_SHARE);
    for (let t = 0; t < limit; t++) {
      const w = r.x1 - r.x0;
      const h = r.y1 - r.y0;
      let spread: number;
      if (side === 0) spread = lineStats(p, r.y0 * row + r.x0 * px, px, w, stats);
      else if (side === 1) spread = lineStats(p, (r.y1 - 1) * row + r.x0 * px, px, w, stats);
      else if (side === 2) spread = lineStats(p, r.y0 * row + r.x0 * px, row, h, stats);
      else spread = lineStats(p, r.y0 * row + (r.x1 - 1) * px, row, h, stats);
      if (spread > MAX_SPREAD || (t > 0 && drift() > MAX_DRIFT)) break;
      previous.set(stats);
      if (side === 0) r.y0++;
      else if (side === 1) r.y1--;
      else if (side === 2) r.x0++;
      else r.x1--;
    }
    const cut = side === 0 ? r.y0 : side === 1 ? p.height - r.y1 : side === 2 ? r.x0 : p.width - r.x1;
    if (cut < Math.max(3, Math.min(p.width, p.height) * MIN_SHARE)) {
      if (side === 0) r.y0 = 0;
      else if (side === 1) r.y1 = p.height;
      else if (side === 2) r.x0 = 0;
      else r.x1 = p.width;
    }
  }
  return r;
}
