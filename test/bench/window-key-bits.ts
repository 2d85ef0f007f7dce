// Which window-key bits the short key keeps (SHORT_BITS in pipeline/image/identity-window-keys.ts), measured: per bit, how
// often its sign differs between a cropped copy and the nearest window of its original, and between the copy and the
// windows of distinct originals near it (within 40 of the 189 bits); the 128 bits with the largest difference win.
// The crops are not the ones `npm run eval:dedup` scores (another seed), so the evaluation does not grade its own choice.
// Usage: npx tsx test/bench/window-key-bits.ts [--crops N]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { pop32 } from '../../pipeline/image/hamming-index.js';
import { identityOf } from '../../pipeline/image/identity.js';
import { CROPS, cropKeys, KEY_WORDS, SHORT_BITS, SHORT_WORDS, wholeKey } from '../../pipeline/image/identity-window-keys.js';
import { decodePreview } from '../../pipeline/image/preview.js';
import { prng } from '../../pipeline/util/prng.js';
import { corpusDir } from '../support/shared.js';
import { benchResults } from './support/results.js';

const { values: args } = parseArgs({ options: { crops: { type: 'string', default: '200' } } });
const NEAR = 40;
const results = benchResults('window-key-bits', { crops: Number(args.crops), near: NEAR });

const paths = Array.from({ length: 7580 }, (_, i) => join(corpusDir, 'pomological/images', `image-${i}.jpg`));
const coco = ['train2017', 'val2017'].flatMap((d) => readdirSync(join(corpusDir, 'coco-mini', d)).filter((f) => f.endsWith('.jpg')).map((f) => join(corpusDir, 'coco-mini', d, f)));
paths.push(...coco.slice(0, 239));
const pom = 7580;

// Every original's 9 window keys, one flat array.
const windows = new Int32Array(paths.length * CROPS.length * KEY_WORDS);
for (let n = 0; n < paths.length; n++) {
  windows.set(cropKeys(identityOf(await decodePreview(readFileSync(paths[n]!))).fingerprint.print), n * CROPS.length * KEY_WORDS);
  if (n % 1000 === 999) process.stdout.write(`\r${n + 1}/${paths.length} originals keyed`);
}
console.log('');

// Crops as the evaluation makes them (2–10 % per axis, split at random), a quarter of them COCO photos.
const r = prng(4242);
const between = (a: number, b: number) => a + (b - a) * r();
const copyFlips = new Float64Array(KEY_WORDS * 32);
const nearFlips = new Float64Array(KEY_WORDS * 32);
let copies = 0;
let near = 0;
const count = (into: Float64Array, e: number, q: Int32Array) => {
  for (let w = 0; w < KEY_WORDS; w++) {
    const x = windows[e * KEY_WORDS + w]! ^ q[w]!;
    for (let b = 0; b < 32; b++) into[w * 32 + b]! += (x >>> b) & 1;
  }
};
const distance = (e: number, q: Int32Array) => {
  let d = 0;
  for (let w = 0; w < KEY_WORDS; w++) d += pop32(windows[e * KEY_WORDS + w]! ^ q[w]!);
  return d;
};
for (let k = 0; k < Number(args.crops); k++) {
  const n = k % 4 === 3 ? pom + Math.floor(r() * (paths.length - pom)) : Math.floor(r() * pom);
  const src = readFileSync(paths[n]!);
  const { width: w = 0, height: h = 0 } = await sharp(src).metadata();
  const cw = Math.round(w * between(0.02, 0.1));
  const ch = Math.round(h * between(0.02, 0.1));
  const left = Math.round(cw * r());
  const top = Math.round(ch * r());
  const data = await sharp(src).extract({ left, top, width: w - cw, height: h - ch }).jpeg({ quality: 90 }).toBuffer();
  const q = Int32Array.from(wholeKey(identityOf(await decodePreview(data)).fingerprint.print));
  let best = 0;
  for (let c = 1; c < CROPS.length; c++) if (distance(n * CROPS.length + c, q) < distance(n * CROPS.length + best, q)) best = c;
  count(copyFlips, n * CROPS.length + best, q);
  copies++;
  for (let e = 0; e < paths.length * CROPS.length; e++)
    if (Math.floor(e / CROPS.length) !== n && distance(e, q) <= NEAR) {
      count(nearFlips, e, q);
      near++;
    }
}

// Bit b of plane p is bit (p × 64 + b) of a key (63 used a plane).
const bits = [0, 1, 2].flatMap((p) => Array.from({ length: 63 }, (_, b) => ({ p, b, copy: copyFlips[p * 64 + b]! / copies, near: nearFlips[p * 64 + b]! / near })));
const chosen = [...bits].sort((x, y) => y.near - y.copy - (x.near - x.copy)).slice(0, SHORT_WORDS * 32);
const perPlane = [0, 1, 2].map((p) => chosen.filter((c) => c.p === p).map((c) => c.b).sort((x, y) => x - y));
const same = perPlane.every((bs, p) => bs.join() === SHORT_BITS[p]!.join());
console.log(`${copies} crops, ${near} windows of distinct originals within ${NEAR} bits of them`);
console.log(`chosen (luma, B − Y, R − Y): ${JSON.stringify(perPlane)}`);
console.log(`the same as SHORT_BITS: ${same}`);
const mean = (xs: typeof bits, k: 'copy' | 'near') => xs.reduce((s, x) => s + x[k], 0) / xs.length;
const dropped = bits.filter((b) => !chosen.includes(b));
console.log(`mean flip rate, crops / near distinct: chosen ${mean(chosen, 'copy').toFixed(3)} / ${mean(chosen, 'near').toFixed(3)}, dropped ${mean(dropped, 'copy').toFixed(3)} / ${mean(dropped, 'near').toFixed(3)}`);
results.add('chosen', perPlane);
results.add('sameAsShortBits', same);
results.add('flipRates', { chosen: { crops: mean(chosen, 'copy'), near: mean(chosen, 'near') }, dropped: { crops: mean(dropped, 'copy'), near: mean(dropped, 'near') } });
console.log(await results.write());
