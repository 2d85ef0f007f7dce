// C2PA `c2pa.actions` / `c2pa.actions.v2` assertions and claim generators in an embedded manifest store (every manifest, signatures not verified).
import type { CborValue } from '../optout/cbor.js';
import { assertionContent } from '../optout/assertion-content.js';
import { extractJumbf, parseBoxes, type JumbfBox } from '../optout/jumbf.js';

export interface C2paAction {
  /** Manifest label (urn:…) the action belongs to. */
  manifest: string;
  /** e.g. `c2pa.created`, `c2pa.opened`, `c2pa.edited`. */
  action: string;
  digitalSourceType?: string;
  /** softwareAgent: a string (actions v1) or `{ name, version }` (v2), as one string. */
  softwareAgent?: string;
}

export interface C2paProvenance {
  actions: C2paAction[];
  /** claim_generator (v1) and claim_generator_info names (v2). */
  generators: string[];
}

const ACTIONS = /^c2pa\.actions(\.v2)?(__\d+)?$/;
const CLAIM = /^c2pa\.claim(\.v2)?$/;
type Obj = { [key: string]: CborValue };
const isObj = (v: CborValue): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

function agentName(v: CborValue): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v.name === 'string') return typeof v.version === 'string' ? `${v.name} ${v.version}` : v.name;
  return undefined;
}

function walk(boxes: JumbfBox[], manifest: string, out: C2paProvenance): void {
  for (const box of boxes) {
    if (box.type !== 'jumb') continue;
    const label = box.label ?? '';
    if (ACTIONS.test(label)) {
      const value = assertionContent(box);
      const list = isObj(value) && Array.isArray(value.actions) ? value.actions : [];
      for (const a of list) {
        if (!isObj(a) || typeof a.action !== 'string') continue;
        const dst = typeof a.digitalSourceType === 'string' ? a.digitalSourceType : undefined;
        const agent = agentName(a.softwareAgent);
        out.actions.push({ manifest, action: a.action, ...(dst && { digitalSourceType: dst }), ...(agent && { softwareAgent: agent }) });
      }
      continue;
    }
    if (CLAIM.test(label)) {
      const claim = assertionContent(box);
      if (isObj(claim)) {
        if (typeof claim.claim_generator === 'string') out.generators.push(claim.claim_generator);
        const info = Array.isArray(claim.claim_generator_info) ? claim.claim_generator_info : isObj(claim.claim_generator_info) ? [claim.claim_generator_info] : [];
        for (const i of info) {
          const name = agentName(i);
          if (name) out.generators.push(name);
        }
      }
      continue;
    }
    walk(box.children ?? [], label.startsWith('urn:') ? label : manifest, out);
  }
}

/** Every action and claim generator in the file's manifest store (empty when it carries no C2PA data). */
export function c2paProvenance(file: Uint8Array | undefined): C2paProvenance {
  const out: C2paProvenance = { actions: [], generators: [] };
  const jumbf = file && extractJumbf(file);
  if (jumbf) walk(parseBoxes(jumbf), '', out);
  return out;
}
