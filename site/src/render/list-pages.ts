// Every list page of the gallery (pages of all images, and of each source, licence and "shows people") from the cards.
import { facetsOf, galleryHref, licenceHref, peopleHref, sourceHref, type Facets } from '../lib/facets.js';
import { pagesOf } from '../lib/paging.js';
import { groupBy, LICENCE_NAMES, showsPeople, type Card } from '../lib/records.js';
import { galleryMain } from './gallery.js';
import type { Html } from './html.js';

export interface ListPage {
  /** URL path, ending in '/'. */
  path: string;
  title: string;
  main: Html;
}

function* paged(list: Card[], heading: string, title: (n: number) => string, href: (n: number) => string, facets: Facets, active?: string): Generator<ListPage> {
  for (const page of pagesOf(list)) {
    yield {
      path: href(page.current),
      title: title(page.current),
      main: galleryMain({ heading, items: page.items, total: list.length, current: page.current, last: page.last, href, facets, ...(active ? { active } : {}) }),
    };
  }
}

/** `cards` in gallery order (newest release first); pages are made one at a time. */
export function* listPages(cards: Card[], facets: Facets = facetsOf(cards)): Generator<ListPage> {
  yield* paged(cards, 'Images cleared for AI training', (n) => (n > 1 ? `Gallery, page ${n}` : 'Gallery'), galleryHref, facets);
  if (cards.length > 0) {
    yield* paged(cards.filter(showsPeople), 'Images that show people', () => 'Images that show people', peopleHref, facets, peopleHref());
  }
  for (const [value, list] of groupBy(cards, (r) => r.licence.id)) {
    const name = LICENCE_NAMES[value] ?? value;
    yield* paged(list, `Licence: ${name}`, () => name, (n) => licenceHref(value, n), facets, licenceHref(value));
  }
  for (const [value, list] of groupBy(cards, (r) => r.source)) {
    yield* paged(list, `Images from ${value}`, () => `Source ${value}`, (n) => sourceHref(value, n), facets, sourceHref(value));
  }
}
