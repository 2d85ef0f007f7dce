// Evaluates PII in pixels (text-presence check → tesseract.js OCR → text-PII rules): recall on generated images with
// rendered personal data, false positives on the pomological and COCO corpora, and the cost per image.
// Usage: npx tsx test/bench/ocr-eval.ts [--generated N] [--pomological N] [--coco N]   (npm run eval:ocr)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Ocr } from '../../pipeline/safety/ocr.js';
import { textPresenceFrom } from '../../pipeline/safety/text-presence.js';
import { decodeLargePreview } from '../../pipeline/image/large-preview.js';
import { textImage } from '../../pipeline/safety/text-render.js';
import { findPii, type PiiKind } from '../../pipeline/safety/text-pii.js';
import { prng } from '../../pipeline/util/prng.js';
import { corpusDir } from '../support/shared.js';
import { benchResults } from './support/results.js';

const { values: args } = parseArgs({ options: { generated: { type: 'string', default: '48' }, pomological: { type: 'string', default: '150' }, coco: { type: 'string', default: '250' } } });
const results = benchResults('ocr-eval', { generated: Number(args.generated), pomological: Number(args.pomological), coco: Number(args.coco) });
const ocr = new Ocr();
const cost = { presenceMs: 0, ocrMs: 0, images: 0, read: 0 };

async function look(data: Buffer): Promise<{ text: string | undefined; kinds: PiiKind[] }> {
  cost.images++;
  let t = performance.now();
  // As the safety stage: from the item page's preview pixels, decoded once for this check and the models.
  const p = await textPresenceFrom(await decodeLargePreview(data));
  cost.presenceMs += performance.now() - t;
  if (!p.text) return { text: undefined, kinds: [] };
  t = performance.now();
  const text = await ocr.read(data);
  cost.ocrMs += performance.now() - t;
  cost.read++;
  return { text, kinds: [...new Set(findPii(text).map((m) => m.kind))] };
}

