// IPTC IIM datasets (record 2) from a raw IPTC block (bare IIM or inside a Photoshop 8BIM resource): copyright notice and friends.
export const IIM = { copyrightNotice: 116, credit: 110, source: 115, specialInstructions: 40 } as const;

/** Values of record-2 dataset `dataset`, decoded as UTF-8. Scans for 0x1C tag markers, so wrappers are skipped. */
export function iimValues(iptc: Uint8Array | undefined, dataset: number): string[] {
  if (!iptc) return [];
  const out: string[] = [];
  for (let i = 0; i + 5 <= iptc.length; i++) {
    if (iptc[i] !== 0x1c || iptc[i + 1] !== 2) continue;
    let len = (iptc[i + 3]! << 8) | iptc[i + 4]!;
    let start = i + 5;
    if (len & 0x8000) {
      const n = len & 0x7fff; // extended length: the next n bytes hold the length
      if (n > 4 || start + n > iptc.length) continue;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + iptc[start + k]!;
      start += n;
    }
    if (start + len > iptc.length) continue;
    if (iptc[i + 2] === dataset) out.push(Buffer.from(iptc.subarray(start, start + len)).toString('utf8').trim());
    i = start + len - 1;
  }
  return out.filter(Boolean);
}
