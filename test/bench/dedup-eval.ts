// Evaluates the near-duplicate rule before (pHash ≤ 10 bits and 16×16 colour print ≤ 4.5/255) and after (perceptual
// identity) on one generated set: recall per edit kind on edited copies of real images, false matches among the
// pomological watercolours and COCO photos (distinct works that must not match), cost per image, memory per kept image.
// Usage: npm run eval:dedup -- [--recall N] [--pomological N] [--coco N]   (node --expose-gc for the memory figures)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp, { type Sharp } from 'sharp';
import { colourDistance } from '../../pipeline/image/fingerprint.js';
import { HammingIndex } from '../../pipeline/image/hamming-index.js';
import { identityOf, type Identity } from '../../pipeline/image/identity.js';
import { formatFingerprint, formatLookup, identityFrom } from '../../pipeline/image/identity-format.js';
import { CROPS } from '../../pipeline/image/identity-window-keys.js';
import { IDENTITY_MATCH, IdentityIndex, OPT_OUT_MATCH, type CropRule, type IdentityRule } from '../../pipeline/image/identity-index.js';
import { phashFromGrid } from '../../pipeline/image/phash.js';
import { decodePreview, type Preview } from '../../pipeline/image/preview.js';
import { gridAndPrint } from '../../pipeline/image/signature.js';
import { createDedupJudge } from '../../pipeline/stages/dedup-judge.js';
import { prng } from '../../pipeline/util/prng.js';
import { corpusDir } from '../support/shared.js';
import { benchResults } from './support/results.js';

const { values: args } = parseArgs({ options: { recall: { type: 'string', default: '200' }, pomological: { type: 'string', default: '7580' }, coco: { type: 'string', default: '239' } } });

// ---- The two rules: describe a decoded preview, look it up among the kept, keep it ---------------------------------

interface Rule<D> {
  describe(p: Preview): D;
  query(d: D): number | undefined;
  add(d: D, n: number): void;
}

/** Today's rule before issue #17, as it was in pipeline/stages/dedup-judge.ts: pHash ≤ 10 bits and colour ≤ 4.5. */
function beforeRule(): Rule<{ phash: string; print: Uint8Array }> {
  const index = new HammingIndex<{ n: number; print: Uint8Array }>();
  return {
    describe: (p) => {
      const s = gridAndPrint(p);
      return { phash: phashFromGrid(s.luma), print: s.print };
    },
    query(d) {
      for (const c of index.within(d.phash, 10)) if (colourDistance(d.print, c.value.print) <= 4.5) return c.value.n;
      return undefined;
    },
    add: (d, n) => index.add(d.phash, { n, print: d.print }),
  };
}

/** The perceptual-identity rule, through the index the dedup judge uses (or, with OPT_OUT_MATCH, the opt-out indexes'). */
function afterRule(rule: IdentityRule = IDENTITY_MATCH): Rule<Identity> {
  const index = new IdentityIndex<number>(rule);
  return { describe: (p) => identityOf(p), query: (d) => index.nearest(d)?.value, add: (d, n) => index.add(d.fingerprint, n) };
}

// ---- The originals -----------------------------------------------------------------------------------------------

const pomDir = join(corpusDir, 'pomological/images');
const cocoDirs = ['train2017', 'val2017'].map((d) => join(corpusDir, 'coco-mini', d));
const names: { name: string; path: string }[] = [];
for (let i = 0; i < Number(args.pomological); i++) names.push({ name: `pomological ${i}`, path: join(pomDir, `image-${i}.jpg`) });
const coco = cocoDirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.jpg')).map((f) => ({ name: `coco ${f}`, path: join(d, f) })));
names.push(...coco.slice(0, Number(args.coco)));
const bytes = names.map((n) => readFileSync(n.path));
const t = performance.now();
const previews: Preview[] = [];
for (const b of bytes) previews.push(await decodePreview(b));
const decodeMs = (performance.now() - t) / previews.length;

// ---- Edited copies -----------------------------------------------------------------------------------------------

const KINDS = ['resize', 'reencode', 'tone', 'crop', 'border', 'stamp', 'mirror'] as const;
type Kind = (typeof KINDS)[number];
const r = prng(17_017);
const between = (a: number, b: number) => a + (b - a) * r();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

