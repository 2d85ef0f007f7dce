// Table-driven tests of the licence normaliser on real-world statements (provider fixtures, Tate) and lookalikes.
import { describe, expect, test } from 'vitest';
import { normaliseLicence } from '../../../pipeline/rights/normalise.js';

const CC0 = 'licence.cc0';
const PDM = 'licence.pdm';
const BY = 'licence.attribution';
const NC = 'licence.noncommercial';
const ND = 'licence.no-derivatives';
const SA = 'licence.share-alike';
const ARR = 'licence.all-rights-reserved';
const PDU = 'licence.pd-unmarked';
const UNK = 'licence.unrecognised';
const MISSING = 'licence.missing';

/** [statement, expected code, where it was seen] */
const TABLE: [string, string, string][] = [
  // Wikimedia Commons extmetadata (LicenseUrl, LicenseShortName, License, UsageTerms)
  ['http://creativecommons.org/publicdomain/zero/1.0/deed.en', CC0, 'wikimedia LicenseUrl'],
  ['CC0', CC0, 'wikimedia LicenseShortName'],
  ['cc0', CC0, 'wikimedia License template'],
  ['Creative Commons Zero, Public Domain Dedication', CC0, 'wikimedia UsageTerms'],
  ['CC0 http://creativecommons.org/publicdomain/zero/1.0/deed.en', CC0, 'wikimedia name + URL'],
  ['https://creativecommons.org/licenses/by-sa/4.0', SA, 'wikimedia LicenseUrl'],
  ['https://creativecommons.org/licenses/by-sa/2.0', SA, 'wikimedia LicenseUrl'],
  ['https://creativecommons.org/licenses/by-sa/3.0/de/deed.en', SA, 'wikimedia jurisdiction port'],
  ['https://creativecommons.org/licenses/by-sa/3.0/es/deed.en', SA, 'wikimedia jurisdiction port'],
  ['https://creativecommons.org/licenses/by/4.0', BY, 'wikimedia LicenseUrl'],
  ['CC BY-SA 4.0', SA, 'wikimedia LicenseShortName'],
  ['CC BY-SA 3.0 de', SA, 'wikimedia LicenseShortName'],
  ['CC BY 4.0', BY, 'wikimedia LicenseShortName'],
  ['cc-by-sa-4.0', SA, 'wikimedia License template'],
  ['cc-by-sa-3.0-es', SA, 'wikimedia License template'],
  ['cc-by-4.0', BY, 'wikimedia License template'],
  ['Creative Commons Attribution-Share Alike 4.0', SA, 'wikimedia UsageTerms'],
  ['Creative Commons Attribution-Share Alike 3.0 de', SA, 'wikimedia UsageTerms'],
  ['Creative Commons Attribution 4.0', BY, 'wikimedia UsageTerms'],
  ['CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0', SA, 'wikimedia name + URL'],
  ['pd', PDU, 'wikimedia License template'],
  ['Public domain', PDU, 'wikimedia LicenseShortName'],
  ['pd-old-70', PDU, 'wikimedia template'],
  ['PD-US', PDU, 'wikimedia template'],
  ['{{PD-old-100}}', PDU, 'wikimedia template in braces'],
  ['PD-USGov-NASA', PDU, 'wikimedia template'],
  ['No known copyright restrictions', PDU, 'wikimedia/Flickr Commons'],
  ['No restrictions', PDU, 'wikimedia UsageTerms (Flickr Commons)'],
  ['https://www.flickr.com/commons/usage/', PDU, 'wikimedia LicenseUrl (Flickr Commons)'],
  // Museums, aggregators, stock sites
  ['CC0', CC0, 'cleveland share_license_status / smithsonian usage.access'],
  ['http://creativecommons.org/publicdomain/zero/1.0/', CC0, 'europeana rights'],
  ['https://creativecommons.org/share-your-work/public-domain/cc0/', CC0, 'smk rights (non-canonical)'],
  ['https://creativecommons.org/publicdomain/zero/1.0/', CC0, 'rawpixel licenseUrl / nypl rightsStatementURI'],
  ['http://creativecommons.org/licenses/by/4.0/', BY, 'europeana rights (Wellcome)'],
  ['Public domain (isPublicDomain: true)', PDU, 'met isPublicDomain without a licence URL'],
  ['Attribution 4.0 International', BY, 'museums victoria licence.name'],
  ['CC BY', BY, 'museums victoria licence.shortName'],
  ['Copyright Museums Victoria / CC BY', BY, 'museums victoria rightsStatement'],
  ['Copyright Estate of S W Siddeley / All Rights Reserved', ARR, 'museums victoria rightsStatement'],
  ['Copyright unknown / All Rights Reserved', ARR, 'museums victoria rightsStatement'],
  ['In Copyright / All Rights Reserved', ARR, 'museums victoria rightsStatement'],
  ['Copyright Estate of S W Siddeley / Orphan Work', ARR, 'museums victoria rightsStatement'],
  ['CC BY 4.0', BY, 'finnish museums copyright'],
  ['CC BY-SA 4.0', SA, 'science museum usage_terms'],
  ['CC-BY-NC-SA 4.0', NC, 'science museum usage_terms'],
  ['http://creativecommons.org/licenses/by-nc/4.0/', NC, 'inaturalist license_url'],
  ['http://creativecommons.org/licenses/by-nc-nd/4.0/', NC, 'inaturalist license_url'],
  ['http://creativecommons.org/licenses/by-nc-sa/4.0/', NC, 'inaturalist / flickr licence 1'],
  ['https://creativecommons.org/licenses/by-nd/2.0/', ND, 'flickr licence 6'],
  ['https://creativecommons.org/publicdomain/mark/1.0/', PDM, 'flickr licence 10'],
  ['United States Government Work', PDU, 'flickr licence 8'],
  ['Free U.S. Government Image', PDU, 'rawpixel info_label'],
  [
    'To the extent that a jurisdiction grants The New York Public Library a copyright in this item, NYPL makes this item available under a Creative Commons CC0 1.0 Universal Public Domain Dedication.',
    CC0,
    'nypl rightsStatement',
  ],
  [
    'You may download and use Brooklyn Museum images of this three-dimensional work in accordance with a <a href="https://creativecommons.org/licenses/by/3.0/" target="_blank">Creative Commons license</a>. Fair use may also apply.',
    BY,
    'brooklyn rights_type description',
  ],
  [
    'You may download and use Brooklyn Museum images of this three-dimensional work in accordance with a <a href="https://creativecommons.org/publicdomain/zero/1.0/" target="_blank">Creative Commons license</a>. Fair use may also apply.',
    CC0,
    'brooklyn rights_type description',
  ],
  // Tate thumbnailCopyright
  ['© Tate', ARR, 'tate'],
  ['© DACS, 2014', ARR, 'tate'],
  ['© The Henry Moore Foundation; All rights reserved DACS 2014', ARR, 'tate'],
  ['© ADAGP, Paris and DACS, London 2014', ARR, 'tate'],
  ['© Joe Tilson. All Rights Reserved, DACS 2014', ARR, 'tate'],
  ['© The estate of Sir Sidney Nolan. All Rights Reserved 2010 / Bridgeman Art Library', ARR, 'tate'],
  ['The Work of Naum Gabo © Nina & Graham Williams/Tate, London 2014', ARR, 'tate'],
  ['Artwork © Robert Rauschenberg Foundation', ARR, 'tate'],
  ['Courtesy & © Cy Twombly Foundation', ARR, 'tate'],
  ['By permission of the estate of the artist', UNK, 'tate'],
  // Names, forms and free text sources use
  ['CC0 1.0 Universal', CC0, 'name'],
  ['CC0 1.0 Universal (CC0 1.0) Public Domain Dedication', CC0, 'name'],
  ['Public Domain Mark 1.0', PDM, 'name'],
  ['creativecommons.org/publicdomain/mark/1.0', PDM, 'URL without scheme'],
  ['https://creativecommons.org/publicdomain/zero/1.0', CC0, 'missing trailing slash'],
  ['https://www.creativecommons.org/publicdomain/zero/1.0/legalcode', CC0, 'www + legalcode'],
  ['https://creativecommons.org/publicdomain/zero/1.0/legalcode.de', CC0, 'legalcode translation'],
  ['https://creativecommons.org/publicdomain/zero/1.0/deed.pt_BR', CC0, 'deed with region'],
  ['HTTPS://CreativeCommons.org/publicdomain/zero/1.0/?ref=chooser-v1#main', CC0, 'case, query and fragment'],
  ['//creativecommons.org/publicdomain/mark/1.0/deed.fr', PDM, 'protocol-relative'],
  ['https://creativecommons.org/licenses/by/2.0/uk/', BY, 'jurisdiction port'],
  ['https://creativecommons.org/licenses/by-nc-sa/2.5/scotland/legalcode', NC, 'jurisdiction port + legalcode'],
  ['cc-by-nc', NC, 'name'],
  ['CC BY-ND 4.0', ND, 'name'],
  ['Attribution-NonCommercial-NoDerivatives 4.0 International', NC, 'long name'],
  ['Creative Commons Attribution-NoDerivs 3.0 Unported', ND, 'long name'],
  ['All rights reserved', ARR, 'free text'],
  ['(c) 2019 Jane Doe', ARR, 'free text'],
  ['Copyright 2021 ACME Corp.', ARR, 'free text'],
  ['Alle Rechte vorbehalten', ARR, 'free text (de)'],
  ['http://rightsstatements.org/vocab/InC/1.0/', ARR, 'rightsstatements'],
  ['http://rightsstatements.org/vocab/NKC/1.0/', PDU, 'rightsstatements'],
  ['http://rightsstatements.org/vocab/CNE/1.0/', UNK, 'rightsstatements'],
  ['GNU Free Documentation License 1.2', UNK, 'free text'],
  ['free to use', UNK, 'free text'],
  ['https://stocksnap.io/license', UNK, 'site licence page'],
  ['', MISSING, 'empty'],
  ['   ', MISSING, 'blank'],
  ['null', MISSING, 'null string'],
  // Lookalikes and fake paths must never pass
  ['https://creativecommons.org.evil.com/publicdomain/zero/1.0/', UNK, 'lookalike host'],
  ['https://creativecommons.com/publicdomain/zero/1.0/', UNK, 'lookalike host'],
  ['http://creativecommons.org@evil.example/publicdomain/zero/1.0/', UNK, 'userinfo trick'],
  ['https://evil.example/creativecommons.org/publicdomain/zero/1.0/', UNK, 'CC in path'],
  ['https://creativecommons.org:8443/publicdomain/zero/1.0/', UNK, 'port'],
  ['sub.creativecommons.org/publicdomain/zero/1.0/', UNK, 'schemeless subdomain'],
  ['creativecommons.org.evil.example/publicdomain/zero/1.0/', UNK, 'schemeless lookalike'],
  ['https://creativecommons.org/publicdomain/zero/2.0/', UNK, 'no CC0 2.0'],
  ['https://creativecommons.org/publicdomain/zero/1.0/evil', UNK, 'made-up tail'],
  ['https://creativecommons.org/publicdomain/mark/1.0/../../licenses/by/4.0/', UNK, 'dot segments resolve to a made-up path'],
  ['https://creativecommons.org/licenses/zero/1.0/', UNK, 'fake path'],
  ['ftp://creativecommons.org/publicdomain/zero/1.0/', UNK, 'not http(s)'],
  ['https://xn--creativecommns-5jb.org/publicdomain/zero/1.0/', UNK, 'punycode homograph'],
  ['https://creativecommоns.org/publicdomain/zero/1.0/', UNK, 'cyrillic o homograph'],
  ['CC0 https://creativecommons.org.evil.com/publicdomain/zero/1.0/', UNK, 'CC0 name with a lookalike URL'],
  ['CC0 https://creativecommons.org/licenses/by/4.0/', BY, 'contradictory: BY wins'],
  // Traps: waivers that are contradicted, negated or about the metadata only
  ['CC0 1.0 Universal, © 2020 Jane Doe', ARR, 'waiver with a copyright notice'],
  ['Metadata is CC0; the images are not licensed', UNK, 'CC0 for metadata only'],
  ['This image is not CC0', UNK, 'negated'],
  ['No Copyright - United States', PDU, 'rightsstatements name'],
  ['No Copyright - Non-Commercial Use Only', NC, 'rightsstatements name'],
  ['Copyright Not Evaluated', UNK, 'rightsstatements name'],
  ['{{Cc-zero}}', CC0, 'wikimedia template'],
  ['CC-PD-Mark', PDM, 'wikimedia template'],
  ['PDM-owner', UNK, 'wikimedia template: owner misusing the mark'],
  ['{{PD-Art|PD-old-100}}', PDU, 'wikimedia template with parameters'],
  // Embedded XMP/IPTC statements (cc:license, xmpRights:WebStatement, dc:rights)
  ['This work is licensed under a Creative Commons Attribution 4.0 International License.', BY, 'dc:rights'],
  ['To the extent possible under law, the person who associated CC0 with this work has waived all copyright.', CC0, 'dc:rights'],
  ['Copyright 2020 Jane Doe. All rights reserved.', ARR, 'dc:rights'],
];

