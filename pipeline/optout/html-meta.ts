// `<meta name=… content=…>` tags of an HTML page (attributes in any order and quoting), read in one linear pass over a capped prefix.

/** Bytes of a page looked at: meta tags belong in the head, and a page past this is not searched further. */
const MAX_HTML_CHARS = 2 * 1024 * 1024;

export interface MetaTag {
  /** Lower-cased `name`. */
  name: string;
  content: string;
}

export function metaTags(html: string): MetaTag[] {
  const out: MetaTag[] = [];
  for (const tag of html.slice(0, MAX_HTML_CHARS).match(/<meta\b[^>]*>/gi) ?? []) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) attrs.set(m[1]!.toLowerCase(), (m[2] ?? m[3] ?? m[4]?.replace(/\/$/, '') ?? '').trim());
    const name = attrs.get('name')?.toLowerCase();
    if (name) out.push({ name, content: attrs.get('content') ?? '' });
  }
  return out;
}
