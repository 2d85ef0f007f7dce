// Rights stage (minimal, to be deepened by the rights work): CC0/PDM by canonical URL or name, the rest rejected.
import type { Stage } from './stage.js';
import { addReason } from './stage.js';

const CC0 = /^https?:\/\/(www\.)?creativecommons\.org\/publicdomain\/zero\/1\.0\/?/i;
const PDM = /^https?:\/\/(www\.)?creativecommons\.org\/publicdomain\/mark\/1\.0\/?/i;

export function rightsStage(): Stage {
  return {
    name: 'rights',
    version: '0',
    runsOn: 'candidate',
    async process(work) {
      const stated = work.item.licence ?? work.source.licence;
      if (!stated) return addReason(work, 'licence.missing', 'no licence stated');
      const s = stated.trim();
      const id = CC0.test(s) || /^cc0( 1\.0)?( universal)?$/i.test(s) ? 'cc0-1.0' : PDM.test(s) || /^public domain mark( 1\.0)?$/i.test(s) ? 'pdm-1.0' : undefined;
      if (!id) return addReason(work, 'licence.unrecognised', `not CC0 or PDM: ${s}`);
      const url = id === 'cc0-1.0' ? 'https://creativecommons.org/publicdomain/zero/1.0/' : 'https://creativecommons.org/publicdomain/mark/1.0/';
      const assertedBy = work.item.assertedBy ?? work.source.assertedBy ?? 'institution';
      work.rights = {
        licence: { id, url, evidence: [{ kind: work.item.licence ? 'source-record' : 'source-default', statement: s, normalised: id, assertedBy }] },
        priceMicros: 0,
        assertedBy,
      };
      addReason(work, id === 'cc0-1.0' ? 'licence.cc0' : 'licence.pdm', `stated: ${s}`);
    },
  };
}
