// C2PA / CAWG training-and-mining assertions in an embedded manifest store: entries whose `use` is notAllowed (or constrained).
import { assertionContent } from './assertion-content.js';
import { extractJumbf, parseBoxes, type JumbfBox } from './jumbf.js';

export interface TrainingMiningEntry {
  /** Assertion label, e.g. `c2pa.training-mining` or `cawg.training-mining`. */
  assertion: string;
  /** Manifest label (urn:uuid:…) the assertion belongs to. */
  manifest: string;
  /** Entry key, e.g. `c2pa.ai_generative_training`. */
  entry: string;
  use: string;
}

const LABEL = /^(c2pa|cawg)\.training-mining(__\d+)?$/;

function walk(boxes: JumbfBox[], manifest: string, out: TrainingMiningEntry[]): void {
  for (const box of boxes) {
    if (box.type !== 'jumb') continue;
    const label = box.label ?? '';
    if (LABEL.test(label)) {
      const value = assertionContent(box);
      const entries = value && typeof value === 'object' && !(value instanceof Uint8Array) && !Array.isArray(value) ? value.entries : undefined;
      if (entries && typeof entries === 'object' && !Array.isArray(entries) && !(entries instanceof Uint8Array)) {
        for (const [entry, v] of Object.entries(entries)) {
          const use = v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? v.use : undefined;
          if (typeof use === 'string') out.push({ assertion: label.replace(/__\d+$/, ''), manifest, entry, use });
        }
      }
      continue;
    }
    walk(box.children ?? [], label.startsWith('urn:') ? label : manifest, out);
  }
}

/** Every training/mining entry in the file's manifest store (empty when the file carries no C2PA data). */
export function trainingMiningEntries(file: Uint8Array | undefined): TrainingMiningEntry[] {
  if (!file) return [];
  const jumbf = extractJumbf(file);
  if (!jumbf) return [];
  const out: TrainingMiningEntry[] = [];
  walk(parseBoxes(jumbf), '', out);
  return out;
}

/**
 * Why the C2PA data forbids AI training, or undefined. Any entry that is `notAllowed` or `constrained` (terms a
 * machine cannot verify) counts, in any manifest of the store; signatures are not verified — an unsigned
 * opt-out is still honoured, and nothing here can turn an item into an accepted one.
 */
export function c2paProhibits(file: Uint8Array | undefined): string | undefined {
  const denied = trainingMiningEntries(file).filter((e) => e.use === 'notAllowed' || e.use === 'constrained');
  if (!denied.length) return undefined;
  return `C2PA ${[...new Set(denied.map((e) => e.assertion))].join(', ')}: ${denied.map((e) => `${e.entry}=${e.use}`).join(', ')}`;
}
