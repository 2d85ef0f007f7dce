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

test("a moderator's verification carries the licence it names, and only that one", () => {
  const pd = { kind: 'source-record' as const, statement: 'pd', normalised: 'pd-unmarked', assertedBy: 'third-party' as const };
  const moderator = { kind: 'moderator' as const, statement: 'Checked the archive', normalised: 'pdm-1.0', by: 'acct_1', at: '2026-11-20T00:00:00Z' };
  const pdm: Licence = { id: 'pdm-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', evidence: [pd, moderator] };
  expect(recheckLicence(pdm)).toBeUndefined();
  expect(recheckLicence({ ...pdm, evidence: [pd] })).toMatch(/third party/);
  expect(recheckLicence({ ...pdm, id: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' })).toMatch(/moderator's evidence reads pdm-1.0, not cc0-1.0/);
  expect(recheckLicence({ ...pdm, evidence: [pd, { ...moderator, by: undefined }] })).toMatch(/moderator's evidence/);
  expect(recheckLicence({ ...pdm, url: 'https://example.org/pdm' })).toMatch(/not the canonical/);
});
