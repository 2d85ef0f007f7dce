// Perceptual identity of a decoded picture: a DCT hash of its structure and a colour print, of the whole and of the picture inside its borders.
//
// One pass over the preview gives a GRID×GRID colour grid (a second one, of the frame, when identity-frame.ts finds
// uniform borders to trim: looked up too, never indexed, so a trim that differs between copies cannot split them). Its
// luma gives a 64-bit DCT hash (brightness and contrast cancel in it) and, from the same coefficients, the hash of the
// mirrored picture; 2×2 cells of it give the 16×16 RGB print that tells two paintings of one layout apart. The print is
// compared after fitting tone (identity-compare.ts), so brightness, contrast and gamma edits do not break a match. The
// grid itself (rounded) goes with the identity: a cropped copy is aligned inside an indexed print with it (identity-crop.ts).
import { colourGrid, GRID, resampleGrid } from './identity-grid.js';
import { pictureFrames, type Pixels } from './identity-frame.js';
import { hashBits, lowFrequencies, mirrored } from './identity-hash.js';

export const PRINT_SIDE = GRID / 2;
/** The side of the grid a cropped copy is aligned with (identity-crop.ts): finer than GRID, because a cell of the
 *  indexed print falls across the copy's cells, and the copy's colour over it is only as exact as those cells are small
 *  (measured: a cropped copy's aligned colour difference halves from 32 to 64 cells; distinct paintings' does not). */
export const FINE = GRID * 2;

/** What an index holds, a catalogue record, a registry line and a withdrawal carry (format: identity-format.ts). */
export interface Fingerprint {
  /** 64-bit DCT hash of the luma, 16 hex digits. */
  hash: string;
  /** PRINT_SIDE² RGB cells, row-major. */
  print: Uint8Array;
}

/** How a picture is looked up: its fingerprint and its mirror's hash, and the same for the picture inside its uniform
 *  borders when it has any (an added frame is trimmed; a copy without the frame still matches the whole picture). */
export interface Identity {
  fingerprint: Fingerprint;
  mirrorHash: string;
  /** The FINE×FINE RGB grid the print was made from (rounded): a cropped copy is aligned inside an indexed print with
   *  it (identity-crop.ts). GRID×GRID in identities read from text made before FINE, absent in older ones: those
   *  match no crops. */
  grid?: Uint8Array;
  framed?: View;
  /** The picture inside its borders cut one line less and one line more deep (identity-frame.ts FRAME_DEPTHS): looked
   *  up too, no grid. Absent when it has no borders, and in identities read from text made before they existed. */
  reframed?: View[];
}

/** One rectangle of the picture as looked up. */
export interface View {
  fingerprint: Fingerprint;
  mirrorHash: string;
  grid?: Uint8Array;
}

/** Hashes and print of a GRID×GRID colour grid (its luma and the print's sums in one pass over it). */
function describeGrid(grid: Float64Array): View {
  const luma = new Float64Array(GRID * GRID);
  const sums = new Float64Array(PRINT_SIDE * PRINT_SIDE * 3);
  for (let y = 0, i = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++, i++) {
      const g = i * 3;
      const red = grid[g]!;
      const green = grid[g + 1]!;
      const blue = grid[g + 2]!;
      luma[i] = 0.299 * red + 0.587 * green + 0.114 * blue;
      const c = ((y >> 1) * PRINT_SIDE + (x >> 1)) * 3;
      sums[c] = sums[c]! + red;
      sums[c + 1] = sums[c + 1]! + green;
      sums[c + 2] = sums[c + 2]! + blue;
    }
  const print = new Uint8Array(sums.length);
  for (let i = 0; i < print.length; i++) print[i] = Math.round(sums[i]! / 4);
  const coeffs = lowFrequencies(luma);
  return { fingerprint: { hash: hashBits(coeffs), print }, mirrorHash: hashBits(mirrored(coeffs)) };
}

/** The GRID×GRID grid of 2×2 means of a FINE×FINE one (area means nest exactly), and the fine grid rounded to bytes,
 *  each fine value read once. */
function halve(fine: Float64Array): { grid: Float64Array; bytes: Uint8Array } {
  const grid = new Float64Array(GRID * GRID * 3);
  const bytes = new Uint8Array(fine.length);
  const line = FINE * 3;
  for (let y = 0, c = 0; y < GRID; y++) {
    const top = 2 * y * line;
    for (let f = top; f < top + line; f += 6, c += 3)
      for (let k = 0; k < 3; k++) {
        const a = fine[f + k]!;
        const b = fine[f + 3 + k]!;
        const d = fine[f + line + k]!;
        const e = fine[f + line + 3 + k]!;
        grid[c + k] = (a + b + d + e) / 4;
        // Means of bytes are ≥ 0: adding ½ and truncating is Math.round, faster.
        bytes[f + k] = (a + 0.5) | 0;
        bytes[f + 3 + k] = (b + 0.5) | 0;
        bytes[f + line + k] = (d + 0.5) | 0;
        bytes[f + line + 3 + k] = (e + 0.5) | 0;
      }
  }
  return { grid, bytes };
}

/**
 * One pass over the pixels gives the FINE×FINE grid of the whole picture; the GRID×GRID grid of the whole (2×2 fine
 * cells a cell: area means nest exactly) and of each frame inside its borders (resampled from the fine grid, no second
 * pass) give the hashes and prints. The whole picture and its likeliest frame carry their fine grid (rounded), for
 * cropped copies.
 */
export function identityOf(p: Pixels): Identity {
  const fine = colourGrid(p, { x0: 0, y0: 0, x1: p.width, y1: p.height }, FINE);
  const { grid, bytes } = halve(fine);
  const whole: Identity = { ...describeGrid(grid), grid: bytes };
  const frames = pictureFrames(p);
  if (!frames.length) return whole;
  const views = frames.map((r, i) => {
    const cells = { x0: (r.x0 * FINE) / p.width, x1: (r.x1 * FINE) / p.width, y0: (r.y0 * FINE) / p.height, y1: (r.y1 * FINE) / p.height };
    const view = describeGrid(resampleGrid(fine, FINE, cells));
    return i === 0 ? { ...view, grid: roundGrid(resampleGrid(fine, FINE, cells, FINE)) } : view;
  });
  whole.framed = views[0]!;
  if (views.length > 1) whole.reframed = views.slice(1);
  return whole;
}

function roundGrid(g: Float64Array): Uint8Array {
  const bytes = new Uint8Array(g.length);
  // Means of bytes are ≥ 0: adding ½ and truncating is Math.round, faster.
  for (let i = 0; i < g.length; i++) bytes[i] = (g[i]! + 0.5) | 0;
  return bytes;
}

/** Every rectangle a picture is looked up by: the whole picture, then inside its borders (likeliest frame first). */
export function viewsOf(id: Identity): View[] {
  return [id, ...(id.framed ? [id.framed] : []), ...(id.reframed ?? [])];
}
