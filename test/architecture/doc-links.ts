// Reads the docs' references to the tree: backticked source paths and relative Markdown links (with their #anchors).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export interface DocRef {
  doc: string;
  line: number;
  ref: string;
}

/** Folders a backticked path must exist under when it names one of them (other paths are outputs: out/, .wrangler/…). */
const SOURCE = /^(pipeline|site\/src|site\/generator|edge\/src|edge\/migrations|edge|test|docs|\.ci)\//;
const SOURCE_FILE = /\.(ts|mts|mjs|md|toml|jsonc|sql)$/;
/** Paths the docs name that are made by a run, not kept in the tree. */
const GENERATED = /^(site\/dist|site\/\.astro|edge\/\.wrangler)|\/\.cache\//;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = anchorOf(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** References in `doc` (relative to `root`) that name no file of the tree, or a heading its target does not have. */
export function brokenRefs(root: string, doc: string): DocRef[] {
  const text = readFileSync(join(root, doc), 'utf8');
  const broken: DocRef[] = [];
  const here = dirname(doc);
  for (const [i, line] of text.split('\n').entries()) {
    for (const [, path] of line.matchAll(/`([\w.\-/]+)`/g)) {
      const p = path!.replace(/[.,:;]$/, '');
      if (!p.includes('/') || GENERATED.test(p) || !(SOURCE.test(p) || SOURCE_FILE.test(p))) continue;
      if (!existsSync(join(root, p)) && !existsSync(join(root, here, p))) broken.push({ doc, line: i + 1, ref: p });
    }
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split('#') as [string, string | undefined];
      const path = file ? normalize(join(here, file)) : doc;
      if (!existsSync(join(root, path))) broken.push({ doc, line: i + 1, ref: target! });
      else if (anchor && path.endsWith('.md') && !anchorsOf(readFileSync(join(root, path), 'utf8')).has(anchor)) broken.push({ doc, line: i + 1, ref: target! });
    }
  }
  return broken;
}
