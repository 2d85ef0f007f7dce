// Plain accepted items that fill the sample up to --count: varied sizes and formats, CC0 or PDM by URL.
import type { CaseModule, DrawnImage, SampleCase } from './case.js';
import { prng } from '../util/prng.js';

const LICENCES = [
  ['https://creativecommons.org/publicdomain/zero/1.0/', 'licence.cc0'],
  ['https://creativecommons.org/publicdomain/mark/1.0/', 'licence.pdm'],
] as const;
const FORMATS: DrawnImage['format'][] = ['jpeg', 'png', 'webp'];
const SUBJECTS = ['Orchard', 'Harbour', 'Garden', 'Meadow', 'Study', 'Still life', 'Landscape', 'Pattern'];

export const fillerCases: CaseModule = async ({ count }) => {
  const r = prng(424242);
  const cases: SampleCase[] = [];
  for (let i = 0; i < count; i++) {
    const [licence, expect] = LICENCES[i % 2]!;
    const long = 160 + Math.floor(r() * 700);
    const ratio = 0.6 + r() * 0.8;
    const landscape = r() < 0.6;
    const w = landscape ? long : Math.round(long * ratio);
    const h = landscape ? Math.round(long * ratio) : long;
    cases.push({
      item: {
        id: `plain-${String(i).padStart(4, '0')}`,
        title: `${SUBJECTS[i % SUBJECTS.length]} no. ${i + 1}`,
        creator: i % 3 === 0 ? undefined : `Sample Artist ${(i % 7) + 1}`,
        licence,
        tags: ['sample', SUBJECTS[i % SUBJECTS.length]!.toLowerCase()],
        sourceUrl: `https://example.org/works/${i}`,
      },
      picture: { format: FORMATS[i % 3]!, width: w, height: h, seed: 1000 + i },
      expect,
    });
  }
  return { cases };
};
