// "Find my works": how far the Worker's fingerprint (pure-JS decode + box shrink, edge/src/services/find-decode.ts) is
// from the pipeline's (sharp preview) for the same corpus images, whether the Worker finds sharp-resized copies of them,
// and the D1 look-up's cost with N catalogued items in a local D1 (Miniflare, the real migrations).
// Usage: npm run eval:find-works -- [--images N] [--items N,N,…] [--lookups N]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import sharp from 'sharp';
import { formatFingerprint as pipelineFormat } from '../../pipeline/image/identity-format.js';
import { toneFittedDistance } from '../../pipeline/image/identity-compare.js';
import { IDENTITY_MATCH } from '../../pipeline/image/identity-index.js';
import { identityOf, type Identity } from '../../pipeline/image/identity.js';
import { decodePreview as sharpPreview } from '../../pipeline/image/preview.js';
import { prng } from '../../pipeline/util/prng.js';
import { queryOf } from '../../edge/src/services/find-identity.js';
import { formatFingerprint, hamming } from '../../edge/src/services/find-fingerprint.js';
import { corpusDir, repoRoot } from '../support/shared.js';
import { benchResults } from './support/results.js';

const { values: args } = parseArgs({ options: { images: { type: 'string', default: '200' }, items: { type: 'string', default: '1000,7580,50000' }, lookups: { type: 'string', default: '50' } } });
const IMAGES = Number(args.images);
const SIZES = args.items.split(',').map(Number);
const LOOKUPS = Number(args.lookups);

const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN) * 100) / 100;
  return { n: s.length, min: q(0), p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s.length ? Math.round(s[s.length - 1]! * 100) / 100 : NaN, mean: Math.round((s.reduce((a, b) => a + b, 0) / (s.length || 1)) * 100) / 100 };
};

const pipelineIdentity = async (bytes: Buffer): Promise<Identity> => identityOf(await sharpPreview(bytes));
const workerIdentity = async (bytes: Uint8Array, type: string): Promise<Identity> => (await queryOf(bytes, type)).identity;
const apart = (a: Identity, b: Identity) => ({ hash: hamming(a.fingerprint.hash, b.fingerprint.hash), colour: toneFittedDistance(a.fingerprint.print, b.fingerprint.print) });
const matches = (d: { hash: number; colour: number }) => d.hash <= IDENTITY_MATCH.hash && d.colour <= IDENTITY_MATCH.colour - IDENTITY_MATCH.colourPerBit * d.hash;

// ---- 1. Worker vs pipeline on the same bytes, and resized copies ---------------------------------------------------
const pomDir = join(corpusDir, 'pomological/images');
const cocoDir = join(corpusDir, 'coco-mini/val2017');
const pick = (dir: string, n: number) => readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)).sort().slice(0, n).map((f) => join(dir, f));
const files = [...pick(pomDir, Math.ceil(IMAGES / 2)), ...pick(cocoDir, Math.floor(IMAGES / 2))];

const results = benchResults('find-works', { images: files.length, pomological: Math.ceil(IMAGES / 2), coco: Math.floor(IMAGES / 2), rule: { ...IDENTITY_MATCH } });
const sameJpeg: { hash: number; colour: number }[] = [];
const samePng: { hash: number; colour: number }[] = [];
const resized: { hash: number; colour: number }[] = [];
const workerMs: number[] = [];
const textAgrees: boolean[] = [];
for (const file of files) {
  const bytes = readFileSync(file);
  const reference = await pipelineIdentity(bytes);
  let t = performance.now();
  const w = await workerIdentity(bytes, 'image/jpeg');
  workerMs.push(performance.now() - t);
  sameJpeg.push(apart(reference, w));
  textAgrees.push(formatFingerprint(reference.fingerprint) === pipelineFormat(reference.fingerprint));
  const pngCopy = await sharp(bytes).png().toBuffer();
  samePng.push(apart(reference, await workerIdentity(pngCopy, 'image/png')));
  // the "Find my works" case: a holder's resized, recompressed copy of a catalogued work
  const meta = await sharp(bytes).metadata();
  const copy = await sharp(bytes).resize(Math.max(32, Math.round((meta.width ?? 200) * 0.6))).jpeg({ quality: 80 }).toBuffer();
  t = performance.now();
  resized.push(apart(reference, await workerIdentity(copy, 'image/jpeg')));
}
const summary = (ds: { hash: number; colour: number }[]) => ({
  hashBits: quantiles(ds.map((d) => d.hash)),
  colour: quantiles(ds.map((d) => d.colour)),
  withinRule: ds.filter(matches).length,
});
results.add('workerVsPipelineSameJpeg', summary(sameJpeg));
results.add('workerVsPipelineSamePng', summary(samePng));
results.add('workerResizedCopyVsPipelineOriginal', summary(resized));
results.add('workerIdentityMs', quantiles(workerMs));
results.add('fingerprintTextAgrees', textAgrees.every(Boolean));
console.log('Worker vs pipeline fingerprint (hash bits, tone-fitted colour 0–255):');
for (const [name, ds] of [['same JPEG', sameJpeg], ['same picture as PNG', samePng], ['60 % resized JPEG copy', resized]] as const) {
  const s = summary(ds);
  console.log(`  ${name.padEnd(24)} hash p50 ${s.hashBits.p50} p90 ${s.hashBits.p90} max ${s.hashBits.max}; colour p50 ${s.colour.p50} p90 ${s.colour.p90} max ${s.colour.max}; within the match rule ${s.withinRule}/${ds.length}`);
}
console.log(`  Worker decode + identity: p50 ${quantiles(workerMs).p50} ms, p90 ${quantiles(workerMs).p90} ms (in Node)`);

