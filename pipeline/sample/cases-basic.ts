// Sample cases for reading sources and the basic licence decisions: malformed lines, repeated ids, CC0/PDM, missing licence.
import type { CaseModule, SampleCase } from './case.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';

export const basicCases: CaseModule = async () => {
  const pic = (seed: number) => ({ format: 'jpeg' as const, width: 400, height: 300, seed });
  const cases: SampleCase[] = [
    { item: { id: 'lic-cc0-url', title: 'CC0 by URL', licence: CC0 }, picture: pic(8001), expect: 'licence.cc0' },
    { item: { id: 'lic-pdm-url', title: 'PDM by URL', licence: PDM }, picture: pic(8002), expect: 'licence.pdm' },
    { item: { id: 'lic-cc-by-url', title: 'CC BY by URL', licence: 'https://creativecommons.org/licenses/by/4.0/' }, picture: pic(8003), expect: 'licence.attribution' },
    { item: { id: 'lic-missing', title: 'No licence stated' }, picture: pic(8004), expect: 'licence.missing' },
    { item: { id: 'lic-unrecognised', title: 'Unrecognised licence', licence: 'Ask the archivist on Tuesdays' }, picture: pic(8005), expect: 'licence.unrecognised' },
    // personal data in text: accepted, but flagged textPii by the safety stage
    { item: { id: 'text-pii-email', title: 'Orchard notes — write to jane.doe@example.org', licence: CC0, tags: ['call 555-867-5309'] }, picture: pic(8008), expect: 'licence.cc0' },
    // input problems
    { item: { id: 'input-not-json' }, rawLine: '{"id": "input-not-json", "image": "images/x.jpg",', expect: 'input.invalid' },
    { item: { id: 'input-no-image' }, rawLine: JSON.stringify({ id: 'input-no-image', title: 'No image field', licence: CC0 }), expect: 'input.invalid' },
    { item: { id: 'input-bad-id' }, rawLine: JSON.stringify({ id: { nested: true }, image: 'images/x.jpg' }), expect: 'input.invalid' },
    { item: { id: 'input-repeated-id', title: 'First line with this id', licence: CC0 }, picture: pic(8006), expect: 'licence.cc0' },
    { item: { id: 'input-repeated-id', title: 'Second line with the same id', licence: CC0 }, picture: pic(8007), expect: 'input.duplicate-id' },
  ];
  return { cases };
};
