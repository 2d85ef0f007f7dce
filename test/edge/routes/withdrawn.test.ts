// GET /v1/withdrawn: which of some ids or item page paths are withdrawn now (the search page asks it for its hits).
import { describe, expect, it } from 'vitest';
import { itemSlugOf } from '../../../edge/src/services/withdrawn.js';
import { withdraw } from '../gone-support.js';
import { call, expectError, seedItem, uid } from '../helpers.js';

const pathOf = async (id: string) => `/item/${await itemSlugOf(id)}/`;
const q = (params: [string, string][]) => `/v1/withdrawn?${new URLSearchParams(params)}`;

async function ask(params: [string, string][]) {
  const res = await call(q(params));
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return (await res.json()) as { ids: string[]; paths: string[] };
}

describe('withdrawn among', () => {
  it('names the withdrawn ones among ids and item page paths, as given', async () => {
    const live = await seedItem({ withFile: false });
    const gone = await seedItem({ id: `test:${uid('g')} é&"`, withFile: false });
    const long = await seedItem({ id: `test:${uid('l')}${'é'.repeat(60)}`, withFile: false });
    await withdraw(gone.id);
    await withdraw(long.id);
    const paths = [await pathOf(live.id), await pathOf(gone.id), await pathOf(long.id), '/item/test/unknown/', '/about/'];
    expect(await ask([['id', live.id], ['id', gone.id], ['id', 'test:nope'], ...paths.map((p): [string, string] => ['path', p])])).toEqual({
      ids: [gone.id],
      paths: [paths[1], paths[2]],
    });
    expect(await ask([['id', gone.id]])).toEqual({ ids: [gone.id], paths: [] });
    expect(await ask([['path', paths[1]!.replace(/-/g, '%2D')]])).toEqual({ ids: [], paths: [paths[1]!.replace(/-/g, '%2D')] });
    expect(await ask([['path', '/item/%E0%A4%A/x/']])).toEqual({ ids: [], paths: [] });
  });

  it('takes 100 in all, and refuses more, none, or over-long values', async () => {
    const items = [];
    for (let i = 0; i < 100; i++) items.push((await seedItem({ withFile: false })).id);
    await withdraw(items[99]!);
    expect(await ask(items.map((id, i): [string, string] => (i % 2 ? ['id', id] : ['path', `/item/test/${id.slice(5)}/`])))).toEqual({ ids: [items[99]], paths: [] });
    await expectError(await call(q([...items.map((id): [string, string] => ['id', id]), ['path', '/item/a/b/']])), 400, 'invalid_request');
    await expectError(await call(q(Array.from({ length: 101 }, (_, i): [string, string] => ['id', `x:${i}`]))), 400, 'invalid_request');
    await expectError(await call('/v1/withdrawn'), 400, 'invalid_request');
    await expectError(await call(q([['id', '']])), 400, 'invalid_request');
    await expectError(await call(q([['id', 'x'.repeat(301)]])), 400, 'invalid_request');
    await expectError(await call(q([['path', `/item/${'x'.repeat(1000)}/`]])), 400, 'invalid_request');
  });

  it('answers hostile input with 200 or 400, never a 5xx', async () => {
    for (const v of ['%', '%E0%A4%A', '\u0000', "' OR '1'='1", '😀'.repeat(70), '/item/_/_/', '/item/%2e%2e/x/', `/item/x/${'_c3'.repeat(34)}~0123456789abcdef/`]) {
      for (const name of ['id', 'path', 'since', 'limit']) {
        for (const route of ['/v1/withdrawn', '/v1/changes']) {
          const res = await call(`${route}?${name}=${encodeURIComponent(v)}`);
          expect([200, 400], `${route} ${name}=${v}`).toContain(res.status);
          await res.arrayBuffer();
        }
      }
    }
  });

  it('is in the OpenAPI document with repeatable parameters', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string; schema: { type?: string } }[] }>> };
    const params = doc.paths['/v1/withdrawn']?.get?.parameters ?? [];
    expect(params.map((p) => [p.name, p.schema.type])).toEqual([['id', 'array'], ['path', 'array']]);
  });
});
