// The pages that do not depend on the catalogue: each has its title as its one heading and links only to pages the site has.
import { describe, expect, it } from 'vitest';
import { STATIC_PAGES } from '../../../site/src/pages/static-pages.js';

const ROUTES = new Set(['/', '/search/', '/about/', '/about/opt-out/', '/about/api/']);

describe('static pages', () => {
  it('are the about pages and the 404 page, each headed by its title', () => {
    expect(Object.keys(STATIC_PAGES).sort()).toEqual(['404.html', 'about/api/index.html', 'about/index.html', 'about/opt-out/index.html']);
    for (const page of Object.values(STATIC_PAGES)) {
      const headings = [...page.main.value.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1]);
      expect(headings).toEqual([page.title]);
    }
  });

  it('link only to the site’s own pages', () => {
    for (const [file, page] of Object.entries(STATIC_PAGES)) {
      for (const [, href] of page.main.value.matchAll(/href="([^"]*)"/g)) expect(ROUTES.has(href!), `${file}: ${href}`).toBe(true);
    }
  });
});
