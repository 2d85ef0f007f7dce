// The `manifest` source adapter: JSON Lines, one item a line, malformed lines yielded as errors (never thrown).
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { ManifestItem, type ReleaseSource } from '../catalog/index.js';
import { releasePath } from '../image/path-safety.js';
import { globName } from '../optout/glob-match.js';
import { sha256Hex } from '../util/hash.js';
import { readLines } from '../util/line-reader.js';
import { priceProblem } from '../catalog/prices.js';
import { regularTextStream } from '../util/read-regular.js';
import type { SourceAdapter, SourceContext, SourceEntry } from './source.js';

/** Id given to a line that has no usable id of its own (1-based line number within its file). */
export function lineId(source: string, file: string, lineNo: number): string {
  return `${source}:${file}#${lineNo}`;
}

/** Files a source path names: a relative file, or a glob with `*` / `?` in its last segment (sorted). */
export async function sourceFiles(releaseDir: string, path: string): Promise<string[]> {
  if (!/[*?]/.test(path)) return [path];
  if (/[*?]/.test(dirname(path))) throw new Error(`only the last segment of a source path may contain * or ?: ${path}`);
  const pattern = basename(path);
  const dir = releasePath(releaseDir, dirname(path), 'source directory');
  const names = (await readdir(dir)).filter((n) => globName(pattern, n)).sort();
  return names.map((n) => relative(releaseDir, join(releaseDir, dirname(path), n)));
}

function shortError(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) return issues.map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}

/** A manifest line (one item's JSON) longer than this is `input.invalid` and never held in memory whole. */
const MAX_LINE_CHARS = 1024 * 1024;

async function* readFileEntries(source: ReleaseSource, file: string, ctx: SourceContext): AsyncGenerator<SourceEntry> {
  // Inside the release after symlinks, and a regular file (a FIFO or device is refused before it is opened).
  const full = releasePath(ctx.releaseDir, file, 'source file', false);
  let lineNo = 0;
  for await (const l of readLines(await regularTextStream(full), MAX_LINE_CHARS)) {
    lineNo++;
    if (l.tooLong) {
      yield { ok: false, id: lineId(source.name, file, lineNo), detail: `line ${lineNo} of ${file} has ${l.length} characters (limit ${MAX_LINE_CHARS})` };
      continue;
    }
    const line = l.text;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      yield { ok: false, id: lineId(source.name, file, lineNo), detail: `line ${lineNo} of ${file} is not JSON: ${shortError(err)}` };
      continue;
    }
    const parsed = ManifestItem.safeParse(json);
    if (!parsed.success) {
      const rawId = (json as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' && rawId ? `${source.name}:${rawId}` : typeof rawId === 'number' ? `${source.name}:${rawId}` : lineId(source.name, file, lineNo);
      yield { ok: false, id, detail: `line ${lineNo} of ${file}: ${shortError(parsed.error)}` };
      continue;
    }
    const m = parsed.data;
    const badPrice = priceProblem('priceMicros', m.priceMicros);
    if (badPrice) {
      yield { ok: false, id: `${source.name}:${m.id}`, detail: `line ${lineNo} of ${file}: ${badPrice}` };
      continue;
    }
    yield {
      ok: true,
      item: {
        id: `${source.name}:${m.id}`,
        foreignId: m.id,
        image: m.image,
        title: m.title,
        creator: m.creator,
        description: m.description,
        date: m.date,
        tags: m.tags ?? [],
        licence: m.licence,
        sourceUrl: m.sourceUrl,
        creatorDeathYear: m.creatorDeathYear,
        assertedBy: m.assertedBy,
        rightsHolder: m.rightsHolder,
        priceMicros: m.priceMicros,
        metadataSha256: sha256Hex(line),
        record: json,
      },
    };
  }
}

export const manifestAdapter: SourceAdapter = {
  name: 'manifest',
  async *read(source, ctx) {
    let files: string[];
    try {
      files = await sourceFiles(ctx.releaseDir, source.path);
    } catch (err) {
      yield { ok: false, id: `${source.name}:${source.path}`, detail: `cannot list source files: ${shortError(err)}` };
      return;
    }
    for (const file of files) {
      try {
        yield* readFileEntries(source, file, ctx);
      } catch (err) {
        yield { ok: false, id: `${source.name}:${file}`, detail: `cannot read ${file}: ${shortError(err)}` };
      }
    }
  },
};
