// "Find my works" look-up in D1: exact file hashes, then perceptual candidates sharing a 16-bit band of the hash (within
// 2 bits: every hash within 10 bits shares one), confirmed by the identity module's full rule (hash bits + tone-fitted colour).
import { IDENTITY_MATCH } from '../../../pipeline/image/identity-index.js';
import type { Fingerprint, Identity } from '../../../pipeline/image/identity.js';
import { toneFittedDistance } from '../../../pipeline/image/identity-compare.js';
import { hamming, parseFingerprint } from './find-fingerprint.js';

/** How a match was found: the same file, the picture's hash, its mirror's, or the picture inside the upload's borders. */
export type Signal = 'sha256' | 'hash' | 'mirrored' | 'framed' | 'framed-mirrored';

export interface MatchedItem {
  id: string;
  title: string;
  creator: string | null;
  licence: string;
  thumbKey: string;
  rightsHolder: string | null;
  source: string | null;
}

export interface FindMatch {
  item: MatchedItem;
  signal: Signal;
  /** Bits of the 64-bit hash that differ and the tone-fitted colour difference (0–255); null for an exact file match
   *  whose catalogued item has no fingerprint. */
  hash: number | null;
  colour: number | null;
}

/** At most this many matches are shown, closest first. */
export const MAX_MATCHES = 20;
/** Bits a band may differ by: floor(rule / 4), so any hash within the rule shares a band within it (pigeonhole). */
const BAND_BITS = Math.floor(IDENTITY_MATCH.hash / 4);

interface View {
  hash: string;
  print: Uint8Array;
  mirrored: boolean;
  signal: Exclude<Signal, 'sha256'>;
}

function viewsOf(q: Identity): View[] {
  const views: View[] = [
    { hash: q.fingerprint.hash, print: q.fingerprint.print, mirrored: false, signal: 'hash' },
    { hash: q.mirrorHash, print: q.fingerprint.print, mirrored: true, signal: 'mirrored' },
  ];
  // the picture inside its borders at each frame depth the pipeline looks up (identity-frame.ts), likeliest first
  for (const f of [...(q.framed ? [q.framed] : []), ...(q.reframed ?? [])]) {
    views.push({ hash: f.fingerprint.hash, print: f.fingerprint.print, mirrored: false, signal: 'framed' });
    views.push({ hash: f.mirrorHash, print: f.fingerprint.print, mirrored: true, signal: 'framed-mirrored' });
  }
  return views;
}

/** Every 16-bit value within `bits` of `value`, as 4 hex digits. */
export function bandProbe(value: number, bits: number): string[] {
  const out: string[] = [];
  const rec = (x: number, start: number, left: number) => {
    out.push(x.toString(16).padStart(4, '0'));
    if (left > 0) for (let b = start; b < 16; b++) rec(x ^ (1 << b), b + 1, left - 1);
  };
  rec(value, 0, bits);
  return out;
}

/** One statement: the items (id, hash) sharing a band value within BAND_BITS of a view's band, from item_bands' primary
 *  key alone (one search per band and value; the wide items rows are not read). The values are hex digits this code
 *  made, inlined (D1 binds at most 100 parameters). Withdrawn items' bands stay (a reinstatement needs them): the facts
 *  read next keep live items only. */
export function candidateSql(views: { hash: string }[]): string {
  const parts: string[] = [];
  for (let band = 0; band < 4; band++) {
    const values = new Set<string>();
    for (const v of views) for (const p of bandProbe(Number.parseInt(v.hash.slice(band * 4, band * 4 + 4), 16), BAND_BITS)) values.add(p);
    parts.push(`SELECT item_id AS id, hash FROM item_bands WHERE band = ${band} AND value IN (${[...values].map((x) => `'${x}'`).join(',')})`);
  }
  return parts.join(' UNION ');
}

const FACTS = 'id, title, creator, licence, thumb_key AS thumbKey, rights_holder AS rightsHolder, source, fingerprint';
type FactsRow = MatchedItem & { fingerprint: string | null };

/** The live items' facts and fingerprints, in one round trip (statements of ≤ 90 ids, one batch). */
async function factsOf(d1: D1Database, ids: string[]): Promise<FactsRow[]> {
  if (!ids.length) return [];
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    statements.push(d1.prepare(`SELECT ${FACTS} FROM items WHERE id IN (${chunk.map(() => '?').join(',')}) AND status = 'live'`).bind(...chunk));
  }
  return (await d1.batch<FactsRow>(statements)).flatMap((r) => r.results);
}

/** The best perceptual match of one catalogued fingerprint against the query's views, or null. */
function judge(f: Fingerprint, views: View[]): { signal: View['signal']; hash: number; colour: number } | null {
  let best: { signal: View['signal']; hash: number; colour: number } | null = null;
  for (const v of views) {
    const hash = hamming(v.hash, f.hash);
    if (hash > IDENTITY_MATCH.hash) continue;
    const limit = IDENTITY_MATCH.colour - IDENTITY_MATCH.colourPerBit * hash;
    const colour = toneFittedDistance(f.print, v.print, v.mirrored, limit);
    if (colour > limit) continue;
    if (!best || hash + colour < best.hash + best.colour) best = { signal: v.signal, hash, colour };
  }
  return best;
}

/** What a look-up read: band candidates, those within the rule's hash bits (read with their fingerprints). */
export interface FindStats {
  candidates: number;
  near: number;
}

/** Live catalogued items the upload is, or is an edited copy of: exact file matches first, then by hash bits + colour. */
export async function findMatches(d1: D1Database, sha256: string, identity: Identity, stats?: FindStats): Promise<FindMatch[]> {
  const views = viewsOf(identity);
  const [exact, candidates] = await d1.batch<{ id: string; hash: string | null }>([
    d1.prepare(`SELECT id, NULL AS hash FROM items WHERE sha256 = ?1 AND status = 'live' UNION SELECT id, NULL FROM items WHERE source_sha256 = ?1 AND status = 'live'`).bind(sha256),
    d1.prepare(candidateSql(views)),
  ]);
  const exactIds = new Set(exact!.results.map((r) => r.id));
  const near = new Set(exactIds);
  for (const c of candidates!.results) if (c.hash && views.some((v) => hamming(v.hash, c.hash!) <= IDENTITY_MATCH.hash)) near.add(c.id);
  if (stats) Object.assign(stats, { candidates: candidates!.results.length, near: near.size });
  const matches: FindMatch[] = [];
  for (const row of await factsOf(d1, [...near])) {
    const { fingerprint, ...item } = row;
    const f = parseFingerprint(fingerprint);
    const perceptual = f ? judge(f, views) : null;
    if (exactIds.has(item.id)) matches.push({ item, signal: 'sha256', hash: perceptual?.hash ?? null, colour: perceptual?.colour ?? null });
    else if (perceptual) matches.push({ item, ...perceptual });
  }
  const rank = (m: FindMatch) => (m.signal === 'sha256' ? -1 : m.hash! + m.colour!);
  return matches.sort((a, b) => rank(a) - rank(b) || a.item.id.localeCompare(b.item.id)).slice(0, MAX_MATCHES);
}
