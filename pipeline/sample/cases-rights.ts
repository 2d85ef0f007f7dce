// Sample cases for the rights stage: every licence.* code, CC URL forms, lookalikes, source-level licences, opt-in holders.
import type { CaseModule, SampleCase } from './case.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
/** A seed range of its own so these pictures never duplicate other modules' (filler uses 1000 + i). */
const SEED = 10_000_000;
const MUSEUM = 'sample-museum';
const REUPLOADS = 'sample-reuploads';
const HOLDERS_FILE = 'rights-holders.jsonl';

const HOLDERS = [
  { id: 'studio-aurora', name: 'Studio Aurora', status: 'verified', defaultPriceMicros: 2000 },
  { id: 'atelier-nord', name: 'Atelier Nord', status: 'verified' },
  { id: 'pending-press', name: 'Pending Press', status: 'pending', defaultPriceMicros: 1000 },
  { id: 'gone-gallery', name: 'Gone Gallery', status: 'revoked' },
];

type Row = [id: string, expect: SampleCase['expect'], item: Partial<SampleCase['item']>, source?: string];

const ROWS: Row[] = [
  // accepted: CC0 and PDM in the forms sources use
  ['rights-cc0-http-deed', 'licence.cc0', { licence: 'http://creativecommons.org/publicdomain/zero/1.0/deed.en' }],
  ['rights-cc0-name', 'licence.cc0', { licence: 'CC0 1.0 Universal' }],
  ['rights-cc0-www-legalcode', 'licence.cc0', { licence: 'https://www.creativecommons.org/publicdomain/zero/1.0/legalcode' }],
  ['rights-cc0-no-slash-query', 'licence.cc0', { licence: 'https://creativecommons.org/publicdomain/zero/1.0?ref=chooser#main' }],
  ['rights-cc0-info-page', 'licence.cc0', { licence: 'https://creativecommons.org/share-your-work/public-domain/cc0/' }],
  ['rights-pdm-name', 'licence.pdm', { licence: 'Public Domain Mark 1.0' }],
  ['rights-pdm-deed', 'licence.pdm', { licence: 'https://creativecommons.org/publicdomain/mark/1.0/deed.fr' }],
  // rejected: every CC element, reservations, lookalikes, unknown text, nothing stated
  ['rights-by-name', 'licence.attribution', { licence: 'CC BY 4.0' }],
  ['rights-by-jurisdiction-port', 'licence.attribution', { licence: 'https://creativecommons.org/licenses/by/2.0/uk/' }],
  ['rights-nc-short', 'licence.noncommercial', { licence: 'cc-by-nc' }],
  ['rights-by-nc-sa-url', 'licence.noncommercial', { licence: 'https://creativecommons.org/licenses/by-nc-sa/2.0/' }],
  ['rights-nd-name', 'licence.no-derivatives', { licence: 'CC BY-ND 4.0' }],
  ['rights-sa-template', 'licence.share-alike', { licence: 'cc-by-sa-3.0-de' }],
  ['rights-all-reserved', 'licence.all-rights-reserved', { licence: '© The estate of the artist. All rights reserved' }],
  ['rights-copyright-notice', 'licence.all-rights-reserved', { licence: '© Tate' }],
  ['rights-lookalike-subdomain', 'licence.unrecognised', { licence: 'https://creativecommons.org.evil.example/publicdomain/zero/1.0/' }],
  ['rights-lookalike-dotcom', 'licence.unrecognised', { licence: 'https://creativecommons.com/publicdomain/zero/1.0/' }],
  ['rights-lookalike-userinfo', 'licence.unrecognised', { licence: 'http://creativecommons.org@evil.example/publicdomain/zero/1.0/' }],
  ['rights-fake-cc0-path', 'licence.unrecognised', { licence: 'https://creativecommons.org/publicdomain/zero/2.0/' }],
  ['rights-free-text', 'licence.unrecognised', { licence: 'By permission of the estate of the artist' }],
  ['rights-missing-old-creator', 'licence.missing', { creator: 'An Old Master', creatorDeathYear: 1850 }],
  // held for review
  ['rights-pd-template', 'licence.pd-unmarked', { licence: 'pd' }],
  ['rights-no-known-restrictions', 'licence.pd-unmarked', { licence: 'No known copyright restrictions' }],
  ['rights-us-government', 'licence.pd-unmarked', { licence: 'United States Government Work' }],
  ['rights-third-party-item', 'licence.third-party-assertion', { licence: CC0, assertedBy: 'third-party' }],
  ['rights-third-party-source', 'licence.third-party-assertion', { licence: 'CC0' }, REUPLOADS],
  ['rights-source-default-cc0', 'licence.cc0', {}, MUSEUM],
  ['rights-conflict-with-source', 'licence.conflict', { licence: 'Public Domain Mark 1.0' }, MUSEUM],
  // opt-in by rights holders
  ['rights-optin-priced', 'licence.optin', { licence: 'optin', rightsHolder: 'studio-aurora', priceMicros: 5000 }],
  ['rights-optin-default-price', 'licence.optin', { licence: 'optin', rightsHolder: 'studio-aurora' }],
  ['rights-optin-free', 'licence.optin', { licence: 'optin', rightsHolder: 'atelier-nord' }],
  ['rights-optin-pending', 'licence.optin-unverified', { licence: 'optin', rightsHolder: 'pending-press', priceMicros: 3000 }],
  ['rights-optin-revoked', 'licence.optin-unverified', { licence: 'optin', rightsHolder: 'gone-gallery' }],
  ['rights-optin-unknown-holder', 'licence.optin-unverified', { licence: 'optin', rightsHolder: 'nobody-listed' }],
  ['rights-optin-no-holder', 'licence.optin-unverified', { licence: 'optin' }],
];

export const rightsCases: CaseModule = async () => {
  const formats = ['jpeg', 'png', 'webp'] as const;
  const cases: SampleCase[] = ROWS.map(([id, expect, item, source], i) => ({
    item: { title: id.replace(/^rights-/, '').replace(/-/g, ' '), sourceUrl: `https://example.org/rights/${id}`, ...item, id },
    ...(source && { source }),
    picture: { format: formats[i % 3]!, width: 360 + (i % 5) * 40, height: 280 + (i % 4) * 30, seed: SEED + i },
    expect,
  }));
  return {
    cases,
    files: { [HOLDERS_FILE]: `${HOLDERS.map((h) => JSON.stringify(h)).join('\n')}\n` },
    release: {
      rightsHolders: HOLDERS_FILE,
      sources: [
        { name: MUSEUM, adapter: 'manifest', path: `${MUSEUM}.jsonl`, licence: CC0, assertedBy: 'institution' },
        { name: REUPLOADS, adapter: 'manifest', path: `${REUPLOADS}.jsonl`, assertedBy: 'third-party' },
      ],
    },
  };
};
