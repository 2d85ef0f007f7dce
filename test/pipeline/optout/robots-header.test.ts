// X-Robots-Tag: noai / noimageai for everyone or for ClearanceBot; other agents' and other directives do not opt out.
import { describe, expect, it } from 'vitest';
import { robotsHeaderDisallows } from '../../../pipeline/optout/robots-header.js';

describe('robotsHeaderDisallows', () => {
  it.each([
    ['noai', 'X-Robots-Tag: noai'],
    ['noindex, NoImageAI', 'X-Robots-Tag: noimageai'],
    ['ClearanceBot: noai', 'X-Robots-Tag: ClearanceBot: noai'],
    ['otherbot: noindex, clearancebot: noimageai', 'X-Robots-Tag: clearancebot: noimageai'],
    ['GPTBot: noindex, noai', 'X-Robots-Tag: noai'],
    ['unavailable_after: 25 Jun 2010 15:00:00 PST, noai', 'X-Robots-Tag: noai'],
  ])('%s → opt-out', (value, detail) => {
    expect(robotsHeaderDisallows(value)).toBe(detail);
  });

  it.each(['noindex, nofollow', 'GPTBot: noai', 'googlebot: noimageai, noindex', 'max-snippet: 20', '', 'noaiX'])('%s → no opt-out', (value) => {
    expect(robotsHeaderDisallows(value)).toBeUndefined();
  });
});
