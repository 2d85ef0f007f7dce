// Perceptual identity of a decoded picture: a DCT hash of its structure and a colour print, of the whole and of the picture inside its borders.
//
// One pass over the preview gives a GRID×GRID colour grid (a second one, of the frame, when identity-frame.ts finds
// uniform borders to trim: looked up too, never indexed, so a trim that differs between copies cannot split them). Its
// luma gives a 64-bit DCT hash (brightness and contrast cancel in it) and, from the same coefficients, the hash of the
// mirrored picture; 2×2 cells of it give the 16×16 RGB print that tells two paintings of one layout apart. The print is
// compared after fitting tone (identity-compare.ts), so brightness, contrast and gamma edits do not break a match. The
// grid itself (rounded) goes with the identity: a cropped copy is aligned inside an indexed print with it (identity-crop.ts).
import { colourGrid, GRID } from './identity-grid.js';
import { pictureFrame, type Pixels, type Rect } from './identity-frame.js';
import { hashBits, lowFrequencies, mirrored } from './identity-hash.js';

export const PRINT_SIDE = GRID / 2;

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
  /** The GRID×GRID RGB grid the print was made from (rounded): a cropped copy is aligned inside an indexed print with
   *  it (identity-crop.ts). Absent in identities read from text made before it existed: those match no crops. */
  grid?: Uint8Array;
  framed?: View;
}

/** One rectangle of the picture as looked up. */
export interface View {
  fingerprint: Fingerprint;
  mirrorHash: string;
  grid?: Uint8Array;
}

/** Hashes and print of one rectangle of the picture. */
function describe(p: Pixels, rect: Rect): Required<View> {
  const grid = colourGrid(p, rect);
  const luma = new Float64Array(GRID * GRID);
  for (let i = 0; i < luma.length; i++) luma[i] = 0.299 * grid[i * 3]! + 0.587 * grid[i * 3 + 1]! + 0.114 * grid[i * 3 + 2]!;
  const coeffs = lowFrequencies(luma);
  const print = new Uint8Array(PRINT_SIDE * PRINT_SIDE * 3);
  const sums = new Float64Array(print.length);
  for (let y = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++) {
      const c = ((y >> 1) * PRINT_SIDE + (x >> 1)) * 3;
      const g = (y * GRID + x) * 3;
      sums[c] = sums[c]! + grid[g]!;
      sums[c + 1] = sums[c + 1]! + grid[g + 1]!;
      sums[c + 2] = sums[c + 2]! + grid[g + 2]!;
    }
  for (let i = 0; i < print.length; i++) print[i] = Math.round(sums[i]! / 4);
  const bytes = new Uint8Array(grid.length);
  for (let i = 0; i < grid.length; i++) bytes[i] = Math.round(grid[i]!);
  return { fingerprint: { hash: hashBits(coeffs), print }, mirrorHash: hashBits(mirrored(coeffs)), grid: bytes };
}

export function identityOf(p: Pixels): Identity {
  const whole = describe(p, { x0: 0, y0: 0, x1: p.width, y1: p.height });
  const frame = pictureFrame(p);
  const bordered = frame.x0 > 0 || frame.y0 > 0 || frame.x1 < p.width || frame.y1 < p.height;
  return bordered ? { ...whole, framed: describe(p, frame) } : whole;
}
