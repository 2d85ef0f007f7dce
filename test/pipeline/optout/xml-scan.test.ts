// The bounded XML reader behind XMP: namespaces in scope (and a lenient fallback), no entity expansion, caps, and no throw on junk.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { elements, parseXml, textContent, XML_LIMITS } from '../../../pipeline/optout/xml-scan.js';
import { NS, xmpValues } from '../../../pipeline/optout/xmp.js';
import { xmpInBytes } from '../../../pipeline/optout/embedded.js';
import { PNG_SIGNATURE, pngChunk, rgbHeader } from '../../../pipeline/util/png-chunk.js';

const RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"';

describe('parseXml', () => {
  it('resolves prefixes through the enclosing declarations, redeclarations included', () => {
    const root = parseXml(`<a xmlns:p="urn:one"><p:x/><b xmlns:p="urn:two"><p:x/></b><p:x/></a>`);
    expect([...elements(root)].filter((e) => e.local === 'x').map((e) => e.ns)).toEqual(['urn:one', 'urn:two', 'urn:one']);
  });

  it('falls back to a binding elsewhere in the packet for a prefix bound nowhere in scope', () => {
    const root = parseXml(`<a><p:x>v</p:x></a><z xmlns:p="urn:late"/>`);
    expect([...elements(root)].find((e) => e.local === 'x')?.ns).toBe('urn:late');
  });

  it('decodes predefined and numeric references only: a DOCTYPE entity never expands (billion laughs)', () => {
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><a t="&lt;&#x41;&#66;">&lol2;&amp;<![CDATA[<raw>]]></a>`;
    const a = [...elements(parseXml(lol))][0]!;
    expect(a.attrs[0]!.value).toBe('<AB');
    expect(textContent(a)).toBe('&lol2;&<raw>');
  });

  it('stops at the caps and on truncated or junk input, without throwing', () => {
    const deep = parseXml(`<r xmlns:p="urn:p">${'<a>'.repeat(XML_LIMITS.maxDepth * 4)}<p:x>found</p:x></r>`);
    expect([...elements(deep)].filter((e) => e.ns === 'urn:p').map(textContent)).toEqual(['found']);
    const many = '<i/>'.repeat(XML_LIMITS.maxNodes + 10);
    expect([...elements(parseXml(many))].length).toBe(XML_LIMITS.maxNodes);
    for (const junk of ['<', '<a b="', '<!--', '<![CDATA[x', '<!DOCTYPE [', '</>', '<a></b></a>', '\u0000<<<>>>', '<?x']) expect(() => parseXml(junk)).not.toThrow();
  });
});

describe('xmpValues', () => {
  const packet = (body: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF ${RDF}><rdf:Description rdf:about="" xmlns:cc="${NS.cc}" xmlns:dc="${NS.dc}">${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;

  it('reads element text, rdf:resource, rdf:Alt/Bag items and attributes', () => {
    expect(xmpValues(packet('<cc:license rdf:resource="https://creativecommons.org/publicdomain/zero/1.0/"/>'), NS.cc, 'license')).toEqual(['https://creativecommons.org/publicdomain/zero/1.0/']);
    expect(xmpValues(packet('<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© A &amp; B</rdf:li><rdf:li>second</rdf:li></rdf:Alt></dc:rights>'), NS.dc, 'rights')).toEqual(['© A & B', 'second']);
    expect(xmpValues(packet('<cc:license>  CC0  </cc:license>'), NS.cc, 'license')).toEqual(['CC0']);
  });

  it('reads a 4 MiB packet in one pass and ignores what lies past the cap', () => {
    const filler = `<dc:subject>${'w '.repeat(1000)}</dc:subject>`.repeat(2100);
    const big = packet(`<cc:license>early</cc:license>${filler}<cc:license>late</cc:license>`);
    expect(big.length).toBeGreaterThan(XML_LIMITS.maxChars);
    expect(xmpValues(Buffer.from(big), NS.cc, 'license')).toEqual(['early']);
  });
});

describe('xmpInBytes on PNG text chunks', () => {
  it('inflates a zTXt/iTXt packet with an output limit: a deflate bomb is skipped, a normal packet read', () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/">${'<!-- pad -->'.repeat(10)}</x:xmpmeta>`;
    const png = (chunk: Buffer) => Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', rgbHeader(1, 1)), chunk, pngChunk('IEND', Buffer.alloc(0))]);
    const itxt = (text: Buffer, compressed: boolean) => pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0', 'latin1'), Buffer.from([compressed ? 1 : 0, 0, 0, 0]), text]));
    expect(xmpInBytes(png(itxt(deflateSync(xmp), true)))).toBe(xmp);
    const bomb = deflateSync(Buffer.alloc(256 * 1024 * 1024, 0x20)); // 256 MiB of spaces in ~256 KiB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(xmpInBytes(png(itxt(bomb, true)))).toBeUndefined();
    expect(xmpInBytes(png(pngChunk('zTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0', 'latin1'), bomb]))))).toBeUndefined();
  });
});
