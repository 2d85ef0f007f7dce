// A release mixing good items with 40 hostile ones (one or more per class of issue #15), each with the decision it must get.
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { pngWithCaBX } from '../../../pipeline/sample/c2pa-write.js';
import { NOT_AN_IMAGE, pngBomb, truncate } from '../../../pipeline/sample/bad-files.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { pngChunk } from '../../../pipeline/util/png-chunk.js';
import { writeMetadataLaden } from './metadata-files.js';
import { CC0 } from './release.js';

export interface Expected {
  /** Decision id → the main code it must get ('accepted' means any accepted licence code). */
  good: Record<string, 'accepted'>;
  hostile: Record<string, string>;
}

/** A PNG with extra chunks inserted after IHDR. */
function withChunks(png: Buffer, chunks: Buffer[]): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}

const itxt = (text: Buffer, compressed: boolean) => pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0', 'latin1'), Buffer.from([compressed ? 1 : 0, 0, 0, 0]), text]));
const XMP_HEAD = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/">';

function box(type: string, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + payload.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, payload]);
}

/** JUMBF superboxes nested `depth` deep (8 bytes each). */
function deepJumbf(depth: number): Buffer {
  const out = Buffer.alloc(8 * depth);
  for (let i = 0; i < depth; i++) {
    out.writeUInt32BE(8 * (depth - i), 8 * i);
    out.write('jumb', 8 * i + 4, 'latin1');
  }
  return out;
}

/** A training-mining assertion whose CBOR nests arrays 100,000 deep. */
function cborBomb(): Buffer {
  const uuid = (tag: string) => Buffer.concat([Buffer.from(tag, 'latin1'), Buffer.from('00110010800000aa00389b71', 'hex')]);
  const sb = (tag: string, label: string, children: Buffer[]) => box('jumb', Buffer.concat([box('jumd', Buffer.concat([uuid(tag), Buffer.from([3]), Buffer.from(`${label}\0`)])), ...children]));
  const cbor = Buffer.concat([Buffer.alloc(100_000, 0x81), Buffer.from([0x00])]);
  return sb('c2pa', 'c2pa', [sb('c2ma', 'urn:uuid:bomb', [sb('c2as', 'c2pa.assertions', [sb('cbor', 'c2pa.training-mining', [box('cbor', cbor)])])])]);
}

/** A JPEG whose frame header claims 65,000 × 65,000 pixels. */
async function jpegClaiming(side: number): Promise<Buffer> {
  const jpeg = Buffer.from(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#446688' } }).jpeg().toBuffer());
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xc0) {
      jpeg.writeUInt16BE(side, i + 5);
      jpeg.writeUInt16BE(side, i + 7);
      break;
    }
  }
  return jpeg;
}

