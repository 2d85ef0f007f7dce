// Unit tests of item slugs: URL-safe, one page per id, readable, bounded length.
import { describe, expect, it } from 'vitest';
import { encodeSegment, itemPath, itemSlug } from '../../site/src/lib/slug.js';

describe('itemSlug', () => {
  it('splits source and foreign id at the first colon and keeps plain ids readable', () => {
    expect(itemSlug('museum:obj-001')).toBe('museum/obj-001');
    expect(itemPath('museum:a:b')).toBe('/item/museum/a_3ab/');
  });

  it('produces only URL- and file-safe characters', () => {
    for (const id of ['x:../../etc/passwd', 'x:<script>alert(1)</script>', 'x:ünïcode ✓', 'x:a?b#c&d%20', 'x:.hidden', 'x:']) {
      const slug = itemSlug(id);
      expect(slug, id).toMatch(/^[A-Za-z0-9._~-]+\/[A-Za-z0-9._~-]+$/);
      expect(slug.split('/').every((s) => !s.startsWith('.')), id).toBe(true);
    }
  });

  it('maps different ids to different slugs, even ones that differ only in punctuation or case', () => {
    const ids = ['s:a b', 's:a_b', 's:a-b', 's:a_20b', 's:A b', 's:a%20b', 's:a.b', 's:a/b'];
    expect(new Set(ids.map(itemSlug)).size).toBe(ids.length);
  });

  it('bounds long ids and keeps them distinct with a hash', () => {
    const a = encodeSegment('x'.repeat(500));
    const b = encodeSegment(`${'x'.repeat(499)}y`);
    expect(a.length).toBeLessThanOrEqual(120);
    expect(a).not.toBe(b);
  });
});
