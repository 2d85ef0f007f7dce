// Reads every relative import of the source tree (pipeline/, site/, edge/src/) and groups them by folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Import {
  /** Importing file, relative to the repository root. */
  from: string;
  /** Imported file, relative to the repository root. */
  to: string;
  /** The specifier as written. */
  spec: string;
  line: number;
}

const SOURCE_ROOTS = ['pipeline', 'site', 'edge/src'];
const SKIP = new Set(['node_modules', 'dist', '.astro', '.wrangler', 'public']);
// .astro: the gallery's pages were Astro components until the site dropped Astro; `npm run graph -- <old checkout>` reads them.
const SOURCE_FILE = /\.(ts|mts|mjs|js|astro)$/;
// import … from '…', export … from '…', import '…', import('…'): relative specifiers only.
const IMPORT = /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;])import\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE_FILE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
}

/** The file a relative specifier names: TypeScript's `.js` → `.ts` mapping, then the name as written, then an index. */
function resolveSpec(root: string, fromFile: string, spec: string): string {
  const base = resolve(dirname(join(root, fromFile)), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base, `${base}.ts`, join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return relative(root, hit ?? base);
}

/** Every source file (TypeScript, JavaScript, Astro) under pipeline/, site/ and edge/src/, relative to `root`. */
export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const top of SOURCE_ROOTS) if (existsSync(join(root, top))) walk(join(root, top), files);
  return files.map((f) => relative(root, f)).sort();
}

/** Every relative import in the source tree, with the line it is on. */
export function readImports(root: string): Import[] {
  const imports: Import[] = [];
  for (const from of sourceFiles(root)) {
    const text = readFileSync(join(root, from), 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      const line = text.slice(0, m.index + m[0].length).split('\n').length;
      imports.push({ from, to: resolveSpec(root, from, spec), spec, line });
    }
  }
  return imports;
}

/** The folder a file belongs to for layering: `pipeline/<dir>`, `site/<dir>` (`site/src/<dir>`), `edge/src/<dir>`; files at
 *  the top of `pipeline/` or `edge/src/` belong to that folder itself. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  const depth = parts[0] === 'edge' || (parts[0] === 'site' && parts[1] === 'src') ? 3 : 2;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}

/** Folder → folder edges with their import counts (imports inside one folder left out). */
export function folderEdges(imports: readonly Import[]): Map<string, number> {
  const edges = new Map<string, number>();
  for (const i of imports) {
    const a = folderOf(i.from);
    const b = folderOf(i.to);
    if (a !== b) edges.set(`${a} -> ${b}`, (edges.get(`${a} -> ${b}`) ?? 0) + 1);
  }
  return edges;
}

/** Strongly connected groups of more than one folder (each is a cycle), by Tarjan's algorithm. */
export function folderCycles(edges: ReadonlyMap<string, number>): string[][] {
  const next = new Map<string, string[]>();
  for (const key of edges.keys()) {
    const [a, b] = key.split(' -> ') as [string, string];
    next.set(a, [...(next.get(a) ?? []), b]);
    if (!next.has(b)) next.set(b, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return groups;
}