async function gamma(src: Buffer, g: number): Promise<Sharp> {
  const { data, info } = await sharp(src).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const lut = Uint8Array.from({ length: 256 }, (_, v) => Math.round(255 * (v / 255) ** g));
  for (let i = 0; i < data.length; i++) data[i] = lut[data[i]!]!;
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

/** One edited copy and what was done (for the report's examples). */
async function edit(src: Buffer, kind: Kind): Promise<{ data: Buffer; how: string }> {
  const { width: w = 0, height: h = 0 } = await sharp(src).metadata();
  const jpeg = (s: Sharp) => s.jpeg({ quality: 90 }).toBuffer();
  switch (kind) {
    case 'resize': {
      const f = r() < 0.5 ? between(0.5, 0.9) : between(1.1, 2);
      return { data: await jpeg(sharp(src).resize(Math.max(64, Math.round(w * f)), Math.max(64, Math.round(h * f)), { fit: 'fill' })), how: `×${f.toFixed(2)}` };
    }
    case 'reencode': {
      const q = Math.round(between(50, 90));
      const webp = r() < 0.5;
      return { data: await (webp ? sharp(src).webp({ quality: q }) : sharp(src).jpeg({ quality: q })).toBuffer(), how: `${webp ? 'WebP' : 'JPEG'} q${q}` };
    }
    case 'tone': {
      const amount = (r() < 0.5 ? -1 : 1) * between(0.05, 0.15);
      const which = pick(['brightness', 'contrast', 'gamma'] as const);
      const s = which === 'brightness' ? sharp(src).linear(1, 255 * amount) : which === 'contrast' ? sharp(src).linear(1 + amount, -128 * amount) : await gamma(src, 1 + amount);
      return { data: await jpeg(s), how: `${which} ${(amount * 100).toFixed(0)} %` };
    }
    case 'crop': {
      const cw = Math.round(w * between(0.02, 0.1));
      const ch = Math.round(h * between(0.02, 0.1));
      const left = Math.round(cw * r());
      const top = Math.round(ch * r());
      return { data: await jpeg(sharp(src).extract({ left, top, width: w - cw, height: h - ch })), how: `${((100 * cw) / w).toFixed(0)} %×${((100 * ch) / h).toFixed(0)} %` };
    }
    case 'border': {
      const b = Math.max(3, Math.round(Math.min(w, h) * between(0.04, 0.1)));
      const background = pick([{ r: 255, g: 255, b: 255 }, { r: 0, g: 0, b: 0 }, { r: Math.floor(r() * 256), g: Math.floor(r() * 256), b: Math.floor(r() * 256) }]);
      return { data: await jpeg(sharp(src).extend({ top: b, bottom: b, left: b, right: b, background })), how: `${b} px` };
    }
    case 'stamp': {
      const size = Math.max(8, Math.round(h * 0.05));
      const text = pick(['© example.com', 'SAMPLE', 'photo: J. Doe', '@reposter']);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><text x="${Math.round(w * between(0.03, 0.5))}" y="${Math.round(h * between(0.1, 0.95))}" font-family="DejaVu Sans" font-size="${size}" fill="${pick(['white', 'black'])}" fill-opacity="0.85">${text.replace('&', '&amp;')}</text></svg>`;
      return { data: await jpeg(sharp(src).composite([{ input: Buffer.from(svg) }])), how: `"${text}" ${size} px` };
    }
    case 'mirror':
      return { data: await jpeg(sharp(src).flop()), how: 'left-right' };
  }
}

const pomCount = names.filter((n) => n.name.startsWith('pomological')).length;
const sampled: number[] = [];
const nRecall = Math.min(Number(args.recall), names.length);
const results$ = benchResults('dedup-eval', { recall: Number(args.recall), pomological: Number(args.pomological), coco: Number(args.coco) });
const cocoShare = Math.round(nRecall * 0.25);
for (let i = 0; i < nRecall - cocoShare; i++) sampled.push(Math.floor(r() * pomCount));
for (let i = 0; i < cocoShare && pomCount < names.length; i++) sampled.push(pomCount + Math.floor(r() * (names.length - pomCount)));
const copies: { of: number; kind: Kind; how: string; preview: Preview }[] = [];
for (const n of sampled) for (const kind of KINDS) {
  const e = await edit(bytes[n]!, kind);
  copies.push({ of: n, kind, how: e.how, preview: await decodePreview(e.data) });
}

// ---- Run both rules on the same set ------------------------------------------------------------------------------

/** Indexes every original in input order (a match among them is a false match: distinct works), then asks for each
 *  copy. Several rules run in lockstep, item by item, their order alternating from one item to the next: the machine
 *  is shared and its speed drifts over seconds, so each rule's time is measured beside the others', not minutes apart. */
function runTogether(rules: Rule<unknown>[]) {
  const falseMatches = rules.map((): string[] => []);
  const describeMs = rules.map(() => 0);
  const judgeMs = rules.map(() => 0);
  for (let n = 0; n < previews.length; n++)
    for (let j = 0; j < rules.length; j++) {
      const k = n % 2 ? rules.length - 1 - j : j;
      const rule = rules[k]!;
      let t0 = performance.now();
      const d = rule.describe(previews[n]!);
      describeMs[k]! += performance.now() - t0;
      t0 = performance.now();
      const hit = rule.query(d);
      if (hit === undefined) rule.add(d, n);
      judgeMs[k]! += performance.now() - t0;
      if (hit !== undefined) falseMatches[k]!.push(`${names[n]!.name} ~ ${names[hit]!.name}`);
    }
  return rules.map((rule, k) => {
    const recall = new Map<Kind, { n: number; found: number; wrong: number; missed: string[] }>();
    for (const c of copies) {
      const hit = rule.query(rule.describe(c.preview));
      const s = recall.get(c.kind) ?? { n: 0, found: 0, wrong: 0, missed: [] };
      s.n++;
      if (hit === c.of) s.found++;
      else if (hit !== undefined) s.wrong++;
      else if (s.missed.length < 3) s.missed.push(`${names[c.of]!.name} (${c.how})`);
      recall.set(c.kind, s);
    }
    return { falseMatches: falseMatches[k]!, describeMs: describeMs[k]! / previews.length, judgeMs: judgeMs[k]! / previews.length, recall };
  });
}

/** JS heap plus ArrayBuffer backing stores (a 768-byte print lives outside the heap). */
function heap(): number {
  // Twice: backing stores of ArrayBuffers freed by the first collection are released by the second.
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Heap per kept item of what `clearance merge` holds while judging: before, the old judge's sha256 map and pHash index
 *  with a 768-byte print per item (as the merge decoded it from base64); after, the dedup judge itself, fed what the
 *  merge parses from shard items. Measured as the growth from the first half of the items to all of them (so garbage
 *  left by earlier passes does not count), median of 3 runs. */
function mergeBytesPerItem(which: 'before' | 'after', ids: Identity[]): number | undefined {
  if (!(globalThis as { gc?: unknown }).gc) return undefined;
  // What shard items carry, as text, made beforehand: the loop allocates only what the merge keeps or parses.
  const texts = ids.map((d) => [formatFingerprint(d.fingerprint), formatLookup(d)] as const);
  const old64 = previews.map((p) => {
    const s = gridAndPrint(p);
    return [phashFromGrid(s.luma), s.print.toString('base64')] as const;
  });
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const bySha = new Map<string, string>();
    const old = new HammingIndex<{ id: string; print: Uint8Array }>();
    const judge = createDedupJudge();
    const half = Math.floor(previews.length / 2);
    let h1 = 0;
    for (let n = 0; n < previews.length; n++) {
      if (n === half) h1 = heap();
      const sha = (n * 2654435761 + run).toString(16).padStart(64, '0');
      const id = `pomological:${n}`;
      if (which === 'before') {
        bySha.set(sha, id);
        old.add(old64[n]![0], { id, print: Buffer.from(old64[n]![1], 'base64') });
      } else judge.judge(id, sha, identityFrom(texts[n]![0], texts[n]![1]));
    }
    runs.push((heap() - h1) / (previews.length - half));
    if (bySha.size + old.size + judge.counts.kept < 0) console.log('unreachable'); // keeps the structures alive until measured
  }
  return runs.sort((a, b) => a - b)[1];
}

/** The margin of the after rule: the smallest tone-fitted colour differences between distinct originals whose hashes
 *  (or mirrored hashes) are within the rule's distance, i.e. how close the colour threshold comes to a false match. */
function colourMargin(ids: Identity[], crops?: CropRule): { colour: number; hash: number }[] {
  // crops: no whole-picture matches (hash −1), every candidate window the crop rule finds tried whatever its colour.
  const loose = new IdentityIndex<number>(
    crops ? { hash: -1, colour: 0, colourPerBit: 0, crop: { ...crops, colour: 255, colourPerBit: 0 } } : { hash: IDENTITY_MATCH.hash, colour: 255, colourPerBit: 0 },
  );
  const closest: { colour: number; hash: number }[] = [];
  ids.forEach((d, n) => {
    const m = loose.nearest(d);
    if (m) closest.push({ colour: m.colour, hash: m.hash });
    loose.add(d.fingerprint, n);
  });
  return closest.sort((a, b) => a.colour - b.colour);
}

// Two lockstep passes of both rules (the first also warms the code up); each rule's cost is its better pass.
const pair = () => {
  const [before, after] = runTogether([beforeRule(), afterRule()] as Rule<unknown>[]);
  return { before: before!, after: after! };
};
const results = pair();
const again = pair();
// The opt-out indexes' rule (crops too), once: every original indexed as if opted out.
const optOut = runTogether([afterRule(OPT_OUT_MATCH) as Rule<unknown>])[0]!;
const identities = previews.map((p) => identityOf(p));
const margin = colourMargin(identities);
const cropMargin = colourMargin(identities, OPT_OUT_MATCH.crop);
const dedupCropMargin = colourMargin(identities, IDENTITY_MATCH.crop);
const memory = { before: mergeBytesPerItem('before', identities), after: mergeBytesPerItem('after', identities) };

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');
console.log(`dedup eval: ${previews.length} originals (${pomCount} pomological, ${previews.length - pomCount} COCO), ${copies.length} edited copies of ${sampled.length} of them`);
console.log(`rule before: pHash ≤ 10 of 64 bits and 16×16 colour print ≤ 4.5/255`);
const D = IDENTITY_MATCH.crop;
const C = OPT_OUT_MATCH.crop;
const confirm = (r: CropRule) => `aligned inside it where the 1-D luma profiles put it (64×64 grid of the copy; profiles within ${r.profile}, colour there within ${r.start}, refined below 1 % steps when ≤ ${r.coarse}), colour ≤ ${r.colour} − ${r.colourPerBit} × luma bits`;
console.log(`rule after:  perceptual identity: borders trimmed, DCT hash (whole, mirrored or framed) ≤ ${IDENTITY_MATCH.hash} of 64 bits and 16×16 colour print ≤ ${IDENTITY_MATCH.colour} − ${IDENTITY_MATCH.colourPerBit} × hash bits (of 255) after a tone fit`);
console.log(`             or, as a cropped copy: the short key of its print (128 chosen DCT sign bits of luma, B − Y, R − Y) sharing a whole 12-bit chunk with, and within ${D.bits} bits (${D.hash} of them luma) of, one of the ${CROPS.length} crop windows' short keys of a kept item and, ${confirm(D)}`);
console.log(`             opt-out indexes: the same, but the full key (3 × 63 DCT sign bits) within ${C.bits} bits, ${C.hash} of them luma, of a window's key (every one that close), and ${confirm(C)}`);
console.log('');
console.log('recall by edit kind      before      after    opt-out   (wrong original before/after/opt-out)');
for (const k of KINDS) {
  const b = again.before.recall.get(k)!;
  const a = again.after.recall.get(k)!;
  const o = optOut.recall.get(k)!;
  console.log(`  ${k.padEnd(9)} n=${String(b.n).padEnd(5)} ${pct(b.found, b.n).padStart(8)} ${pct(a.found, a.n).padStart(10)} ${pct(o.found, o.n).padStart(10)}   ${b.wrong}/${a.wrong}/${o.wrong}`);
}
console.log('');
console.log(`false matches among distinct originals: before ${again.before.falseMatches.length}, after ${again.after.falseMatches.length}, opt-out ${optOut.falseMatches.length}`);
for (const f of optOut.falseMatches.slice(0, 5)) console.log(`  opt-out: ${f}`);
console.log(`  after: ${margin.length} originals have a distinct original within ${IDENTITY_MATCH.hash} hash bits; smallest colour differences ${margin.slice(0, 8).map((c) => `${c.colour.toFixed(2)} (hash ${c.hash})`).join(', ')} (limit ${IDENTITY_MATCH.colour} − ${IDENTITY_MATCH.colourPerBit} × hash bits)`);
const closest = (m: typeof cropMargin) => m.slice(0, 8).map((c) => `${c.colour.toFixed(2)} (hash ${c.hash})`).join(', ');
console.log(`  after, as cropped copies (dedup): ${dedupCropMargin.length} originals have a distinct original whose window short key shares a chunk and is within ${D.bits} bits (${D.hash} luma), luma profiles within ${D.profile} and colour within ${D.start} where they put it; smallest aligned colour differences ${closest(dedupCropMargin)} (limit ${D.colour} − ${D.colourPerBit} × luma bits)`);
console.log(`  opt-out, as cropped copies: ${cropMargin.length} originals have a window key of a distinct original within ${C.bits} bits (${C.hash} luma), luma profiles within ${C.profile} and colour within ${C.start} where they put it; smallest aligned colour differences ${closest(cropMargin)} (limit ${C.colour} − ${C.colourPerBit} × luma bits)`);
for (const f of again.after.falseMatches.slice(0, 10)) console.log(`  after: ${f}`);
for (const f of again.before.falseMatches.slice(0, 5)) console.log(`  before: ${f}`);
console.log('');
const cost = (x: typeof optOut) => x.describeMs + x.judgeMs;
const b = Math.min(cost(results.before), cost(again.before));
const a = Math.min(cost(results.after), cost(again.after));
console.log(`cost per image (descriptor from the decoded preview + look-up + insert; the better of 2 passes, both rules in lockstep item by item):`);
console.log(`  before ${b.toFixed(3)} ms   after ${a.toFixed(3)} ms   ratio ${(a / b).toFixed(2)}×   (decode, shared and unchanged: ${decodeMs.toFixed(2)} ms; with it: ${((decodeMs + a) / (decodeMs + b)).toFixed(2)}×)`);
const passes = (x: typeof optOut, y: typeof optOut) => `${cost(x).toFixed(3)} / ${cost(y).toFixed(3)} ms`;
console.log(`  each pass: before ${passes(results.before, again.before)}, after ${passes(results.after, again.after)} (descriptor ${again.after.describeMs.toFixed(3)} + look-up/insert ${again.after.judgeMs.toFixed(3)} in the second)`);
console.log(`  opt-out indexes' rule (one pass): ${cost(optOut).toFixed(3)} ms (descriptor ${optOut.describeMs.toFixed(3)} + look-up/insert ${optOut.judgeMs.toFixed(3)}), ${(cost(optOut) / b).toFixed(2)}× before`);
if (memory.before === undefined) console.log('merge memory per kept image: run with node --expose-gc (npm run eval:dedup does)');
else console.log(`merge memory per kept image (heap): before ${Math.round(memory.before)} B   after ${Math.round(memory.after!)} B`);
for (const k of KINDS) {
  const m = again.after.recall.get(k)!.missed;
  if (m.length) console.log(`  missed after (${k}): ${m.join('; ')}`);
}
const recallOf = (x: typeof optOut) => Object.fromEntries(KINDS.map((k) => [k, { n: x.recall.get(k)!.n, found: x.recall.get(k)!.found, wrong: x.recall.get(k)!.wrong }]));
results$.add('originals', { total: previews.length, pomological: pomCount, coco: previews.length - pomCount, editedCopies: copies.length });
results$.add('recall', { before: recallOf(again.before), after: recallOf(again.after), optOut: recallOf(optOut) });
results$.add('falseMatches', { before: again.before.falseMatches.length, after: again.after.falseMatches.length, optOut: optOut.falseMatches.length });
results$.add('costMsPerImage', { before: b, after: a, ratio: a / b, decodeMs, optOut: cost(optOut), optOutRatio: cost(optOut) / b });
results$.add('closestDistinct', { whole: margin.slice(0, 8), croppedDedup: dedupCropMargin.slice(0, 8), croppedOptOut: cropMargin.slice(0, 8) });
results$.add('mergeBytesPerKeptImage', { before: memory.before ?? null, after: memory.after ?? null });
await results$.write();
