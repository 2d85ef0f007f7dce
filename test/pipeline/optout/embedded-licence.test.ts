// Licence statements embedded in the file (XMP cc:license, xmpRights:WebStatement, dc:rights; IPTC copyright) vs the item's licence.
import { describe, expect, it } from 'vitest';
import { embeddedLicenceConflict, embeddedLicenceStatements } from '../../../pipeline/optout/embedded-licence.js';
import { iimValues, IIM } from '../../../pipeline/optout/iptc-iim.js';
import { normaliseLicence } from '../../../pipeline/rights/normalise.js';

const xmp = (body: string) =>
  Buffer.from(
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:cc="http://creativecommons.org/ns#" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmlns:dc="http://purl.org/dc/elements/1.1/"${body}</rdf:Description></rdf:RDF></x:xmpmeta>`,
  );

function iim(dataset: number, value: string): Buffer {
  const v = Buffer.from(value);
  return Buffer.concat([Buffer.from('8BIM\x04\x04\0\0', 'latin1'), Buffer.from([0x1c, 2, 0, 0, 2, 0, 4]), Buffer.from([0x1c, 2, dataset, v.length >> 8, v.length & 0xff]), v]);
}

describe('embeddedLicenceStatements', () => {
  it('reads all three XMP fields (element, attribute, rdf:Alt) and the IPTC copyright notice', () => {
    const x = xmp(' xmpRights:WebStatement="https://example.org/rights">' + '<cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"/>' + '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2020 Jane &amp; Co</rdf:li></rdf:Alt></dc:rights>');
    expect(embeddedLicenceStatements(x, iim(IIM.copyrightNotice, 'Public Domain'))).toEqual([
      { field: 'cc:license', statement: 'https://creativecommons.org/licenses/by/4.0/' },
      { field: 'xmpRights:WebStatement', statement: 'https://example.org/rights' },
      { field: 'dc:rights', statement: '© 2020 Jane & Co' },
      { field: 'iptc:CopyrightNotice', statement: 'Public Domain' },
    ]);
  });

  it('skips other IIM datasets', () => {
    expect(iimValues(iim(IIM.credit, 'Museum'), IIM.copyrightNotice)).toEqual([]);
    expect(iimValues(iim(IIM.credit, 'Museum'), IIM.credit)).toEqual(['Museum']);
  });
});

describe('embeddedLicenceConflict', () => {
  const conflict = (body: string, item: 'cc0-1.0' | 'pdm-1.0' | undefined) => embeddedLicenceConflict(embeddedLicenceStatements(xmp(body), undefined), item, normaliseLicence);

  it('a CC BY licence in a file stated CC0 is a conflict', () => {
    expect(conflict('><cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"/>', 'cc0-1.0')).toMatch(/cc:license .*licence\.attribution.*contradicts the stated cc0-1\.0/);
  });

  it('a © notice in dc:rights of a PDM item is a conflict', () => {
    expect(conflict('><dc:rights><rdf:Alt><rdf:li xml:lang="x-default">All rights reserved</rdf:li></rdf:Alt></dc:rights>', 'pdm-1.0')).toMatch(/dc:rights/);
  });

  it('CC0 in a file stated PDM is a conflict; the same licence is not', () => {
    expect(conflict('><cc:license>https://creativecommons.org/publicdomain/zero/1.0/</cc:license>', 'pdm-1.0')).toMatch(/contradicts/);
    expect(conflict('><cc:license>http://creativecommons.org/publicdomain/zero/1.0/legalcode</cc:license>', 'cc0-1.0')).toBeUndefined();
  });

  it('free text and web statements that name no licence neither confirm nor contradict', () => {
    expect(conflict(' xmpRights:WebStatement="https://museum.example.org/terms">', 'cc0-1.0')).toBeUndefined();
    expect(conflict('><dc:rights><rdf:Alt><rdf:li xml:lang="x-default">Photo: Museum archive</rdf:li></rdf:Alt></dc:rights>', 'cc0-1.0')).toBeUndefined();
  });

  it('no item licence, no comparison', () => {
    expect(conflict('><cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"/>', undefined)).toBeUndefined();
  });
});
