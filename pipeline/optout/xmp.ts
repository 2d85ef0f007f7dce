// A small XMP (RDF/XML) reader: the values of a property by namespace URI and local name, in element, attribute or rdf:resource form.
export const NS = {
  plus: 'http://ns.useplus.org/ldf/xmp/1.0/',
  cc: 'http://creativecommons.org/ns#',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  dc: 'http://purl.org/dc/elements/1.1/',
} as const;

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The XMP packet as text (UTF-8; a UTF-16 packet is rare in images and read as UTF-16LE when it starts with a BOM). */
export function xmpText(xmp: Buffer | string | undefined): string {
  if (!xmp) return '';
  if (typeof xmp === 'string') return xmp;
  if (xmp[0] === 0xff && xmp[1] === 0xfe) return xmp.subarray(2).toString('utf16le');
  return xmp.toString('utf8');
}

/** Prefixes bound to a namespace URI anywhere in the packet (XMP writers use arbitrary prefixes). */
function prefixesFor(xml: string, ns: string): string[] {
  const out = new Set<string>();
  for (const m of xml.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) if (m[2] === ns) out.add(m[1]!);
  return [...out];
}

/** Every value of property `ns` + `local`: attribute values, element text, rdf:li items, rdf:resource URIs. */
export function xmpValues(xmp: Buffer | string | undefined, ns: string, local: string): string[] {
  const xml = xmpText(xmp);
  if (!xml) return [];
  const values: string[] = [];
  for (const prefix of prefixesFor(xml, ns)) {
    const name = escapeRe(`${prefix}:${local}`);
    for (const m of xml.matchAll(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) values.push(m[1] ?? m[2] ?? '');
    for (const m of xml.matchAll(new RegExp(`<${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, 'g'))) {
      const attrs = m[1] ?? '';
      const body = m[2] ?? '';
      const resource = /rdf:resource\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
      if (resource) values.push(resource[1] ?? resource[2] ?? '');
      const items = [...body.matchAll(/<rdf:li\b([^>]*?)(?:\/>|>([\s\S]*?)<\/rdf:li\s*>)/g)];
      if (items.length) {
        for (const li of items) {
          const r = /rdf:resource\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(li[1] ?? '');
          values.push(r ? (r[1] ?? r[2] ?? '') : (li[2] ?? ''));
        }
      } else if (body.trim() && !/<[a-z]/i.test(body)) values.push(body);
    }
  }
  return values.map((v) => decodeEntities(v).trim()).filter(Boolean);
}
