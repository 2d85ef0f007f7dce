// Whether the file says it was made by a generative model: IPTC DigitalSourceType in XMP, C2PA actions, generator names (read before stripping).
import { readFileSync } from 'node:fs';
import type { DecisionCode } from '../catalog/index.js';
import { xmpInBytes } from '../optout/embedded.js';
import { xmpValues } from '../optout/xmp.js';
import { aiGeneratedType } from './digital-source-type.js';
import { c2paProvenance } from './c2pa-actions.js';

export const IPTC_EXT_NS = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/';
const XMP_NS = 'http://ns.adobe.com/xap/1.0/';
const TIFF_NS = 'http://ns.adobe.com/tiff/1.0/';
/** Actions that begin a manifest's history: their digitalSourceType says what the asset is. */
const INCEPTION = new Set(['c2pa.created', 'c2pa.opened']);
/** A detail quotes at most this many characters of a value read from the file. */
const MAX_QUOTE = 120;

export interface AiGeneratedFinding {
  code: Extract<DecisionCode, 'content.ai-generated' | 'content.ai-generated-suspected'>;
  detail: string;
}

let names: RegExp | undefined;
/** The generator names of ai-generators.json as one case-insensitive whole-word pattern. */
function generatorPattern(): RegExp {
  if (names) return names;
  const list = (JSON.parse(readFileSync(new URL('./ai-generators.json', import.meta.url), 'utf8')) as { generators: string[] }).generators;
  const esc = list.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return (names = new RegExp(`(?<![\\p{L}\\p{N}])(?:${esc.join('|')})(?![\\p{L}\\p{N}])`, 'iu'));
}

const quote = (s: string) => JSON.stringify(s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE - 1)}…` : s);

/**
 * The strongest AI-generation signal in the file, or undefined. Rejected: an XMP Iptc4xmpExt:DigitalSourceType, or a
 * C2PA c2pa.created / c2pa.opened action's digitalSourceType, naming generated media (any manifest in the store;
 * signatures are not verified — a claim of generation is taken at its word). Review: such a type on a later action
 * (e.g. a generative edit), or a known generator's name in XMP CreatorTool / tiff:Software or a C2PA software agent.
 */
export function aiGenerated(image: { xmp?: Buffer; data?: Buffer }): AiGeneratedFinding | undefined {
  const xmp: Buffer | string | undefined = image.xmp ?? xmpInBytes(image.data);
  for (const v of xmpValues(xmp, IPTC_EXT_NS, 'DigitalSourceType')) {
    const t = aiGeneratedType(v);
    if (t) return { code: 'content.ai-generated', detail: `XMP Iptc4xmpExt:DigitalSourceType ${t}` };
  }
  const c2pa = c2paProvenance(image.data);
  const typed = c2pa.actions.filter((a) => a.digitalSourceType && aiGeneratedType(a.digitalSourceType));
  const inception = typed.find((a) => INCEPTION.has(a.action));
  const agentOf = (a: { softwareAgent?: string }) => (a.softwareAgent ? ` by ${quote(a.softwareAgent)}` : '');
  if (inception) return { code: 'content.ai-generated', detail: `C2PA ${inception.action} digitalSourceType ${aiGeneratedType(inception.digitalSourceType!)}${agentOf(inception)}` };
  if (typed[0]) return { code: 'content.ai-generated-suspected', detail: `C2PA ${typed[0].action} digitalSourceType ${aiGeneratedType(typed[0].digitalSourceType!)}${agentOf(typed[0])}` };
  const named: [string, string[]][] = [
    ['XMP xmp:CreatorTool', xmpValues(xmp, XMP_NS, 'CreatorTool')],
    ['XMP tiff:Software', xmpValues(xmp, TIFF_NS, 'Software')],
    ['C2PA softwareAgent', c2pa.actions.flatMap((a) => (a.softwareAgent ? [a.softwareAgent] : []))],
    ['C2PA claim generator', c2pa.generators],
  ];
  const re = generatorPattern();
  for (const [field, values] of named) {
    const hit = values.find((v) => re.test(v));
    if (hit) return { code: 'content.ai-generated-suspected', detail: `${field} ${quote(hit)} names an image generator` };
  }
  return undefined;
}
