// The one page layout: head, header with navigation and the safety control, the page's main content, footer.
import { safetyControl } from '../components/safety-control.js';
import { SITE_NAME } from '../lib/config.js';
import { attr, escape, html, type Html } from '../render/html.js';

export const DEFAULT_DESCRIPTION = 'Images cleared for AI training: verified rights, honoured opt-outs, safety scores.';

/** URLs of the bundled stylesheet and client scripts (site/generator/client-assets.ts writes them). */
export interface PageAssets {
  css: string;
  /** Enables the safety control. */
  safety: string;
  /** The item page's report form and curl origin. */
  item: string;
  /** The search page. */
  search: string;
}

export interface PageContent {
  title: string;
  description?: string;
  main: Html;
}

/** Which page scripts run, besides the safety control's: none (about pages), the item page's or the search page's. */
export type PageKind = 'plain' | 'item' | 'list' | 'search';

export type Layout = (page: PageContent) => string;

/** A layout for pages of one kind: the markup around the content is rendered once, then each page fills it. */
export function pageLayout(kind: PageKind, assets: PageAssets): Layout {
  const header = html`<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<a class="brand" href="/">${SITE_NAME}</a>
<nav aria-label="Site"><ul><li><a href="/">Gallery</a></li><li><a href="/search/">Search</a></li><li><a href="/about/">About</a></li></ul></nav>
${kind === 'plain' ? '' : safetyControl(assets.safety)}
</header>
<main id="main">
`.value;
  const script = kind === 'item' ? assets.item : kind === 'search' ? assets.search : undefined;
  const footer = html`
</main>
<footer><a href="/about/">What “cleared” means</a> · <a href="/about/opt-out/">Opt out or withdraw a work</a> · <a href="/about/api/">API</a></footer>
${script ? html`<script type="module"${attr('src', script)}></script>` : ''}
</body>
</html>
`.value;
  const css = html`<link rel="stylesheet"${attr('href', assets.css)}>`.value;
  const suffix = escape(` · ${SITE_NAME}`);
  return (page) =>
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(page.title)}${suffix}</title>
<meta name="description" content="${escape(page.description ?? DEFAULT_DESCRIPTION)}">
${css}
</head>
${header}${page.main.value}${footer}`;
}
