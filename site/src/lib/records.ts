// Pure helpers over catalogue records: ordering, facets, safe URLs and plain-words safety text.
import type { CatalogRecord } from '../../../pipeline/catalog/record.js';
import { DEFAULT_THRESHOLD } from './config.js';

/** What gallery cards and list pages need of a record (the site build holds one per record). */
export type Card = Pick<CatalogRecord, 'id' | 'title' | 'source' | 'width' | 'height' | 'placeholder' | 'safety'> & {
  licence: Pick<CatalogRecord['licence'], 'id'>;
  provenance: Pick<CatalogRecord['provenance'], 'release' | 'retrievedAt'>;
  files: Pick<CatalogRecord['files'], 'thumb'>;
};

export function toCard(r: CatalogRecord): Card {
  return {
    id: r.id,
    title: r.title,
    source: r.source,
    width: r.width,
    height: r.height,
    placeholder: r.placeholder,
    safety: r.safety,
    licence: { id: r.licence.id },
    provenance: { release: r.provenance.release, retrievedAt: r.provenance.retrievedAt },
    files: { thumb: r.files.thumb },
  };
}

/** Newest release first, then most recently retrieved, then id (stable). */
export function compareItems(a: Card, b: Card): number {
  if (a.provenance.release !== b.provenance.release) return a.provenance.release < b.provenance.release ? 1 : -1;
  if (a.provenance.retrievedAt !== b.provenance.retrievedAt) return a.provenance.retrievedAt < b.provenance.retrievedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const showsPeople = (r: Pick<CatalogRecord, 'safety'>): boolean => (r.safety.faces ?? 0) >= 1;

/** Hidden in the HTML when the default threshold would hide it (JS may reveal it under a looser setting). */
export const hiddenByDefault = (r: Pick<CatalogRecord, 'safety'>): boolean =>
  r.safety.nsfw !== null && r.safety.nsfw > DEFAULT_THRESHOLD;

/** Groups items by a key, keeping their order; returns [value, items] sorted by value. */
export function groupBy<T>(items: T[], key: (r: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const r of items) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Only small inline raster images are used as placeholders (they go into a CSS url(); the cap keeps a full page within budget). */
export function safePlaceholder(p: string): string | undefined {
  return /^data:image\/(png|webp|jpeg|gif|avif);base64,[A-Za-z0-9+/=]+$/.test(p) && p.length <= 1200 ? p : undefined;
}

export const thumbUrl = (r: Pick<CatalogRecord, 'files'> | Card): string => `/files/${r.files.thumb.split('/').map(encodeURIComponent).join('/')}`;

/** Thumbnail box size with the original's aspect ratio (320 px wide). */
export function thumbSize(r: Pick<CatalogRecord, 'width' | 'height'>): { width: number; height: number } {
  return { width: 320, height: Math.max(1, Math.round((320 * r.height) / r.width)) };
}

export const LICENCE_NAMES: Record<string, string> = {
  'cc0-1.0': 'CC0 1.0 (public domain dedication)',
  'pdm-1.0': 'Public Domain Mark 1.0',
  optin: 'Opted in by the rights holder',
};

export function nsfwWords(nsfw: number | null): string {
  if (nsfw === null) return 'Not scored for nudity (the model did not run on this image).';
  const s = nsfw.toFixed(2);
  if (nsfw < 0.2) return `Very unlikely to show nudity or sexual content (score ${s} of 1).`;
  if (nsfw < 0.5) return `Possibly suggestive (score ${s} of 1).`;
  if (nsfw < 0.8) return `Likely to show nudity or sexual content (score ${s} of 1).`;
  return `Very likely to show nudity or sexual content (score ${s} of 1).`;
}

export function facesWords(faces: number | null, faceScore: number | null): string {
  if (faces === null) return 'Not checked for people.';
  if (faces === 0) return 'No faces detected.';
  const conf = faceScore === null ? '' : ` (confidence ${faceScore.toFixed(2)})`;
  return `Shows ${faces} face${faces === 1 ? '' : 's'}${conf}: it may show identifiable people.`;
}

/** Shell-safe download command through the metered API (`origin` is filled in by the page). */
export function curlCommand(r: CatalogRecord, origin: string): string {
  const enc = encodeURIComponent(r.id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ext = r.format === 'jpeg' ? 'jpg' : r.format;
  const name = `${r.id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.-]+/, '').slice(0, 80) || r.sha256.slice(0, 16)}.${ext}`;
  return `curl -H "Authorization: Bearer $CLEARANCE_KEY" -o '${name}' '${origin}/v1/items/${enc}/download'`;
}
