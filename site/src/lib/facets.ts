// Facet values and counts (source, licence, people) and the URLs of their static filter pages.
import { encodeSegment } from './slug.js';
import { groupBy, showsPeople, type Card } from './records.js';

export interface FacetValue {
  value: string;
  count: number;
  href: string;
}
export interface Facets {
  sources: FacetValue[];
  licences: FacetValue[];
  people: number;
}

export const sourceHref = (s: string, page = 1): string => `/source/${encodeSegment(s)}/${page > 1 ? `${page}/` : ''}`;
export const licenceHref = (l: string, page = 1): string => `/licence/${encodeSegment(l)}/${page > 1 ? `${page}/` : ''}`;
export const peopleHref = (page = 1): string => `/people/${page > 1 ? `${page}/` : ''}`;
export const galleryHref = (page = 1): string => (page > 1 ? `/page/${page}/` : '/');

export function facetsOf(items: Card[]): Facets {
  return {
    sources: groupBy(items, (r) => r.source).map(([value, list]) => ({ value, count: list.length, href: sourceHref(value) })),
    licences: groupBy(items, (r) => r.licence.id).map(([value, list]) => ({ value, count: list.length, href: licenceHref(value) })),
    people: items.filter(showsPeople).length,
  };
}
