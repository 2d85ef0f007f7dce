// Hostile inputs to the synchronous parsers, built and checked inside a worker (see bounded.ts): globs, XMP packets, inflate bombs.
import { deflateSync } from 'node:zlib';
import { aiTxtDisallows, parseAiTxt } from '../../../pipeline/optout/ai-txt.js';
import { embeddedOptOut, xmpInBytes } from '../../../pipeline/optout/embedded.js';
import { embeddedLicenceStatements } from '../../../pipeline/optout/embedded-licence.js';
import { parseTdmRepJson, tdmRepFor } from '../../../pipeline/optout/tdm-rep.js';
import { PNG_SIGNATURE, pngChunk, rgbHeader } from '../../../pipeline/util/png-chunk.js';

/** ai.txt rules whose RegExp translation backtracks exponentially on a path of a's, checked against such paths. */
export function catastrophicAiTxt(stars: number, pathLength: number): (string | undefined)[] {
  const rules = [`/${'*a'.repeat(stars)}*b`, `${'*a'.repeat(stars)}*.png`, `/x${'*'.repeat(5000)}y$`, `/${'a*'.repeat(stars)}$`];
  const file = parseAiTxt(`User-Agent: *\n${rules.map((r) => `Disallow: ${r}`).join('\n')}\nAllow: /${'*a'.repeat(stars)}*c\n`);
  const a = 'a'.repeat(pathLength);
  return [`/${a}`, `/${a}.png`, `/${a}?q=${a}`, `/x${a}`, `/z${a}`, `/${a}b`].map((p) => aiTxtDisallows(file, p));
}

/** tdmrep.json locations of the same shape; the first matching location decides. */
export function catastrophicTdmRep(stars: number, pathLength: number): (boolean | undefined)[] {
  const { rules } = parseTdmRepJson(JSON.stringify([{ location: `/${'*a'.repeat(stars)}*b`, 'tdm-reservation': 1 }, { location: `/${'x'.repeat(100_000)}`, 'tdm-reservation': 0 }]));
  const a = 'a'.repeat(pathLength);
  return [`/${a}`, `/${a}b`].map((p) => tdmRepFor(rules, p)?.reserved);
}

const XMP_HEAD = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" xmlns:cc="http://creativecommons.org/ns#">';

/** Packets that made the lazy `[\s\S]*?` regexes quadratic: unclosed elements by the hundred thousand, a huge attribute, deep nesting. */
export function hostileXmp(): { optOut: (string | undefined)[]; statements: number[] } {
  const packets = [
    `${XMP_HEAD}${'<plus:DataMining>'.repeat(200_000)}`,
    `${XMP_HEAD}${'<plus:DataMining rdf:resource="'.repeat(50_000)}`,
    `${XMP_HEAD}<cc:license>${'<rdf:li>'.repeat(300_000)}</cc:license>`,
    `${XMP_HEAD}${'<a>'.repeat(1000)}<plus:DataMining>DMI-PROHIBITED</plus:DataMining>`,
    `${XMP_HEAD}${'<a>'.repeat(500_000)}<plus:DataMining>DMI-PROHIBITED</plus:DataMining>`,
    `${XMP_HEAD}${'<cc:license>'.repeat(50_000)}${'<rdf:li>x'.repeat(50_000)}`,
    `${XMP_HEAD}<plus:DataMining>DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>${' '.repeat(8 * 1024 * 1024)}</rdf:Description></rdf:RDF></x:xmpmeta>`,
    `<!DOCTYPE x [${'<!ENTITY a "&a;&a;">'.repeat(10_000)}]>${XMP_HEAD}<plus:DataMining>&a;</plus:DataMining>`,
  ].map((p) => Buffer.from(p));
  return {
    optOut: packets.map((xmp) => embeddedOptOut({ xmp })),
    statements: packets.map((xmp) => embeddedLicenceStatements(xmp, undefined).length),
  };
}

/** 8 MiB of raw bytes with an unterminated `<x:xmpmeta` every few bytes (the raw scan of embedded.ts). */
export function hostileRawScan(): string | undefined {
  return xmpInBytes(Buffer.from('<x:xmpmeta '.repeat(800_000)));
}

/** PNG zTXt/iTXt XMP chunks that inflate to 256 MiB from well under 1 MiB. */
export function inflateBombs(): { compressedBytes: number; found: (string | undefined)[] } {
  const bomb = deflateSync(Buffer.alloc(256 * 1024 * 1024, 0x20), { level: 9 });
  const png = (chunk: Buffer) => Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', rgbHeader(1, 1)), chunk, pngChunk('IEND', Buffer.alloc(0))]);
  const itxt = pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0', 'latin1'), Buffer.from([1, 0, 0, 0]), bomb]));
  const ztxt = pngChunk('zTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0', 'latin1'), bomb]));
  return { compressedBytes: bomb.length, found: [xmpInBytes(png(itxt)), xmpInBytes(png(ztxt))] };
}
