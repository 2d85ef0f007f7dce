// EXIF `Copyright` (tag 0x8298 in IFD0) from a raw EXIF block (`Exif\0\0` + TIFF, or bare TIFF): bounded reads, no recursion.

const EXIF_COPYRIGHT_TAG = 0x8298;
/** An IFD with more entries than this is not read further (real files have a few dozen). */
const MAX_ENTRIES = 1000;
/** A copyright string longer than this is cut. */
const MAX_CHARS = 20_000;

function decode(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? bytes.toString('latin1') : utf8;
}

/** The copyright notices in IFD0 (the EXIF spec allows "photographer NUL editor": each is returned), or []. */
export function exifCopyright(exif: Buffer | undefined): string[] {
  if (!exif || exif.length < 8) return [];
  const base = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  const t = exif.subarray(base);
  if (t.length < 8) return [];
  const order = t.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return [];
  const le = order === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  if (u16(2) !== 42) return [];
  const ifd = u32(4);
  if (ifd + 2 > t.length) return [];
  const count = Math.min(u16(ifd), MAX_ENTRIES);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) break;
    if (u16(e) !== EXIF_COPYRIGHT_TAG) continue;
    const type = u16(e + 2);
    if (type !== 2 && type !== 7 && type !== 1) return []; // ASCII, UNDEFINED or BYTE
    const n = Math.min(u32(e + 4), MAX_CHARS);
    const start = n <= 4 ? e + 8 : u32(e + 8);
    if (start >= t.length) return [];
    const bytes = t.subarray(start, Math.min(t.length, start + n));
    return decode(Buffer.from(bytes))
      .split('\0')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return [];
}
