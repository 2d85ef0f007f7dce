// JUMBF (ISO/IEC 19566-5) boxes, and finding the C2PA manifest store in PNG (caBX), JPEG (APP11) and WebP (C2PA) files.
export interface JumbfBox {
  type: string;
  /** For `jumb` superboxes: the description box's label and the child boxes after it. */
  label?: string;
  children?: JumbfBox[];
  payload: Uint8Array;
}

const MAX_DEPTH = 32;

/** Parses a sequence of ISO BMFF-style boxes; malformed trailing data ends the list instead of throwing. */
export function parseBoxes(data: Uint8Array, depth = 0): JumbfBox[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const boxes: JumbfBox[] = [];
  let pos = 0;
  while (pos + 8 <= data.length) {
    let size = view.getUint32(pos);
    const type = String.fromCharCode(...data.subarray(pos + 4, pos + 8));
    let header = 8;
    if (size === 1) {
      if (pos + 16 > data.length) break;
      size = Number(view.getBigUint64(pos + 8));
      header = 16;
    } else if (size === 0) size = data.length - pos;
    if (size < header || pos + size > data.length) break;
    const payload = data.subarray(pos + header, pos + size);
    const box: JumbfBox = { type, payload };
    if (type === 'jumb' && depth < MAX_DEPTH) {
      const inner = parseBoxes(payload, depth + 1);
      const desc = inner[0]?.type === 'jumd' ? inner[0] : undefined;
      if (desc) box.label = descriptionLabel(desc.payload);
      box.children = desc ? inner.slice(1) : inner;
    }
    boxes.push(box);
    pos += size;
  }
  return boxes;
}

/** The label of a `jumd` description box: 16-byte type UUID, toggles byte, then a NUL-terminated label when toggles & 2. */
function descriptionLabel(p: Uint8Array): string | undefined {
  if (p.length < 17 || !(p[16]! & 0x02)) return undefined;
  const end = p.indexOf(0, 17);
  return new TextDecoder().decode(p.subarray(17, end < 0 ? p.length : end));
}

/** The raw JUMBF manifest store embedded in an image file, or undefined. */
export function extractJumbf(file: Uint8Array): Uint8Array | undefined {
  if (file[0] === 0x89 && file[1] === 0x50 && file[2] === 0x4e && file[3] === 0x47) return fromPng(file);
  if (file[0] === 0xff && file[1] === 0xd8) return fromJpeg(file);
  if (String.fromCharCode(...file.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...file.subarray(8, 12)) === 'WEBP') return fromWebp(file);
  return undefined;
}

function fromPng(file: Uint8Array): Uint8Array | undefined {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let pos = 8; pos + 12 <= file.length; ) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...file.subarray(pos + 4, pos + 8));
    if (type === 'caBX') return file.subarray(pos + 8, Math.min(file.length, pos + 8 + len));
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  return undefined;
}

/** JPEG XT: APP11 segments with CI "JP", box instance En, sequence Z; later segments repeat the box header. */
function fromJpeg(file: Uint8Array): Uint8Array | undefined {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const parts = new Map<number, Uint8Array[]>();
  for (let pos = 2; pos + 4 <= file.length; ) {
    if (file[pos] !== 0xff) break;
    const marker = file[pos + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: metadata segments come before it
    const len = view.getUint16(pos + 2);
    const seg = file.subarray(pos + 4, pos + 2 + len);
    if (marker === 0xeb && seg.length > 16 && seg[0] === 0x4a && seg[1] === 0x50) {
      const en = (seg[2]! << 8) | seg[3]!;
      const z = new DataView(seg.buffer, seg.byteOffset).getUint32(4);
      const list = parts.get(en) ?? [];
      const lbox = new DataView(seg.buffer, seg.byteOffset).getUint32(8);
      list.push(z === 1 ? seg.subarray(8) : seg.subarray(8 + (lbox === 1 ? 16 : 8)));
      parts.set(en, list);
    }
    pos += 2 + len;
  }
  for (const list of parts.values()) {
    const whole = Buffer.concat(list);
    if (String.fromCharCode(...whole.subarray(4, 8)) === 'jumb') return whole;
  }
  return undefined;
}

function fromWebp(file: Uint8Array): Uint8Array | undefined {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let pos = 12; pos + 8 <= file.length; ) {
    const type = String.fromCharCode(...file.subarray(pos, pos + 4));
    const len = view.getUint32(pos + 4, true);
    if (type === 'C2PA') return file.subarray(pos + 8, Math.min(file.length, pos + 8 + len));
    pos += 8 + len + (len & 1);
  }
  return undefined;
}
