// The pages that do not depend on the catalogue, by the file each is written to under the site root.
import type { PageContent } from '../layouts/page.js';
import { aboutPage } from './about.js';
import { apiPage } from './api.js';
import { notFoundPage } from './not-found.js';
import { optOutPage } from './opt-out.js';

/** Site-relative file → page; every one uses the plain layout (no safety control, no page script). */
export const STATIC_PAGES: Readonly<Record<string, PageContent>> = {
  'about/index.html': aboutPage,
  'about/opt-out/index.html': optOutPage,
  'about/api/index.html': apiPage,
  '404.html': notFoundPage,
};
