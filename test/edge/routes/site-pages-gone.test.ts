// Item pages of withdrawn items: 410 with a small escaped HTML page at once, whether the page is an asset or in R2.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { itemSlugOf } from '../../../edge/src/services/withdrawn.js';
import { assets, callWithAssets, withdraw } from '../gone-support.js';
import { call, seedItem, uid } from '../helpers.js';

const pathOf = async (id: string) => `/item/${await itemSlugOf(id)}/`;

async function expectGone(res: Response, head = false) {
  expect(res.status).toBe(410);
  expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  const body = await res.text();
  if (head) expect(body).toBe('');
  return body;
}

describe('withdrawn item pages', () => {
  it('answers 410 for a page in R2 once the item is withdrawn, with the date and the way back', async () => {
    const item = await seedItem();
    const path = await pathOf(item.id);
    await env.FILES.put(`site${path}index.html`, `<!doctype html><h1>${item.id}</h1>`);
    const live = await call(path);
    expect(live.status).toBe(200);
    expect(await live.text()).toContain(item.id);
    await withdraw(item.id, '2026-11-25T10:00:00.000Z');
    const body = await expectGone(await call(path));
    expect(body).toContain('This work was withdrawn');
    expect(body).toContain('<time datetime="2026-11-25T10:00:00.000Z">25 November 2026</time>');
    expect(body).toContain('href="/about/opt-out/"');
    expect(body).toContain('href="/"');
    expect(body).not.toContain(item.id); // neither its title nor the moderator's note
    expect(body).not.toContain('private note');
    expect(body).not.toMatch(/<script/i);
    await expectGone(await call(path, { method: 'HEAD' }), true);
    await expectGone(await call(path.slice(0, -1))); // no redirect first
    await expectGone(await call(`${path}index.html`));
    await expectGone(await call(path, { headers: { 'If-None-Match': live.headers.get('ETag')! } }));
  });

  it('answers 410 for a page that is a static asset, without serving the asset', async () => {
    const live = await seedItem();
    const gone = await seedItem();
    const site = assets({ [await pathOf(live.id)]: `<h1>${live.id}</h1>`, [await pathOf(gone.id)]: `<h1>${gone.id}</h1>` });
    await withdraw(gone.id);
    const res = await callWithAssets(site.fetcher, await pathOf(gone.id));
    expect(await expectGone(res)).not.toContain(gone.id);
    await expectGone(await callWithAssets(site.fetcher, await pathOf(gone.id), { method: 'HEAD' }), true);
    const ok = await callWithAssets(site.fetcher, await pathOf(live.id));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(`<h1>${live.id}</h1>`);
    const etag = ok.headers.get('ETag')!;
    expect((await callWithAssets(site.fetcher, await pathOf(live.id), { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('answers 410 even when no page is left (a rebuild removed it) and 404 for an unknown item', async () => {
    const item = await seedItem();
    await withdraw(item.id, 'not a date');
    const body = await expectGone(await call(await pathOf(item.id)));
    expect(body).toContain('<time datetime="not a date">not a date</time>');
    const unknown = await call(await pathOf(`test:${uid('nope')}`));
    expect(unknown.status).toBe(404);
    await unknown.text();
  });

  it('finds awkward ids: escapes, no source, shortened slugs, percent-encoded requests', async () => {
    const ids = [
      `test:${uid('a')} b/c?d#é&<x>`,
      `${uid('nocolon')}`,
      `:${uid('emptysource')}`,
      `test:${uid('long')}${'é'.repeat(80)}`, // shortened: a readable prefix and a hash
      `${'s'.repeat(130)}:${uid('longsource')}`,
    ];
    for (const id of ids) {
      await seedItem({ id });
      await withdraw(id);
      const path = await pathOf(id);
      await expectGone(await call(path));
      const encoded = path.replace(/-/g, '%2D').replace(/_/g, '%5F');
      await expectGone(await call(encoded));
    }
    // a sibling sharing the shortened prefix, but live, keeps its page answer
    const sibling = `test:${ids[3]!.slice(5)}x`;
    await seedItem({ id: sibling });
    expect((await pathOf(sibling)).slice(0, 110)).toBe((await pathOf(ids[3]!)).slice(0, 110));
    const res = await call(await pathOf(sibling));
    expect(res.status).toBe(404);
    await res.text();
  });

  it('answers hostile item and list page paths without a 5xx', async () => {
    const hostile = ['%', '%E0%A4%A', '%00', '..%2f..%2f', '%2e%2e', 'a'.repeat(5000), '😀'.repeat(50), '_', '~', '_zz', `${'_c3'.repeat(40)}~0123456789abcdef`, "' OR '1'='1"];
    for (const h of hostile) {
      for (const path of [`/item/${h}/`, `/item/test/${h}`, `/item/${h}/${h}/`, `/page/${h}/`, `/source/${h}/`, `/licence/${h}`, `/people/${h}/`]) {
        for (const method of ['GET', 'HEAD']) {
          const res = await call(path, { method });
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          await res.arrayBuffer();
        }
      }
    }
  });

  it('never takes a non-canonical or malformed path for an item page', async () => {
    const item = await seedItem({ id: `test:${uid('Case')}` });
    await withdraw(item.id);
    const path = await pathOf(item.id);
    for (const other of [path.toLowerCase(), path.replace('/item/test/', '/item/test/_41'), '/item/%E0%A4%A/x/', '/item/test/']) {
      const res = await call(other);
      expect(res.status, other).toBe(404);
      await res.text();
    }
  });
});
