// What search indexes for one record: only its content (title, creator, tags, description), filters and result meta.
import type { CatalogRecord } from '../../../pipeline/catalog/record.js';
import { showsPeople, thumbSize, thumbUrl } from './records.js';
import { itemPath } from './slug.js';

export interface SearchRecord {
  url: string;
  content: string;
  language: 'en';
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export function searchRecord(r: CatalogRecord): SearchRecord {
  return {
    url: itemPath(r.id),
    content: [r.title, r.creator ?? '', r.date ?? '', r.tags.join(', '), r.description ?? ''].filter(Boolean).join('\n'),
    language: 'en',
    meta: {
      title: r.title,
      image: thumbUrl(r),
      image_alt: r.title,
      image_height: String(thumbSize(r).height),
      nsfw: r.safety.nsfw === null ? '' : String(r.safety.nsfw),
      faces: r.safety.faces === null ? '' : String(r.safety.faces),
    },
    filters: { source: [r.source], licence: [r.licence.id], people: [showsPeople(r) ? 'yes' : 'no'] },
  };
}