export async function writeHostileRelease(release: string, outside: string, goodCount = 24): Promise<Expected> {
  const img = join(release, 'images');
  await mkdir(img, { recursive: true });
  const lines: string[] = [];
  const good: Expected['good'] = {};
  const hostile: Expected['hostile'] = {};
  const add = (id: string, item: Record<string, unknown>, expect: string) => {
    lines.push(JSON.stringify({ id, licence: CC0, ...item }));
    if (expect === 'good') good[`m:${id}`] = 'accepted';
    else hostile[`m:${id}`] = expect;
  };
  const file = async (name: string, bytes: Buffer) => (await writeFile(join(img, name), bytes), `images/${name}`);
  const pic = (seed: number, format: 'jpeg' | 'png' | 'webp' = 'png') => drawImage({ format, width: 320, height: 240, seed });

  for (let i = 0; i < goodCount; i++) {
    const format = (['jpeg', 'png', 'webp'] as const)[i % 3]!;
    add(`good-${i}`, { image: await file(`good-${i}.${format === 'jpeg' ? 'jpg' : format}`, await pic(3000 + i, format)), sourceUrl: `https://good.example/works/${i}` }, 'good');
  }

  // Published bytes: loaded with EXIF GPS, XMP, IPTC, COM, C2PA (with GPS), MPF, trailers. Accepted, stripped.
  const laden = await writeMetadataLaden(img, 3100);
  for (const [format, name] of Object.entries(laden)) add(`laden-${format}`, { image: `images/${name}` }, 'accepted');

  // XMP and inflate bombs, deep/huge C2PA.
  const bomb = deflateSync(Buffer.alloc(256 * 1024 * 1024, 0x20), { level: 1 });
  add('itxt-bomb', { image: await file('itxt-bomb.png', withChunks(await pic(3201), [itxt(bomb, true)])) }, 'accepted');
  add('ztxt-bomb', { image: await file('ztxt-bomb.png', withChunks(await pic(3202), [pngChunk('zTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0', 'latin1'), bomb]))])) }, 'accepted');
  add('xmp-unclosed-6mib', { image: await file('xmp-huge.png', withChunks(await pic(3203), [itxt(Buffer.from(`${XMP_HEAD}${'<plus:DataMining>'.repeat(360_000)}`), false)])) }, 'accepted');
  add('xmp-deep-optout', { image: await file('xmp-deep.png', withChunks(await pic(3204), [itxt(Buffer.from(`${XMP_HEAD}${'<a>'.repeat(1000)}<plus:DataMining>DMI-PROHIBITED</plus:DataMining>`), false)])) }, 'optout.embedded');
  add('xmp-entities', { image: await file('xmp-entities.png', withChunks(await pic(3205), [itxt(Buffer.from(`<!DOCTYPE x [${'<!ENTITY a "&a;&a;">'.repeat(5000)}]>${XMP_HEAD}<plus:DataMining>&a;</plus:DataMining>`), false)])) }, 'accepted');
  add('c2pa-deep', { image: await file('c2pa-deep.png', pngWithCaBX(await pic(3206), deepJumbf(100_000))) }, 'accepted');
  add('c2pa-cbor-bomb', { image: await file('c2pa-cbor.png', pngWithCaBX(await pic(3207), cborBomb())) }, 'accepted');

  // Image bombs and bad files.
  add('pixel-bomb', { image: await file('pixel-bomb.png', pngBomb()) }, 'image.too-large');
  add('jpeg-claims-65000', { image: await file('claims.jpg', await jpegClaiming(65_000)) }, 'image.too-large');
  add('truncated', { image: await file('truncated.jpg', truncate(await pic(3208, 'jpeg'))) }, 'image.unreadable');
  add('not-an-image', { image: await file('text.jpg', NOT_AN_IMAGE) }, 'image.unreadable');

  // Special files and paths.
  execFileSync('mkfifo', [join(img, 'fifo.jpg')]);
  add('fifo', { image: 'images/fifo.jpg' }, 'image.fetch-failed');
  await mkdir(join(img, 'dir.jpg'));
  add('directory', { image: 'images/dir.jpg' }, 'image.fetch-failed');
  await symlink('/dev/zero', join(img, 'zero.jpg'));
  add('link-dev-zero', { image: 'images/zero.jpg' }, 'input.invalid');
  await writeFile(join(outside, 'outside.jpg'), await pic(3209, 'jpeg'));
  await symlink(join(outside, 'outside.jpg'), join(img, 'outside.jpg'));
  add('link-outside', { image: 'images/outside.jpg' }, 'input.invalid');
  add('dot-dot', { image: '../outside.jpg' }, 'input.invalid');
  add('absolute', { image: '/etc/passwd' }, 'input.invalid');
  add('file-url', { image: 'file:///etc/passwd' }, 'input.invalid');

  // SSRF: special-purpose addresses in every spelling (no loopback opt-in for this build).
  const ssrf = ['http://127.0.0.1:9/x.jpg', 'http://localhost/x.jpg', 'http://[::1]/x.jpg', 'http://10.0.0.1/x.jpg', 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/x.jpg', 'http://0x7f.1/x.jpg', 'http://[::ffff:127.0.0.1]/x.jpg', 'http://100.64.0.1/x.jpg', 'http://[fd00::1]/x.jpg', 'http://0.0.0.0/x.jpg', 'http://224.0.0.1/x.jpg', 'http://192.168.0.1/x.jpg'];
  ssrf.forEach((url, i) => add(`ssrf-${i}`, { image: url }, 'image.fetch-failed'));

  // Catastrophic robots-style patterns in ai.txt and tdmrep.json.
  await mkdir(join(release, 'optout', 'ai'), { recursive: true });
  await mkdir(join(release, 'optout', 'tdm'), { recursive: true });
  await writeFile(join(release, 'optout', 'ai', 'globs.example.txt'), `User-Agent: *\nDisallow: /${'*a'.repeat(30)}*b\nDisallow: /x${'*'.repeat(5000)}y$\nDisallow: /${'a*'.repeat(30)}$\nAllow: /${'*a'.repeat(40)}*c\n`);
  await writeFile(join(release, 'optout', 'tdm', 'tdm.example.json'), JSON.stringify([{ location: `/${'*a'.repeat(30)}*b`, 'tdm-reservation': 1 }]));
  add('ai-txt-match', { image: await file('ai-1.png', await pic(3210)), sourceUrl: `https://globs.example/${'a'.repeat(5000)}` }, 'optout.ai-txt');
  add('ai-txt-no-match', { image: await file('ai-2.png', await pic(3211)), sourceUrl: `https://globs.example/${'z'.repeat(5000)}` }, 'accepted');
  add('tdm-rep-match', { image: await file('tdm-1.png', await pic(3212)), sourceUrl: `https://tdm.example/${'a'.repeat(5000)}b` }, 'optout.tdm-rep');

  // Manifest lines.
  lines.push(JSON.stringify({ id: 'huge-line', image: 'images/good-0.jpg', licence: CC0, description: 'x'.repeat(1_500_000) }));
  hostile[`m:m.jsonl#${lines.length}`] = 'input.invalid';
  lines.push('{"id": "broken", "image": ');
  hostile[`m:m.jsonl#${lines.length}`] = 'input.invalid';
  add('price-over-bound', { image: 'images/good-1.png', licence: 'optin', rightsHolder: 'x', priceMicros: 10 ** 12 }, 'input.invalid');
  lines.push(JSON.stringify({ id: 'good-0', image: 'images/good-0.jpg', licence: CC0 }));
  hostile[`m:good-0#dup`] = 'input.duplicate-id';

  // Sources: a FIFO manifest and a glob that matches a link out of the release.
  execFileSync('mkfifo', [join(release, 'fifo.jsonl')]);
  hostile['f:fifo.jsonl'] = 'input.invalid';
  await mkdir(join(release, 'parts'));
  await writeFile(join(outside, 'stolen.jsonl'), `${JSON.stringify({ id: 'stolen', image: 'x.jpg', licence: CC0 })}\n`);
  await symlink(join(outside, 'stolen.jsonl'), join(release, 'parts', 'a.jsonl'));
  hostile['p:parts/a.jsonl'] = 'input.invalid';

  await writeFile(join(release, 'm.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(
    join(release, 'release.json'),
    JSON.stringify({
      name: 'hostile-mix',
      sources: [
        { name: 'm', adapter: 'manifest', path: 'm.jsonl' },
        { name: 'f', adapter: 'manifest', path: 'fifo.jsonl' },
        { name: 'p', adapter: 'manifest', path: 'parts/*.jsonl' },
      ],
      optOut: { aiTxt: 'optout/ai', tdmRep: 'optout/tdm' },
    }),
  );
  return { good, hostile };
}
