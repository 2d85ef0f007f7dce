// XMP (RDF/XML) values by namespace URI and local name, in element, attribute, rdf:li or rdf:resource form, read through the bounded xml-scan.ts.
import { elements, parseXml, textContent, XML_LIMITS, type XmlElement } from './xml-scan.js';

export const NS = {
  plus: 'http://ns.useplus.org/ldf/xmp/1.0/',
  cc: 'http://creativecommons.org/ns#',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  dc: 'http://purl.org/dc/elements/1.1/',
} as const;

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** Bytes of a packet that are read at most (XMP in a JPEG APP1 is under 64 KiB; anything past this is ignored). */
export const MAX_XMP_BYTES = XML_LIMITS.maxChars;

/** The XMP packet as text (UTF-8; a UTF-16 packet is rare in images and read as UTF-16LE when it starts with a BOM), capped. */
export function xmpText(xmp: Buffer | string | undefined): string {
  if (!xmp) return '';
  if (typeof xmp === 'string') return xmp.length > MAX_XMP_BYTES ? xmp.slice(0, MAX_XMP_BYTES) : xmp;
  const head = xmp.length > MAX_XMP_BYTES ? xmp.subarray(0, MAX_XMP_BYTES) : xmp;
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  return head.toString('utf8');
}

// Several properties are read from one packet per item: parse it once.
const byBuffer = new WeakMap<Buffer, XmlElement>();
let lastText: { text: string; root: XmlElement } | undefined;

function parsed(xmp: Buffer | string): XmlElement {
  if (typeof xmp !== 'string') {
    let root = byBuffer.get(xmp);
    if (!root) byBuffer.set(xmp, (root = parseXml(xmpText(xmp))));
    return root;
  }
  if (lastText?.text !== xmp) lastText = { text: xmp, root: parseXml(xmpText(xmp)) };
  return lastText.root;
}

const resourceOf = (el: XmlElement) => el.attrs.find((a) => a.ns === RDF && a.local === 'resource')?.value;

/** Every value of property `ns` + `local`: attribute values, element text, rdf:li items, rdf:resource URIs. */
export function xmpValues(xmp: Buffer | string | undefined, ns: string, local: string): string[] {
  if (!xmp || xmp.length === 0) return [];
  const values: string[] = [];
  for (const el of elements(parsed(xmp))) {
    for (const a of el.attrs) if (a.ns === ns && a.local === local) values.push(a.value);
    if (el.ns !== ns || el.local !== local) continue;
    const resource = resourceOf(el);
    if (resource !== undefined) values.push(resource);
    const items = [...elements(el)].filter((e) => e.ns === RDF && e.local === 'li');
    if (items.length) for (const li of items) values.push(resourceOf(li) ?? textContent(li));
    else if (!el.children.some((c) => typeof c !== 'string')) values.push(textContent(el));
  }
  return values.map((v) => v.trim()).filter(Boolean);
}
