// The download route's input checks keep the limits its OpenAPI schema states (id, signed-URL fields).
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem } from '../helpers.js';

type Doc = { paths: Record<string, { get?: { parameters?: { name: string; in: string; schema?: { maxLength?: number } }[] } }> };

describe('download input', () => {
  it('accepts ids of 1 to 300 characters and refuses longer ones with a 400, before any credential check', async () => {
    const acct = await newAccount();
    const longest = await seedItem({ id: `test:${'a'.repeat(295)}` });
    expect(longest.id.length).toBe(300);
    const ok = await call(`/v1/items/${longest.id}/download`, { key: acct.key });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    await expectError(await call(`/v1/items/${'b'.repeat(301)}/download`, { key: acct.key }), 400, 'invalid_request');
    await expectError(await call(`/v1/items/${'b'.repeat(301)}/download`), 400, 'invalid_request');
    // the limit applies to the decoded id: 100 encoded characters of three bytes each are 100 characters
    await expectError(await call(`/v1/items/${encodeURIComponent('é'.repeat(100))}/download`, { key: acct.key }), 404, 'not_found');
  });

  it('refuses signed-URL fields that are repeated or too long, and ignores other query fields', async () => {
    const acct = await newAccount();
    const item = await seedItem();
    const base = `/v1/items/${item.id}/download`;
    await expectError(await call(`${base}?sig=a&sig=b&acct=x&kid=y&exp=1`), 400, 'invalid_request');
    await expectError(await call(`${base}?sig=${'s'.repeat(201)}&acct=x&kid=y&exp=1`), 400, 'invalid_request');
    await expectError(await call(`${base}?sig=s&acct=${'x'.repeat(101)}&kid=y&exp=1`), 400, 'invalid_request');
    await expectError(await call(`${base}?sig=s&acct=x&kid=${'y'.repeat(101)}&exp=1`), 400, 'invalid_request');
    await expectError(await call(`${base}?sig=s&acct=x&kid=y&exp=${'1'.repeat(21)}`), 400, 'invalid_request');
    await expectError(await call(`${base}?sig=${'s'.repeat(200)}&acct=x&kid=y&exp=1`), 403, 'bad_signature');
    await expectError(await call(`${base}?sig=s`), 403, 'bad_signature');
    const res = await call(`${base}?utm=a&utm=b`, { key: acct.key });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it('still documents the id, the signed query and the maximum price in the OpenAPI document', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as Doc;
    const params = doc.paths['/v1/items/{id}/download']?.get?.parameters ?? [];
    expect(params.map((p) => `${p.in}:${p.name}:${p.schema?.maxLength}`).sort()).toEqual(
      ['path:id:300', 'query:acct:100', 'query:exp:20', 'query:kid:100', 'query:maxPriceMicros:undefined', 'query:sig:200', 'query:use:undefined'],
    );
  });
});
