// "Find my works" end to end for one request: rate limit, the upload's facts (or a picture fetched from the holder's
// verified domain), the D1 look-up, and for a holder each match's signed evidence. Nothing of the upload is kept.
import type { Bindings, Db } from '../types/env.js';
import { sha256Hex } from './crypto.js';
import { evidenceOf, signEvidence } from './find-evidence.js';
import { allowedUrl, fetchPicture, verifiedDomains } from './find-fetch.js';
import { type FindQuery, queryOf } from './find-identity.js';
import { type FindMatch, findMatches } from './find-index.js';
import { hit } from './rate-limit.js';

/** Searches per window: anyone per client address (decoding costs CPU), a holder per holder. */
export const FIND_LIMITS = { public: 30, holder: 120, windowSeconds: 600 } as const;

export interface Searcher {
  /** The searching holder's id (their matches carry evidence tokens), or null for anyone else. */
  holderId: string | null;
  /** The client key (services/client-key.ts) that rate-limits a search without a holder. */
  client: string;
}

export interface FindOutcome {
  query: FindQuery;
  url: string | null;
  matches: (FindMatch & { token?: string })[];
}

export type FindInput = { upload: { bytes: Uint8Array; declaredType: string } } | { url: string };

export async function findWorks(db: Db, env: Bindings, who: Searcher, input: FindInput): Promise<FindOutcome> {
  const bucket = who.holderId ? `find:holder:${who.holderId}` : `find:${await sha256Hex(`find:${who.client}`)}`;
  await hit(env.DB, bucket, who.holderId ? FIND_LIMITS.holder : FIND_LIMITS.public, FIND_LIMITS.windowSeconds);
  let upload: { bytes: Uint8Array; declaredType: string };
  let url: string | null = null;
  if ('url' in input) {
    const target = allowedUrl(input.url, who.holderId ? await verifiedDomains(db, who.holderId) : [], env);
    upload = await fetchPicture(target);
    url = target.toString();
  } else upload = input.upload;
  const query = await queryOf(upload.bytes, upload.declaredType);
  const found = await findMatches(env.DB, query.sha256, query.identity);
  const holderId = who.holderId;
  const matches = holderId ? await Promise.all(found.map(async (m) => ({ ...m, token: await signEvidence(env, evidenceOf(holderId, query, m, url)) }))) : found;
  return { query, url, matches };
}
