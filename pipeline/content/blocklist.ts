// Hash lists of known-bad images named in release.json `blocklists`: exact SHA-256 and perceptual-hash entries (a detail never echoes an entry).
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Release } from '../catalog/index.js';
import { HammingIndex } from '../image/hamming-index.js';
import { viewsOf, type Identity } from '../image/identity.js';

/** Bits two 64-bit pHashes may differ by and still match, when a list does not say (re-encoded copies: ≤ 8, see pipeline/README.md, "Content exclusions: blocklists"). */
export const DEFAULT_MAX_DISTANCE = 4;

export interface Blocklists {
  /** SHA-256 (hex) → name of the first list holding it. */
  sha256: Map<string, string>;
  perceptual: { name: string; maxDistance: number; index: HammingIndex<null> }[];
}

const SHA = /^(?:sha256:)?([0-9a-f]{64})$/i;
const PHASH = /^(?:phash:)?([0-9a-f]{16})$/i;

/** Entries of a list file: one hash a line; blank lines and `#` comments skipped; any other line is an error (a bad list must not pass silently). */
async function entries(releaseDir: string, file: string, pattern: RegExp, kind: string): Promise<string[]> {
  const text = await readFile(resolve(releaseDir, file), 'utf8');
  const out: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = pattern.exec(line);
    if (!m) throw new Error(`blocklist ${file} line ${i + 1}: not a ${kind} hash`);
    out.push(m[1]!.toLowerCase());
  });
  return out;
}

/** Loads every list the release names (none: empty lists, nothing matches). */
export async function loadBlocklists(releaseDir: string, release: Release): Promise<Blocklists> {
  const lists: Blocklists = { sha256: new Map(), perceptual: [] };
  for (const l of release.blocklists ?? []) {
    if (l.sha256) for (const h of await entries(releaseDir, l.sha256, SHA, 'SHA-256')) if (!lists.sha256.has(h)) lists.sha256.set(h, l.name);
    if (l.phash) {
      const index = new HammingIndex<null>();
      for (const h of await entries(releaseDir, l.phash, PHASH, '64-bit pHash')) index.add(h, null);
      lists.perceptual.push({ name: l.name, maxDistance: l.maxDistance ?? DEFAULT_MAX_DISTANCE, index });
    }
  }
  return lists;
}


/** Why the exact bytes are listed (the list's name, never the entry), or undefined. */
export function blockedBySha256(lists: Blocklists, sha256: string): string | undefined {
  const name = lists.sha256.get(sha256);
  return name === undefined ? undefined : `on blocklist ${JSON.stringify(name)} (exact SHA-256)`;
}

/**
 * Why the picture is listed by its perceptual hash, or undefined: the 64-bit DCT hash of the picture, or of the
 * picture inside its uniform borders, or their mirrors' (pipeline/image/identity.ts), within the list's distance. A list entry is a hash,
 * not a fingerprint, so no colour confirmation: a list errs towards blocking.
 */
export function blockedByPerceptual(lists: Blocklists, identity: Identity): string | undefined {
  for (const l of lists.perceptual)
    for (const v of viewsOf(identity)) {
      if (l.index.within(v.fingerprint.hash, l.maxDistance).length) return `on blocklist ${JSON.stringify(l.name)} (perceptual hash)`;
      if (l.index.within(v.mirrorHash, l.maxDistance).length) return `on blocklist ${JSON.stringify(l.name)} (perceptual hash, mirrored)`;
    }
  return undefined;
}

/** Removes a stored original an earlier run kept for bytes now on a list (the store must not hold them). */
export async function forgetStored(storeDir: string, key: string): Promise<void> {
  await rm(join(storeDir, key), { force: true });
}
