// Writes the sample release: release.json, manifest JSON Lines, drawn images, extra files and expected.json (id → main code).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Release, ReleaseSource, ReviewDecision } from '../catalog/index.js';
import { evidenceFrom, evidenceHash } from '../moderation/evidence-hash.js';
import { lineId } from '../sources/manifest.js';
import { sha256Hex } from '../util/hash.js';
import type { SampleCase, SampleCaseSet } from './case.js';
import { basicCases } from './cases-basic.js';
import { contentCases } from './cases-content.js';
import { imageCases } from './cases-image.js';
import { moderationCases } from './cases-moderation.js';
import { optoutCases } from './cases-optout.js';
import { rightsCases } from './cases-rights.js';
import { drawImage, EXT } from './draw.js';
import { fillerCases } from './filler.js';

export const DEFAULT_COUNT = 200;
const MAIN_SOURCE = 'sample';

/** Merges the case sets' release fields and files (JSON Lines files given by several sets are concatenated). */
function merge(sets: SampleCaseSet[], count: number): { release: Release; files: Map<string, string | Buffer> } {
  const release: Release = { name: `sample-${count}`, sources: [{ name: MAIN_SOURCE, adapter: 'manifest', path: 'manifest.jsonl' }] };
  const files = new Map<string, string | Buffer>();
  for (const set of sets) {
    const { sources, optOut, ...rest } = set.release ?? {};
    for (const s of sources ?? []) if (!release.sources.some((x) => x.name === s.name)) release.sources.push(s);
    if (optOut) release.optOut = { ...release.optOut, ...optOut };
    Object.assign(release, rest);
    for (const [path, body] of Object.entries(set.files ?? {})) {
      const prev = files.get(path);
      files.set(path, prev !== undefined && path.endsWith('.jsonl') ? Buffer.concat([Buffer.from(prev), Buffer.from(body)]) : body);
    }
  }
  return { release, files };
}

/** A moderator's decision on a case, bound to the evidence the build will see (or, when stale, to an earlier record). */
function reviewLine(source: ReleaseSource, c: SampleCase, item: SampleCase['item'], line: string, image: Uint8Array | undefined): ReviewDecision {
  const { held, stale, ...decision } = c.moderator!;
  const seen = stale ? JSON.stringify({ ...item, title: `${item.title ?? item.id} (as first catalogued)` }) : line;
  const hash = evidenceHash(evidenceFrom(`${source.name}:${item.id}`, item, source, sha256Hex(seen), image ? sha256Hex(image) : null, held));
  return { id: `${source.name}:${item.id}`, evidenceHash: hash, ...decision };
}

/** The decision id the pipeline gives a line (mirrors the manifest adapter for malformed lines). */
function expectedId(source: string, file: string, lineNo: number, c: SampleCase): string {
  if (c.rawLine === undefined) return `${source}:${c.item.id}`;
  try {
    const id = (JSON.parse(c.rawLine) as { id?: unknown }).id;
    if ((typeof id === 'string' && id) || typeof id === 'number') return `${source}:${id}`;
  } catch {
    /* not JSON: falls through to the line id */
  }
  return lineId(source, file, lineNo);
}

export async function writeSample(dir: string, count = DEFAULT_COUNT): Promise<{ items: number; release: Release }> {
  const opts = { count };
  const sets = [await basicCases(opts), await imageCases(opts), await rightsCases(opts), await optoutCases(opts), await contentCases(opts), await moderationCases(opts)];
  const fixed = sets.reduce((n, s) => n + s.cases.length, 0);
  sets.push(await fillerCases({ count: Math.max(0, count - fixed) }));
  const { release, files } = merge(sets, count);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'images'), { recursive: true });

  const bySource = new Map<string, { source: ReleaseSource; lines: string[] }>();
  for (const s of release.sources) bySource.set(s.name, { source: s, lines: [] });
  const expected: [string, string, string][] = [];
  const reviews: ReviewDecision[] = [];
  let seq = 0;
  for (const c of sets.flatMap((s) => s.cases)) {
    const name = c.source ?? MAIN_SOURCE;
    let target = bySource.get(name);
    if (!target) {
      const source: ReleaseSource = { name, adapter: 'manifest', path: `${name}.jsonl` };
      release.sources.push(source);
      bySource.set(name, (target = { source, lines: [] }));
    }
    const n = String(seq++).padStart(4, '0');
    const item = { ...c.item };
    let bytes: Uint8Array | undefined;
    if (c.picture) {
      const p = c.picture;
      bytes = 'seed' in p ? await drawImage(p) : p.bytes;
      const ext = 'seed' in p ? EXT[p.format] : p.ext;
      item.image = `images/${n}-${c.item.id.replace(/[^a-z0-9._-]/gi, '_')}.${ext}`;
      await writeFile(join(dir, item.image), bytes);
    }
    const line = c.rawLine ?? JSON.stringify(item);
    if (target.source.adapter === 'manifest') target.lines.push(line);
    if (c.moderator) reviews.push(reviewLine(target.source, c, item, line, bytes));
    expected.push([name, expectedId(name, target.source.path, target.lines.length, c), c.expect]);
  }
  if (reviews.length) {
    if (!release.reviews) throw new Error('sample cases carry moderators\' decisions but no module names a reviews file');
    files.set(release.reviews, `${reviews.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  for (const [path, body] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), body);
  }
  for (const { source, lines } of bySource.values()) {
    if (source.adapter === 'manifest' && lines.length) await writeFile(join(dir, source.path), `${lines.join('\n')}\n`);
  }
  // Decision order: sources in release.json order, lines in file order. A repeated id maps to its codes in line order.
  const out: Record<string, string | string[]> = {};
  for (const s of release.sources) {
    for (const [src, id, code] of expected) {
      if (src !== s.name) continue;
      const prev = out[id];
      out[id] = prev === undefined ? code : [...(Array.isArray(prev) ? prev : [prev]), code];
    }
  }
  await writeFile(join(dir, 'release.json'), `${JSON.stringify(release, null, 2)}\n`);
  await writeFile(join(dir, 'expected.json'), `${JSON.stringify(out, null, 2)}\n`);
  return { items: expected.length, release };
}
