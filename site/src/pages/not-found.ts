// The site's 404 page: served by the static assets (not_found_handling = "404-page") and by the Worker's /item/* route.
import type { PageContent } from '../layouts/page.js';
import { html } from '../render/html.js';

export const notFoundPage: PageContent = {
  title: 'Not found',
  main: html`<h1>Not found</h1>
<p>There is no page at this address. The item may have been withdrawn by its rights holder or a moderator, or the
link may be mistyped.</p>
<p><a href="/">Back to the gallery</a> · <a href="/search/">Search the catalogue</a></p>`,
};
