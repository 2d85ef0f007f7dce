// A bounded, namespace-aware XML reader for XMP packets: one indexOf-driven pass, no DTD, no entity expansion, capped size/nodes/depth.

export const XML_LIMITS = {
  /** Characters read; the rest of a longer document is ignored (parsed as if truncated there). */
  maxChars: 4 * 1024 * 1024,
  /** Elements + text nodes kept; parsing stops at the cap. */
  maxNodes: 100_000,
  /** Nesting depth up to which namespace declarations open a new scope and end tags are matched; deeper
   *  elements are still read (their declarations count as packet-wide bindings only). */
  maxDepth: 128,
} as const;

export interface XmlAttr {
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  /** Namespace URI ('' when none or unbound). */
  ns: string;
  local: string;
  attrs: XmlAttr[];
  children: (XmlElement | string)[];
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character and predefined entity references only; anything else (`&custom;`) stays as written: nothing expands. */
function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref.toLowerCase()] ?? whole;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

interface Raw {
  name: string;
  attrs: [string, string][];
  selfClosing: boolean;
  end: number;
}

/** Reads a start tag at `i` (just after `<`); undefined when it is not closed (truncated input). */
function readStartTag(text: string, i: number): Raw | undefined {
  let p = i;
  while (p < text.length && !isSpace(text.charCodeAt(p)) && text[p] !== '>' && text[p] !== '/') p++;
  const name = text.slice(i, p);
  const attrs: [string, string][] = [];
  for (;;) {
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (p >= text.length) return undefined;
    if (text[p] === '>') return { name, attrs, selfClosing: false, end: p + 1 };
    if (text[p] === '/') {
      if (text[p + 1] === '>') return { name, attrs, selfClosing: true, end: p + 2 };
      p++;
      continue;
    }
    const start = p;
    while (p < text.length && !isSpace(text.charCodeAt(p)) && text[p] !== '=' && text[p] !== '>' && text[p] !== '/') p++;
    const attrName = text.slice(start, p);
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (text[p] !== '=') continue; // an attribute without a value: skipped
    p++;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    const quote = text[p];
    if (quote !== '"' && quote !== "'") continue;
    const close = text.indexOf(quote, p + 1);
    if (close < 0) return undefined;
    if (attrName) attrs.push([attrName, decodeReferences(text.slice(p + 1, close))]);
    p = close + 1;
  }
}

const split = (qname: string): [string, string] => {
  const c = qname.indexOf(':');
  return c < 0 ? ['', qname] : [qname.slice(0, c), qname.slice(c + 1)];
};

/**
 * Parses `input` into a synthetic root element. Namespace prefixes resolve through the enclosing elements' xmlns
 * declarations; a prefix bound nowhere in scope falls back to its first binding anywhere in the packet (XMP writers
 * are not always careful, and an opt-out must not be missed for that). Malformed or truncated input yields what was
 * read up to the fault; nothing throws.
 */
export function parseXml(input: string): XmlElement {
  const text = input.length > XML_LIMITS.maxChars ? input.slice(0, XML_LIMITS.maxChars) : input;
  const root: XmlElement = { ns: '', local: '', attrs: [], children: [] };
  const stack: { el: XmlElement; qname: string; scope: Map<string, string> }[] = [{ el: root, qname: '', scope: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) }];
  const anywhere = new Map<string, string>();
  /** Names whose prefix no enclosing element binds: resolved at the end, from bindings anywhere in the packet. */
  const pending: { target: { ns: string }; prefix: string }[] = [];
  let nodes = 0;
  let pos = 0;
  const resolve = (target: { ns: string }, prefix: string, scope: Map<string, string>) => {
    const ns = scope.get(prefix);
    if (ns !== undefined) target.ns = ns;
    else if (prefix) pending.push({ target, prefix });
  };
  const addText = (s: string) => {
    if (s && nodes++ < XML_LIMITS.maxNodes) stack[stack.length - 1]!.el.children.push(s);
  };
  while (pos < text.length && nodes < XML_LIMITS.maxNodes) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (lt > pos && stack.length > 1) addText(decodeReferences(text.slice(pos, lt)));
    if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      if (e < 0) break;
      pos = e + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const e = text.indexOf(']]>', lt + 9);
      if (e < 0) break;
      if (stack.length > 1) addText(text.slice(lt + 9, e));
      pos = e + 3;
    } else if (text.startsWith('<!', lt)) {
      // DOCTYPE and declarations are skipped whole: their entities are never defined, so never expanded.
      const gt = text.indexOf('>', lt);
      if (gt < 0) break;
      const bracket = text.slice(lt, gt).indexOf('[');
      const e = bracket >= 0 ? text.indexOf(']', lt + bracket) : gt;
      const close = e < 0 ? -1 : text.indexOf('>', e);
      if (close < 0) break;
      pos = close + 1;
    } else if (text[lt + 1] === '?') {
      const e = text.indexOf('?>', lt + 2);
      if (e < 0) break;
      pos = e + 2;
    } else if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      if (gt < 0) break;
      const qname = text.slice(lt + 2, gt).trim();
      // Close up to the matching open element (looked for among the innermost maxDepth); a stray end tag is ignored.
      for (let k = stack.length - 1; k > 0 && k >= stack.length - XML_LIMITS.maxDepth; k--) {
        if (stack[k]!.qname === qname) {
          stack.length = k;
          break;
        }
      }
      pos = gt + 1;
    } else {
      const tag = readStartTag(text, lt + 1);
      if (!tag?.name) break;
      const parent = stack[stack.length - 1]!;
      const scoped = stack.length <= XML_LIMITS.maxDepth;
      let scope = parent.scope;
      for (const [name, value] of tag.attrs) {
        const prefix = name === 'xmlns' ? '' : name.startsWith('xmlns:') ? name.slice(6) : undefined;
        if (prefix === undefined) continue;
        if (!anywhere.has(prefix)) anywhere.set(prefix, value);
        if (!scoped) continue; // no scope copies below maxDepth: deep nesting stays linear
        if (scope === parent.scope) scope = new Map(parent.scope);
        scope.set(prefix, value);
      }
      const [prefix, local] = split(tag.name);
      const attrs: XmlAttr[] = [];
      for (const [name, value] of tag.attrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const [p, l] = split(name);
        const attr: XmlAttr = { ns: '', local: l, value };
        if (p) resolve(attr, p, scope);
        attrs.push(attr);
      }
      const el: XmlElement = { ns: '', local, attrs, children: [] };
      resolve(el, prefix, scope);
      nodes++;
      parent.el.children.push(el);
      if (!tag.selfClosing) stack.push({ el, qname: tag.name, scope });
      pos = tag.end;
    }
  }
  for (const { target, prefix } of pending) target.ns = anywhere.get(prefix) ?? '';
  return root;
}

/** The element's text: its own and its descendants' text nodes, in order. */
export function textContent(el: XmlElement): string {
  let out = '';
  const todo: (XmlElement | string)[] = [...el.children].reverse();
  while (todo.length) {
    const n = todo.pop()!;
    if (typeof n === 'string') out += n;
    else for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]!);
  }
  return out;
}

/** Every element under `root`, depth first, without recursion. */
export function* elements(root: XmlElement): Generator<XmlElement> {
  const todo: XmlElement[] = [root];
  while (todo.length) {
    const el = todo.pop()!;
    if (el !== root) yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (typeof c !== 'string') todo.push(c);
    }
  }
}
