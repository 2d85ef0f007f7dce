// Gallery cards name their item (data-item-id) in the form the Worker reads to drop a withdrawn item's card.
import { describe, expect, it } from 'vitest';
import { galleryCard, galleryMain } from '../../../site/src/render/gallery.js';
import { escape } from '../../../site/src/render/html.js';
import type { Card } from '../../../site/src/lib/records.js';

const card = (id: string, title = 'A title'): Card => ({
  id, title, source: 'museum', width: 640, height: 480, placeholder: '', safety: { nsfw: 0.1, faces: 0, faceScore: null, textPii: false },
  licence: { id: 'cc0-1.0' }, provenance: { release: '2026-11', retrievedAt: '2026-11-01T00:00:00Z' }, files: { thumb: 'thumb/ab/ab.webp' },
});

describe('gallery cards', () => {
  it('carry the item id as data-item-id: double-quoted, escaped by the template escaper (edge/src/services/gallery-filter.ts reads exactly this)', () => {
    for (const id of ['museum:obj-1', `museum:a&b "c" 'd' <e>`, 'museum:ünï ✓']) {
      const markup = galleryCard(card(id, id), false).value;
      expect(markup.startsWith(`<li data-testid="gallery-item" data-item-id="${escape(id)}"`), id).toBe(true);
      expect(markup.match(/\sdata-item-id="([^"]*)"/g), id).toHaveLength(1);
    }
  });

  it('are the only elements of a list page that carry data-item-id', () => {
    const items = [card('museum:a'), card('museum:b'), card('museum:c')];
    const main = galleryMain({ heading: 'Gallery', items, total: 3, current: 1, last: 1, href: () => '/', facets: { sources: [], licences: [], people: 0 } }).value;
    expect([...main.matchAll(/\sdata-item-id="([^"]*)"/g)].map((m) => m[1])).toEqual(['museum:a', 'museum:b', 'museum:c']);
    expect(main.match(/<li data-testid="gallery-item"/g)).toHaveLength(3);
  });
});
