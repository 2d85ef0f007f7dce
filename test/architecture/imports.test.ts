// Import direction: every import goes down the layers of layers.ts, crosses areas only where CROSS_AREA allows, and no
// folders import each other in a circle; environment variables are read in pipeline/util/config.ts only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { folderCycles, folderEdges, folderOf, readImports, sourceFiles, type Import } from './import-graph.js';
import { areaOf, CROSS_AREA, LAYERS } from './layers.js';

const imports = readImports(repoRoot);
const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
const where = (i: Import) => `${i.from}:${i.line} imports '${i.spec}' (${i.to})`;

/** Why an import breaks the rules, or undefined when it keeps them. */
function breach(i: Import, layers: ReadonlyMap<string, number> = layerOf): string | undefined {
  const [a, b] = [folderOf(i.from), folderOf(i.to)];
  if (a === b) return undefined;
  if (areaOf(i.from) !== areaOf(i.to) && !CROSS_AREA.some((r) => i.from.startsWith(r.from) && i.to.startsWith(r.to)))
    return `${where(i)}: ${areaOf(i.from)} may not import this part of ${areaOf(i.to)} (CROSS_AREA in test/architecture/layers.ts)`;
  const [la, lb] = [layers.get(a), layers.get(b)];
  if (la === undefined || lb === undefined) return `${where(i)}: ${la === undefined ? a : b} is in no layer of test/architecture/layers.ts`;
  if (lb > la) return `${where(i)}: upward (${a} is below ${b})`;
  if (lb === la) return `${where(i)}: sideways (${a} and ${b} are one layer; peers do not import each other)`;
  return undefined;
}

describe('import direction', () => {
  it('reads the source tree', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((i) => i.from === 'pipeline/cli.ts')).toBe(true);
  });

  it('every import goes down the layers and crosses areas only where allowed', () => {
    expect(imports.map((i) => breach(i)).filter(Boolean)).toEqual([]);
  });

  it('no folders import each other in a circle', () => {
    expect(folderCycles(folderEdges(imports)).map((c) => c.join(' <-> '))).toEqual([]);
  });

  it('every source folder has a layer', () => {
    const folders = new Set(imports.flatMap((i) => [folderOf(i.from), folderOf(i.to)]));
    expect([...folders].filter((f) => !layerOf.has(f))).toEqual([]);
  });

  it('would catch an upward, a sideways, a cross-area import and a cycle', () => {
    const bad = (from: string, to: string): Import => ({ from, to, spec: '…', line: 1 });
    expect(breach(bad('pipeline/stages/x.ts', 'pipeline/runner/run-build.ts'))).toMatch(/upward \(pipeline\/stages is below pipeline\/runner\)/);
    expect(breach(bad('pipeline/rights/x.ts', 'pipeline/optout/y.ts'))).toMatch(/sideways/);
    expect(breach(bad('site/src/lib/x.ts', 'edge/src/services/y.ts'))).toMatch(/site may not import this part of edge/);
    expect(breach(bad('pipeline/newfolder/x.ts', 'pipeline/util/hash.ts'))).toMatch(/pipeline\/newfolder is in no layer/);
    const cycle = folderEdges([bad('pipeline/a/x.ts', 'pipeline/b/y.ts'), bad('pipeline/b/y.ts', 'pipeline/c/z.ts'), bad('pipeline/c/z.ts', 'pipeline/a/x.ts')]);
    expect(folderCycles(cycle)).toEqual([['pipeline/a', 'pipeline/b', 'pipeline/c']]);
  });
});

describe('environment variables', () => {
  // process.env.X / process.env[…] reads, and env.X reads of a Clearance setting from an env object passed around.
  const READ = /process\.env(?:\.\w+\b|\[[^\]]+\])(?!\s*=[^=])|\benv(?:\.|\[['"])(?:CLEARANCE_\w+|ADMIN_TOKEN|SOURCE_DATE_EPOCH|XDG_CACHE_HOME)\b(?!\s*=[^=])/g;

  it('are read in pipeline/util/config.ts only (pipeline/ and site/)', () => {
    const files = sourceFiles(repoRoot).filter((f) => /^(pipeline|site)\//.test(f) && f !== 'pipeline/util/config.ts');
    const reads = files.flatMap((f) => {
      const lines = readFileSync(join(repoRoot, f), 'utf8').split('\n');
      return lines.flatMap((line, n) => (line.trimStart().startsWith('//') ? [] : [...line.matchAll(READ)].map((m) => `${f}:${n + 1}: ${m[0]}`)));
    });
    expect(reads).toEqual([]);
  });
});
