// XMP (RDF/XML) values by namespace URI and local name, in element, attribute, rdf:li or rdf:resource form, read through the bounded xml-scan.ts.
import { parseXml, textContent, XML_LIMITS, type XmlElement } from './xml-scan.js';

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
function xmpText(xmp: Buffer | string | undefined): string {
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

/** Every value of property `ns` + `local`: attribute values, element text, rdf:li items, rdf:resource URIs.
 *  One walk over the packet: an element's subtree is read once, even when such elements nest. */
export function xmpValues(xmp: Buffer | string | undefined, ns: string, local: string): string[] {
  if (!xmp || xmp.length === 0) return [];
  const values: string[] = [];
  const attrsOf = (el: XmlElement) => {
    for (const a of el.attrs) if (a.ns === ns && a.local === local) values.push(a.value);
  };
  const todo: XmlElement[] = [parsed(xmp)];
  while (todo.length) {
    const el = todo.pop()!;
    attrsOf(el);
    const matches = el.ns === ns && el.local === local;
    if (matches) {
      const resource = resourceOf(el);
      if (resource !== undefined) values.push(resource);
    }
    let sawElement = false;
    const items: XmlElement[] = [];
    // Inside a match: collect its rdf:li items (and attribute forms) in one pass, and do not walk it again.
    // An li inside a counted li is part of that item's text, not an item of its own: each node is read once.
    const inner: [XmlElement, boolean][] = [];
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (typeof c === 'string') continue;
      sawElement = true;
      if (matches) inner.push([c, false]);
      else todo.push(c);
    }
    if (!matches) continue;
    while (inner.length) {
      const [d, inItem] = inner.pop()!;
      attrsOf(d);
      const item = !inItem && d.ns === RDF && d.local === 'li';
      if (item) items.push(d);
      for (let i = d.children.length - 1; i >= 0; i--) {
        const c = d.children[i]!;
        if (typeof c !== 'string') inner.push([c, inItem || item]);
      }
    }
    if (items.length) for (const li of items) values.push(resourceOf(li) ?? textContent(li));
    else if (!sawElement) values.push(textContent(el));
  }
  return values.map((v) => v.trim()).filter(Boolean);
}