// Generated: one piece of personal data per image among ordinary words, in varied fonts, sizes, inks and angles.
const r = prng(19_003);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const FIRST = ['Margaret', 'Thomas', 'Aisha', 'Kenji', 'Lucia', 'Pieter', 'Olga', 'Samuel'];
const LAST = ['Hollis', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Brennan', 'Kowalski', 'Duarte'];
const STREETS = ['Orchard Street', 'Mill Lane', 'Station Road', 'Maple Avenue', 'Harbour Drive', 'Church Close'];
const FONTS = ['DejaVu Serif', 'DejaVu Sans', 'DejaVu Sans Mono', 'DejaVu Sans Condensed'];
const KINDS = ['name', 'email', 'phone', 'address'] as const;
type Kind = (typeof KINDS)[number];
function piece(kind: Kind): string {
  const first = pick(FIRST);
  const last = pick(LAST);
  const n = () => String(Math.floor(r() * 900) + 100);
  if (kind === 'name') return `${first} ${last}`;
  if (kind === 'email') return `${first.toLowerCase()}.${last.toLowerCase()}@example.${pick(['org', 'com', 'net'])}`;
  if (kind === 'phone') return pick([`(555) ${n()}-${n()}0`, `+44 20 7946 0${n()}`, `Tel: 06 12 ${n().slice(0, 2)} 56 78`]);
  return `${Math.floor(r() * 200) + 1} ${pick(STREETS)}`;
}

const nGen = Number(args.generated);
const found: Record<Kind, { n: number; reached: number; hit: number }> = { name: { n: 0, reached: 0, hit: 0 }, email: { n: 0, reached: 0, hit: 0 }, phone: { n: 0, reached: 0, hit: 0 }, address: { n: 0, reached: 0, hit: 0 } };
for (let i = 0; i < nGen; i++) {
  const kind = KINDS[i % KINDS.length]!;
  const value = piece(kind);
  const lines = [pick(['Notice', 'Minutes of the meeting', 'Delivery note', 'Dear friend,']), `${pick(['Contact', 'From', 'Reply to', 'Signed'])}: ${value}`, 'Thank you for your letter of the 3rd.'];
  const img = await textImage(lines, { font: pick(FONTS), fontSize: 18 + Math.floor(r() * 24), rotate: r() < 0.3 ? (r() - 0.5) * 8 : 0, background: pick(['#ffffff', '#f4f1ea', '#e8e2cf', '#dde6f0']), ink: pick(['#111', '#223', '#402010']) });
  const { text, kinds } = await look(img);
  const f = found[kind];
  f.n++;
  if (text !== undefined) f.reached++;
  // Names have no rule in text-pii.ts: counted as read when OCR returned the name verbatim.
  if (kind === 'name' ? text?.includes(value) : kinds.includes(kind)) f.hit++;
}
const genCost = { ...cost };
console.log(`generated: ${nGen} images (one personal datum each, fonts/sizes/angles varied)`);
for (const k of KINDS) console.log(`  ${k.padEnd(8)} recall ${found[k].hit}/${found[k].n} (text check passed ${found[k].reached}/${found[k].n})${k === 'name' ? '  [OCR read the name verbatim; text-pii.ts has no name rule, so names never set textPii]' : ''}`);
const piiKinds = KINDS.filter((k) => k !== 'name');
const hit = piiKinds.reduce((s, k) => s + found[k].hit, 0);
const all = piiKinds.reduce((s, k) => s + found[k].n, 0);
console.log(`  e-mail + phone + address recall: ${hit}/${all} = ${((hit / all) * 100).toFixed(1)}%`);
results.add('generated', { images: nGen, byKind: found, piiRecall: { hit, of: all } });

function listCorpus(name: string, n: number): string[] {
  if (name === 'pomological') {
    const d = join(corpusDir, 'pomological/images');
    const all = readdirSync(d).filter((f) => f.endsWith('.jpg')).sort();
    const step = Math.max(1, Math.floor(all.length / n));
    return all.filter((_, i) => i % step === 0).slice(0, n).map((f) => join(d, f));
  }
  return ['train2017', 'val2017'].flatMap((s) => readdirSync(join(corpusDir, 'coco-mini', s)).sort().map((f) => join(corpusDir, 'coco-mini', s, f))).slice(0, n);
}

if (!existsSync(corpusDir)) console.log('corpora: ../shared/corpus missing, false positives not measured');
else
  for (const [name, n] of [['pomological', Number(args.pomological)], ['coco', Number(args.coco)]] as const) {
    const before = { ...cost };
    let withText = 0;
    const flagged: string[] = [];
    const files = listCorpus(name, n);
    for (const f of files) {
      const { text, kinds } = await look(readFileSync(f));
      if (text !== undefined) withText++;
      if (kinds.length) flagged.push(`${f.split('/').pop()} (${kinds.join(', ')})`);
    }
    const ms = cost.presenceMs - before.presenceMs + cost.ocrMs - before.ocrMs;
    console.log(`${name}: ${files.length} images, text check passed ${withText}, PII flagged ${flagged.length} = ${((flagged.length / files.length) * 100).toFixed(1)}%; ${(ms / files.length).toFixed(0)} ms/image (presence ${((cost.presenceMs - before.presenceMs) / files.length).toFixed(0)} ms, OCR ${((cost.ocrMs - before.ocrMs) / Math.max(1, cost.read - before.read)).toFixed(0)} ms per image read)`);
    if (flagged.length) console.log(`  flagged: ${flagged.slice(0, 12).join('; ')}`);
    results.add(name, { images: files.length, textCheckPassed: withText, piiFlagged: flagged.length, msPerImage: Math.round(ms / files.length) });
  }
console.log(`cost: presence check ${(cost.presenceMs / cost.images).toFixed(1)} ms/image over ${cost.images}; OCR ${(cost.ocrMs / Math.max(1, cost.read)).toFixed(0)} ms per image read (${cost.read} read; generated set alone ${(genCost.ocrMs / Math.max(1, genCost.read)).toFixed(0)} ms)`);
results.add('cost', { presenceMsPerImage: Math.round((10 * cost.presenceMs) / cost.images) / 10, ocrMsPerImageRead: Math.round(cost.ocrMs / Math.max(1, cost.read)), imagesRead: cost.read });
await ocr.release();
await results.write();
