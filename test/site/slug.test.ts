// Unit tests of item slugs: URL-safe, one page per id, readable, bounded length.
import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, itemPath, itemPathIds, itemSlug } from '../../site/src/lib/slug.js';

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

  it('keeps the paths already published (pinned from before the slug code was split)', () => {
    expect(itemPath(`src:${'é'.repeat(40)}`)).toBe(`/item/src/${'_c3_a9'.repeat(17)}~84fe2e03d50dd3a1/`);
    expect(itemPath(`${'y'.repeat(140)}:`)).toBe(`/item/${'y'.repeat(103)}~86fcd5bfd72c98f5/_/`);
  });

  it('bounds long ids and keeps them distinct with a hash', () => {
    const a = encodeSegment('x'.repeat(500));
    const b = encodeSegment(`${'x'.repeat(499)}y`);
    expect(a.length).toBeLessThanOrEqual(120);
    expect(a).not.toBe(b);
  });
});

describe('itemPathIds (the inverse of itemPath)', () => {
  const AWKWARD = [
    'museum:obj-001', 'museum:a:b', 'x:../../etc/passwd', 'x:<script>alert(1)</script>', 'x:ünïcode ✓', 'x:a?b#c&d%20',
    'x:.hidden', 'x:', ':x', 'nocolon', '', ':', '::', 'x:_', 'x:~', 'x:__', 'x:a_20b', 'x:\uFEFFbom', 'x:😀'.repeat(3),
    `x:${'x'.repeat(500)}`, `x:${'é'.repeat(200)}`, `x:${'a'.repeat(102)}é`, `x:${'a'.repeat(101)}😀tail`,
    `${'s'.repeat(150)}:obj`, `${'ü'.repeat(70)}:${'ö'.repeat(70)}`, `x:${'.'.repeat(130)}`, 'A B:C.D',
  ];

  it('gives back every id from its item path, exactly or by a prefix whose candidates the path confirms', () => {
    for (const id of AWKWARD) {
      const path = itemPath(id);
      const ref = itemPathIds(path);
      expect(ref, id).not.toBeNull();
      expect(ref!.slug).toBe(itemSlug(id));
      if (ref!.ids.length > 0) {
        expect(ref!.ids, id).toContain(id);
        expect(ref!.prefixes).toEqual([]);
        for (const other of ref!.ids) expect(itemPath(other)).toBe(path); // every candidate has this very page
      } else {
        expect(encodeSegment(id.slice(id.indexOf(':') + 1)).includes('~') || encodeSegment(id.slice(0, Math.max(0, id.indexOf(':')))).includes('~'), id).toBe(true);
        expect(ref!.prefixes.some((p) => id.startsWith(p)), id).toBe(true);
        // narrow enough to look up: at least a third of the shortened segment's 103 characters (all escapes)
        expect(ref!.prefixes.every((p) => new TextEncoder().encode(p).length >= 33), id).toBe(true);
      }
    }
  });

  it('accepts the page path without its slash or with index.html', () => {
    for (const suffix of ['', '/', '/index.html', '/index']) expect(itemPathIds(`/item/museum/obj-1${suffix}`)?.ids).toEqual(['museum:obj-1']);
  });

  it('rejects paths itemPath never writes', () => {
    const long = itemPath(`x:${'é'.repeat(200)}`);
    for (const bad of [
      '/item/museum/', '/items/museum/a/', '/item/a/b/c/', '/item/museum/A_41/', '/item/museum/_4F/', '/item/museum/_zz/',
      '/item/museum/.x/', '/item/museum/a b/', '/item/museum/_/x/', '/item/museum/a~0123456789abcdef/', '/item/museum/_c3/',
      `/item/museum/${'a'.repeat(121)}/`, long.replace(/~[0-9a-f]+\//, '~XYZ/'), long.replace(/\/([^/]{20})[^/]+~/, '/$1~'),
    ]) {
      expect(itemPathIds(bad), bad).toBeNull();
    }
  });

  it('decodes segments it wrote, and nothing else', () => {
    expect(decodeSegment('_')).toEqual({ text: '' });
    expect(decodeSegment('obj_201')).toEqual({ text: 'obj 1' });
    expect(decodeSegment('_2ehidden')).toEqual({ text: '.hidden' });
    expect(decodeSegment('.hidden')).toBeNull();
    expect(decodeSegment('_2E')).toBeNull();
    const short = encodeSegment('é'.repeat(200));
    expect(decodeSegment(short)).toEqual({ start: 'é'.repeat((short.indexOf('~') / 6) | 0), hash: short.slice(-16) });
  });
});
