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
/** …and whose mean colour stays within MAX_DRIFT of the line before it: a white scan edge inside a black frame is not frame. */
const MAX_DRIFT = 6;
/** A side is trimmed only when its border is at least this share of the shorter side (and ≥ MIN_LINES lines): a scan's
 *  thin edge is not a border, and trimming it in one copy but not in another would shift the picture. */
const MIN_SHARE = 0.03;
const MIN_LINES = 3;
const MAX_SHARE = 0.2;
/**
 * How far past the last uniform line each bordered side is cut, in lines, one frame each, the first the likeliest: a
 * border's edge rarely falls on a pixel of the preview, and a saturated border's colour smears a line or two into the
 * picture, so the uniform lines usually end one line short of the picture (measured by `npm run eval:dedup`: one line
 * deeper finds the most bordered copies, the tight and the two-lines-deeper frames most of the rest).
 */
export const FRAME_DEPTHS = [1, 0, 2] as const;

/** Mean colour and mean absolute deviation (channels averaged) of `n` pixels starting at `start`, `step` bytes apart. */
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

/** Uniform lines trimmed from each side (top, bottom, left, right), sides in that order, each inside the others. */
function uniformLines(p: Pixels): [number, number, number, number] {
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
  const cuts: [number, number, number, number] = [0, 0, 0, 0];
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
      cuts[side] = cuts[side]! + 1;
      if (side === 0) r.y0++;
      else if (side === 1) r.y1--;
      else if (side === 2) r.x0++;
      else r.x1--;
    }
  }
  return cuts;
}

/**
 * The rectangles that may hold the picture inside uniform borders, one per FRAME_DEPTHS (duplicates dropped), or none
 * when the preview has no border. A side is bordered when it has at least MIN_LINES − 1 uniform lines and, cut at the
 * deepest depth, MIN_SHARE of the shorter side; each frame cuts every bordered side that many lines past its uniform lines (at most
 * MAX_SHARE of the side).
 */
export function pictureFrames(p: Pixels): Rect[] {
  const cuts = uniformLines(p);
  const least = Math.max(MIN_LINES, Math.min(p.width, p.height) * MIN_SHARE);
  const deepest = Math.max(...FRAME_DEPTHS);
  const bordered = cuts.map((c) => c >= MIN_LINES && c + deepest >= least);
  if (!bordered.some(Boolean)) return [];
  const frames: Rect[] = [];
  for (const depth of FRAME_DEPTHS) {
    const cut = (side: number, length: number) => (bordered[side] ? Math.min(cuts[side]! + depth, Math.floor(length * MAX_SHARE)) : 0);
    const r = { x0: cut(2, p.width), x1: p.width - cut(3, p.width), y0: cut(0, p.height), y1: p.height - cut(1, p.height) };
    if (!frames.some((f) => f.x0 === r.x0 && f.x1 === r.x1 && f.y0 === r.y0 && f.y1 === r.y1)) frames.push(r);
  }
  return frames;
}

/** The likeliest rectangle of the picture inside its borders (the whole image when it has none). */
export function pictureFrame(p: Pixels): Rect {
  return pictureFrames(p)[0] ?? { x0: 0, y0: 0, x1: p.width, y1: p.height };
}
