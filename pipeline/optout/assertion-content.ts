// The content of a C2PA assertion box: its CBOR or JSON child, decoded; undefined when absent or unreadable.
import { decodeCbor, type CborValue } from './cbor.js';
import type { JumbfBox } from './jumbf.js';

/** An unreadable assertion is evidence of nothing: callers treat undefined as "no statement". */
export function assertionContent(box: JumbfBox): CborValue | undefined {
  for (const child of box.children ?? []) {
    try {
      if (child.type === 'cbor') return decodeCbor(child.payload);
      if (child.type === 'json') return JSON.parse(new TextDecoder().decode(child.payload)) as CborValue;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