// ---- 2. The look-up's cost in a local D1 -----------------------------------------------------------------------------
const allPom = readdirSync(pomDir).filter((f) => /\.jpe?g$/i.test(f)).sort();
const real: string[] = [];
for (const f of allPom.slice(0, Math.max(...SIZES))) real.push(pipelineFormat((await pipelineIdentity(readFileSync(join(pomDir, f)))).fingerprint));
const rnd = prng(20_261_206);
const synthetic = (): string => {
  let hash = '';
  for (let i = 0; i < 16; i++) hash += Math.floor(rnd() * 16).toString(16);
  const print = new Uint8Array(768).map(() => Math.floor(rnd() * 256));
  return `pid1:${hash}.${Buffer.from(print).toString('base64url')}`;
};
// The look-up runs inside workerd, as deployed: a bench-only Worker around findMatches (bundled here, never deployed).
const worker = `import { findMatches } from ${JSON.stringify(join(repoRoot, 'edge/src/services/find-index.ts'))};
import { parseFingerprint } from ${JSON.stringify(join(repoRoot, 'edge/src/services/find-fingerprint.ts'))};
export default { async fetch(req, env) {
  const q = await req.json();
  const identity = { fingerprint: parseFingerprint(q.fingerprint), mirrorHash: q.mirrorHash };
  if (q.framed) identity.framed = { fingerprint: parseFingerprint(q.framed), mirrorHash: q.framedMirror };
  const stats = { candidates: 0, near: 0 };
  const m = await findMatches(env.DB, q.sha256, identity, stats);
  return Response.json({ ids: m.map((x) => x.item.id), ...stats });
} };`;
const bundle = (await build({ stdin: { contents: worker, resolveDir: repoRoot, loader: 'ts' }, bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' })).outputFiles[0]!.text;
const migrations = readdirSync(join(repoRoot, 'edge/migrations')).filter((f) => f.endsWith('.sql')).sort();
const lookups: Record<string, unknown>[] = [];
for (const n of SIZES) {
  const mf = new Miniflare({ modules: true, script: bundle, d1Databases: ['DB'], compatibilityDate: '2026-04-01' });
  try {
    const d1 = await mf.getD1Database('DB');
    for (const m of migrations) for (const sql of readFileSync(join(repoRoot, 'edge/migrations', m), 'utf8').split('--> statement-breakpoint')) if (sql.trim()) await d1.prepare(sql).run();
    const t0 = performance.now();
    for (let i = 0; i < n; i += 100) {
      const rows = Array.from({ length: Math.min(100, n - i) }, (_, k) => i + k);
      await d1.batch(rows.map((k) => d1.prepare(`INSERT INTO items (id, title, sha256, fingerprint, original_key, thumb_key, content_type, bytes, licence, release, updated_at) VALUES (?, 't', ?, ?, 'o', 'th', 'image/jpeg', 1, 'cc0-1.0', 'r', 'now')`)
        .bind(`bench:${k}`, k.toString(16).padStart(64, '0'), k < real.length ? real[k]! : synthetic())));
    }
    await d1.prepare('ANALYZE').run();
    const seedS = (performance.now() - t0) / 1000;
    // queries: the Worker's identity of resized copies of catalogued pomological works (real, so they hit)
    const ms: number[] = [];
    let found = 0;
    const queries = allPom.slice(0, Math.min(n, real.length)).filter((_, i) => i % Math.max(1, Math.floor(Math.min(n, real.length) / LOOKUPS)) === 0).slice(0, LOOKUPS);
    const candidates: number[] = [];
    const bandCandidates: number[] = [];
    const nearCandidates: number[] = [];
    for (const f of queries) {
      const copy = await sharp(readFileSync(join(pomDir, f))).resize(96).jpeg({ quality: 80 }).toBuffer();
      const q = await queryOf(copy, 'image/jpeg');
      const body = JSON.stringify({
        sha256: q.sha256, fingerprint: formatFingerprint(q.identity.fingerprint), mirrorHash: q.identity.mirrorHash,
        ...(q.identity.framed ? { framed: formatFingerprint(q.identity.framed.fingerprint), framedMirror: q.identity.framed.mirrorHash } : {}),
      });
      const t = performance.now();
      const res = await mf.dispatchFetch('http://bench/', { method: 'POST', body });
      const m = (await res.json()) as { ids: string[]; candidates: number; near: number };
      ms.push(performance.now() - t);
      bandCandidates.push(m.candidates);
      nearCandidates.push(m.near);
      if (m.ids.includes(`bench:${allPom.indexOf(f)}`)) found++;
      candidates.push(m.ids.length);
    }
    const row = { items: n, realFingerprints: Math.min(n, real.length), seedS: Math.round(seedS * 10) / 10, lookupMs: quantiles(ms), found: `${found}/${queries.length}`, matchesPerLookup: quantiles(candidates), bandCandidates: quantiles(bandCandidates), within10Bits: quantiles(nearCandidates), note: 'ms: one request to a Worker in local workerd (Miniflare) whose findMatches reads local D1, timed from Node' };
    lookups.push(row);
    console.log(`  D1 with ${n} items: look-up p50 ${row.lookupMs.p50} ms, p90 ${row.lookupMs.p90} ms; resized copy found ${row.found}; matches per look-up p50 ${row.matchesPerLookup.p50}; band candidates p50 ${row.bandCandidates.p50}, within 10 bits p50 ${row.within10Bits.p50}`);
  } finally {
    await mf.dispose();
  }
}
results.add('lookups', lookups as never);
await results.write();
