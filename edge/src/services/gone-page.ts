// The "This work was withdrawn" page (410 Gone) the Worker renders for a withdrawn item's page: escaped, no script.
import { attr, html, raw } from '../../../site/src/render/html.js';

/** `2026-11-25T10:00:00Z` → `25 November 2026` (UTC); the text itself when it is not a date. */
export function withdrawalDate(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

const STYLE =
  ':root{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5}body{margin:0}a{color:#0b57d0}' +
  'header,main{padding:1rem;max-width:48rem;margin:0 auto}header a{font-weight:700;font-size:1.2rem;text-decoration:none;color:#1a1a1a}';

/** Headers of the page: HTML, never cached (a reinstated work comes back at once), nothing but its inline style runs. */
export const GONE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** The page for a work withdrawn at `at` (null when unknown). It names no title: the work itself may be the problem. */
export function gonePage(at: string | null): string {
  const when = at ? html` on <time${attr('datetime', at)}>${withdrawalDate(at)}</time>` : '';
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>This work was withdrawn · Clearance</title><style>${raw(STYLE)}</style></head>
<body>
<header><a href="/">Clearance</a></header>
<main id="main" data-testid="withdrawn">
<h1>This work was withdrawn</h1>
<p>It was withdrawn from the catalogue${when}. Its page, its image and its download are no longer available.</p>
<p>A work leaves the catalogue when its rights holder withdraws it or opts out, or when a moderator finds it should not be here.</p>
<p><a href="/">Browse the gallery</a> · <a href="/about/opt-out/">How opting out and withdrawing work</a></p>
</main>
</body>
</html>
`.value;
}
