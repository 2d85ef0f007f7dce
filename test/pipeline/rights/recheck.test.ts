// The emit-time licence re-check: evidence from the rights stage passes; tampered or weak evidence does not.
import { expect, test } from 'vitest';
import type { Licence } from '../../../pipeline/catalog/index.js';
import { decideRights } from '../../../pipeline/rights/decide.js';
import { parseRightsHolders } from '../../../pipeline/rights/holders.js';
import { recheckLicence } from '../../../pipeline/rights/recheck.js';

const holders = parseRightsHolders('{"id":"h","status":"verified"}\n{"id":"p","status":"pending"}');
const licenceOf = (input: Parameters<typeof decideRights>[0]): Licence => decideRights(input, holders, 2026).rights!.licence;

test('licences decided by the rights stage pass the re-check', () => {
  expect(recheckLicence(licenceOf({ licence: 'CC0 1.0 Universal' }))).toBeUndefined();
  expect(recheckLicence(licenceOf({ sourceLicence: 'https://creativecommons.org/publicdomain/mark/1.0/' }))).toBeUndefined();
  expect(recheckLicence(licenceOf({ licence: 'optin', rightsHolder: 'h' }))).toBeUndefined();
});

test('tampered, third-party or unverified evidence fails the re-check', () => {
  const cc0 = licenceOf({ licence: 'CC0' });
  expect(recheckLicence({ ...cc0, url: 'https://creativecommons.org.evil.example/publicdomain/zero/1.0/' })).toMatch(/not the canonical/);
  expect(recheckLicence({ ...cc0, id: 'pdm-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/' })).toMatch(/normalises to cc0-1.0/);
  expect(recheckLicence({ ...cc0, evidence: [{ ...cc0.evidence[0]!, statement: 'CC BY 4.0' }] })).toMatch(/licence.attribution/);
  expect(recheckLicence({ ...cc0, evidence: [{ kind: 'embedded', statement: 'CC0', normalised: 'cc0-1.0' }] })).toMatch(/no stated licence/);
  expect(recheckLicence(licenceOf({ licence: 'CC0', assertedBy: 'third-party' }))).toMatch(/third party/);
  expect(recheckLicence(licenceOf({ licence: 'optin', rightsHolder: 'p' }))).toMatch(/verified/);
});
