// An item query's shape, and the digest that binds a listing cursor to its query (no runtime imports: benches use it).

/** Search and filters (each list matches any of its values; all given filters must hold). */
export interface ItemQuery {
  q?: string | undefined;
  source?: string[] | undefined;
  licence?: string[] | undefined;
  format?: string[] | undefined;
  release?: string[] | undefined;
  minWidth?: number | undefined;
  minHeight?: number | undefined;
}

/** A short, stable digest of a query and its safety summary: a cursor carries it and is refused under another query. */
export function queryKey(q: ItemQuery, safetySummary: string): string {
  const text = JSON.stringify([q.q ?? null, q.source ?? null, q.licence ?? null, q.format ?? null, q.release ?? null, q.minWidth ?? null, q.minHeight ?? null, safetySummary]);
  let h = 0x811c9dc5; // FNV-1a, 32 bits: a guard against mixing queries, not a secret
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}
