// Where the gallery's item pages live in R2 when they are not static assets: site/item/<slug>/index.html.

/** Slug-safe path segments only (what `clearance site` writes): letters, digits, `.`, `_`, `-`, `~`; no `.`/`..`. */
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._~-]{1,200}$/;

/** The R2 key of an item page's path (`/item/a/b/` or `/item/a/b`), or null for anything else. */
export function pageKey(path: string): string | null {
  const segments = path.replace(/^\/item\//, '').replace(/\/$/, '').split('/');
  if (!path.startsWith('/item/') || segments.length > 8 || !segments.every((s) => SEGMENT.test(s))) return null;
  return `site/item/${segments.join('/')}/index.html`;
}
