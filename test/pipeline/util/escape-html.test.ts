// The one HTML escaper: the five characters that matter in text and quoted attributes, nothing else.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../pipeline/util/escape-html.js';
import { escape } from '../../../site/src/render/html.js';

describe('escapeHtml', () => {
  it('writes & < > " and \' as entities, ampersands first, and leaves other text alone', () => {
    expect(escapeHtml(`<a href="x?a=1&b='2'">é &amp;</a>`)).toBe('&lt;a href=&quot;x?a=1&amp;b=&#39;2&#39;&quot;&gt;é &amp;amp;&lt;/a&gt;');
    expect(escapeHtml(0.25)).toBe('0.25');
  });

  it('is the escaper the site templates use', () => {
    expect(escape).toBe(escapeHtml);
  });
});
