// XMP plus:DataMining: prohibiting values in element, attribute and rdf:resource form, under any prefix; real files written by sharp.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { plusDataMiningProhibits } from '../../../pipeline/optout/plus-data-mining.js';
import { embeddedOptOut, xmpInBytes } from '../../../pipeline/optout/embedded.js';

const packet = (body: string, ns = 'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"') =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${ns}>${body}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

describe('plusDataMiningProhibits', () => {
  it.each([
    ['element URI', packet('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>'), 'DMI-PROHIBITED-AIMLTRAINING'],
    ['rdf:resource', packet('<plus:DataMining rdf:resource="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-GENAIMLTRAINING"/>'), 'DMI-PROHIBITED-GENAIMLTRAINING'],
    ['other prefix', packet('<p:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</p:DataMining>', 'xmlns:p="http://ns.useplus.org/ldf/xmp/1.0/"'), 'DMI-PROHIBITED'],
    ['except search', packet('<plus:DataMining>DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING</plus:DataMining>'), 'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING'],
    ['see constraint', packet('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-SEECONSTRAINT</plus:DataMining>'), 'DMI-PROHIBITED-SEECONSTRAINT'],
  ])('%s → prohibited', (_, xmp, code) => {
    expect(plusDataMiningProhibits(Buffer.from(xmp))).toBe(`XMP plus:DataMining ${code}`);
  });

  it('attribute form (rdf:Description plus:DataMining="…")', () => {
    const xmp = packet('', 'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" plus:DataMining="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"');
    expect(plusDataMiningProhibits(xmp)).toMatch(/AIMLTRAINING/);
  });

  it.each([
    ['allowed', packet('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-ALLOWED</plus:DataMining>')],
    ['unspecified', packet('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-UNSPECIFIED</plus:DataMining>')],
    ['wrong namespace', packet('<plus:DataMining>DMI-PROHIBITED</plus:DataMining>', 'xmlns:plus="http://example.org/not-plus/"')],
    ['absent', packet('<dc:title>x</dc:title>')],
  ])('%s → not prohibited', (_, xmp) => {
    expect(plusDataMiningProhibits(xmp)).toBeUndefined();
  });
});

describe('embeddedOptOut on files written by sharp', () => {
  it('finds plus:DataMining in a JPEG and a PNG, in the XMP buffer sharp reports and in the raw bytes', async () => {
    const xmp = packet('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>');
    for (const format of ['jpeg', 'png'] as const) {
      const data = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).withXmp(xmp).toFormat(format).toBuffer();
      const meta = await sharp(data).metadata();
      expect(embeddedOptOut({ xmp: meta.xmp, data })).toMatch(/AIMLTRAINING/);
      expect(embeddedOptOut({ data })).toMatch(/AIMLTRAINING/);
      expect(xmpInBytes(data)).toContain('DataMining');
    }
    const plain = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).png().toBuffer();
    expect(embeddedOptOut({ data: plain })).toBeUndefined();
  });
});
