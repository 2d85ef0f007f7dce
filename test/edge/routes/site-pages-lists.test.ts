// Gallery list pages through the Worker: withdrawn items' cards are dropped at once, everything else is left as built.
import { describe, expect, it } from 'vitest';
import { escape } from '../../../site/src/render/html.js';
import { assets, callWithAssets, withdraw } from '../gone-support.js';
import { seedItem, uid } from '../helpers.js';

/** A card as site/src/render/gallery.ts writes it (test/site/render/gallery.test.ts pins the attribute's form). */
const card = (id: string) =>
  `<li data-testid="gallery-item" data-item-id="${escape(id)}" data-safety="hide" data-nsfw="0.1" data-faces="0"><a href="/item/x/${encodeURIComponent(id)}/"><img src="/files/thumb/ab/ab.webp" alt="${escape(id)}" width="320" height="240" loading="lazy" decoding="async"><span>${escape(id)}</span></a></li>`;
const page = (ids: string[]) =>
  `<!doctype html><html lang="en"><head><title>Gallery</title></head><body><main id="main"><h1>Images</h1><p>${ids.length} images</p>` +
  `<ul class="grid" data-testid="gallery">${ids.map(card).join('')}</ul><nav aria-label="Pages"></nav></main></body></html>`;

async function items(n: number, prefix = 'test:') {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await seedItem({ id: `${prefix}${uid('g')}`, withFile: false })).id);
  return out;
}

describe('gallery list pages', () => {
  it('drop the card of a withdrawn item and keep the rest of the page byte for byte', async () => {
    const ids = await items(4);
    const html = page(ids);
    const site = assets({ '/': html, '/page/2/': html, '/source/test/': html, '/licence/cc0-1.0/': html, '/people/': html });
    for (const path of ['/', '/page/2/', '/source/test/', '/licence/cc0-1.0/', '/people/']) {
      const before = await callWithAssets(site.fetcher, path);
      expect(before.status).toBe(200);
      expect(await before.text()).toBe(html);
    }
    await withdraw(ids[1]!);
    await withdraw(ids[3]!);
    for (const path of ['/', '/page/2/', '/source/test/', '/licence/cc0-1.0/', '/people/']) {
      const res = await callWithAssets(site.fetcher, path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(html.replace(card(ids[1]!), '').replace(card(ids[3]!), ''));
    }
  });

  it('are always read whole and sent without validators, to be revalidated on every view', async () => {
    const ids = await items(2);
    const site = assets({ '/': page(ids) });
    const first = await callWithAssets(site.fetcher, '/');
    expect(first.headers.get('ETag')).toBeNull();
    expect(first.headers.get('Content-Length')).toBeNull();
    expect(first.headers.get('Cache-Control')).toBe('no-cache');
    expect(first.headers.get('Content-Type')).toBe('text/html');
    await first.text();
    await withdraw(ids[0]!);
    // a browser revalidating its copy (which still shows the card) gets the page anew, not a 304
    const again = await callWithAssets(site.fetcher, '/', { headers: { 'If-None-Match': '"anything"', 'If-Modified-Since': new Date().toUTCString(), Range: 'bytes=0-10' } });
    expect(again.status).toBe(200);
    const body = await again.text();
    expect(body).not.toContain(escape(ids[0]!));
    expect(body).toContain(escape(ids[1]!));
    const asked = site.requests.at(-1)!;
    expect(asked.headers.get('If-None-Match')).toBeNull();
    expect(asked.headers.get('Range')).toBeNull();
    const head = await callWithAssets(site.fetcher, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).toBeNull();
    expect(await head.text()).toBe('');
  });

  it('match ids written with entities, and check pages of more than 100 cards in one go', async () => {
    const odd = await items(3, `test:a&b "c" 'd' <e> `);
    const many = await items(230);
    const ids = [...odd, ...many];
    await withdraw(odd[1]!);
    for (const i of [0, 99, 100, 229]) await withdraw(many[i]!);
    const site = assets({ '/page/3/': page(ids) });
    const body = await (await callWithAssets(site.fetcher, '/page/3/')).text();
    const shown = [...body.matchAll(/data-item-id="([^"]*)"/g)].map((m) => m[1]);
    const expected = ids.filter((id) => id !== odd[1] && ![0, 99, 100, 229].map((i) => many[i]).includes(id)).map(escape);
    expect(shown).toEqual(expected);
  });

  it('pass the assets’ redirects, 404 page and non-HTML answers through', async () => {
    const site = assets({ '/page/2/': page(await items(1)) });
    const redirect = await callWithAssets(site.fetcher, '/page/2', { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('Location')).toBe('/page/2/');
    const missing = await callWithAssets(site.fetcher, '/source/nothing/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Not found');
  });
});
