// Which items are withdrawn (D1 items.status): by id, by item page path and by thumbnail key — the checks behind 410.
import { escapeSegment, fitSegment, itemPathIds, needsHash, splitId } from '../../../site/src/lib/slug-codec.js';
import { sha256Hex } from './crypto.js';

/** D1 binds at most 100 parameters per statement. */
export const MAX_PARAMS = 100;
/** Candidates read for a shortened slug (ids sharing its 100-odd-character prefix): a few at most in practice, each confirmed by its slug. */
const PREFIX_CANDIDATES = 500;

/** When it was withdrawn (ISO), null when the row does not say. */
export interface Withdrawn {
  id: string;
  at: string | null;
}

type Row = { id: string; withdrawn_at: string | null };

const inWithdrawn = (d1: D1Database, ids: string[]): D1PreparedStatement =>
  d1.prepare(`SELECT id, withdrawn_at FROM items WHERE status = 'withdrawn' AND id IN (${ids.map(() => '?').join(', ')})`).bind(...ids);

/** Every string above `prefix` that starts with it sorts below this bound (U+10FFFF, a noncharacter, is the last). */
const startsWith = (d1: D1Database, prefix: string): D1PreparedStatement =>
  d1
    .prepare(`SELECT id, withdrawn_at FROM items WHERE status = 'withdrawn' AND id >= ? AND id < ? LIMIT ${PREFIX_CANDIDATES}`)
    .bind(prefix, `${prefix}\u{10FFFF}`);

/** Runs statements in one round trip and returns all their rows. */
async function rowsOf(d1: D1Database, statements: D1PreparedStatement[]): Promise<Row[]> {
  if (statements.length === 0) return [];
  const results = statements.length === 1 ? [await statements[0]!.all<Row>()] : await d1.batch<Row>(statements);
  return results.flatMap((r) => r.results);
}

const chunks = <T>(xs: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/** The withdrawn ones among `ids` (id → withdrawal), in one round trip of statements of at most 100 ids. */
export async function withdrawnAmong(d1: D1Database, ids: Iterable<string>): Promise<Map<string, Withdrawn>> {
  const rows = await rowsOf(d1, chunks([...new Set(ids)], MAX_PARAMS).map((chunk) => inWithdrawn(d1, chunk)));
  return new Map(rows.map((r) => [r.id, { id: r.id, at: r.withdrawn_at }]));
}

async function segmentOf(text: string): Promise<string> {
  const escaped = escapeSegment(text);
  return needsHash(escaped) ? fitSegment(escaped, await sha256Hex(text)) : escaped;
}

/** An id's item page slug (`<source>/<foreign id>`), as `itemSlug` in site/src/lib/slug.ts writes it. */
export async function itemSlugOf(id: string): Promise<string> {
  const [source, foreign] = splitId(id);
  return `${await segmentOf(source)}/${await segmentOf(foreign)}`;
}

/** A request's path with percent-escapes decoded (as the assets resolve it); null when an escape is malformed. */
export function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/**
 * The withdrawn items among the pages at `paths` (decoded URL paths of item pages; anything else is never withdrawn),
 * path → withdrawal: one D1 round trip for them all.
 */
export async function withdrawnAtPaths(d1: D1Database, paths: readonly string[]): Promise<Map<string, Withdrawn>> {
  const parsed = paths.map((path) => ({ path, ref: itemPathIds(path) }));
  const ids = [...new Set(parsed.flatMap((p) => p.ref?.ids ?? []))];
  const prefixes = [...new Set(parsed.flatMap((p) => p.ref?.prefixes ?? []))];
  const statements = [...chunks(ids, MAX_PARAMS).map((chunk) => inWithdrawn(d1, chunk)), ...prefixes.map((p) => startsWith(d1, p))];
  const rows = await rowsOf(d1, statements);
  const out = new Map<string, Withdrawn>();
  if (rows.length === 0) return out;
  const bySlug = new Map<string, Withdrawn>();
  for (const r of rows) bySlug.set(await itemSlugOf(r.id), { id: r.id, at: r.withdrawn_at });
  for (const { path, ref } of parsed) {
    const hit = ref && bySlug.get(ref.slug);
    if (hit) out.set(path, hit);
  }
  return out;
}

/** The withdrawal of the item whose page is at `path` (a decoded URL path), or null when it is not withdrawn. */
export async function withdrawnAtPath(d1: D1Database, path: string): Promise<Withdrawn | null> {
  return (await withdrawnAtPaths(d1, [path])).get(path) ?? null;
}

/**
 * Whether a thumbnail must answer 410: some item uses it and every item that does is withdrawn (a live item that shares
 * it keeps it served). Returns the latest withdrawal time (null when unknown) or undefined when it stays served.
 */
export async function thumbWithdrawn(d1: D1Database, key: string): Promise<{ at: string | null } | undefined> {
  // CASE stops at the first live row (one index probe when the thumbnail is shown); the rest runs only when it is not.
  const row = await d1
    .prepare(
      `SELECT gone, CASE WHEN gone THEN (SELECT MAX(withdrawn_at) FROM items WHERE thumb_key = ?1) END AS at
       FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM items WHERE thumb_key = ?1 AND status <> 'withdrawn') THEN 0
                         ELSE EXISTS (SELECT 1 FROM items WHERE thumb_key = ?1) END AS gone)`,
    )
    .bind(key)
    .first<{ gone: number; at: string | null }>();
  return row?.gone ? { at: row.at } : undefined;
}