describe('normaliseLicence', () => {
  test('the table has at least 60 real-world statements', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  test.each(TABLE)('%j → %s (%s)', (statement, code) => {
    const n = normaliseLicence(statement);
    expect(n.code).toBe(code);
    expect(n.detail.length).toBeGreaterThan(0);
    if (code === CC0) expect(n).toMatchObject({ licenceId: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
    else if (code === PDM) expect(n).toMatchObject({ licenceId: 'pdm-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/' });
    else expect(n.licenceId).toBeUndefined();
  });

  test('statements naming two different accepted licences are a conflict, not an accept', () => {
    expect(normaliseLicence('CC0 https://creativecommons.org/publicdomain/mark/1.0/').code).toBe('licence.conflict');
  });

  test('adversarial input neither hangs nor passes (no catastrophic backtracking)', { timeout: 5000 }, () => {
    const inputs = [
      'a'.repeat(19_000),
      `pd-${'a-'.repeat(40)}!`,
      'x.'.repeat(9_000),
      '/'.repeat(19_000),
      'http'.repeat(4_000),
      `${'creativecommons.'.repeat(1_000)}evil/publicdomain/zero/1.0/`,
      'cc by '.repeat(3_000),
      `CC0 ${'©'.repeat(10_000)}`,
      'a'.repeat(100_000),
    ];
    for (const s of inputs) expect(normaliseLicence(s).licenceId).toBeUndefined();
  });

  test('opt-in is not a licence the normaliser grants', () => {
    expect(normaliseLicence('optin').code).toBe(UNK);
  });
});
