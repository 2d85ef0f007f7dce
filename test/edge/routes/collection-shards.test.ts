// GET /v1/collections/:id/shards/<k>.tar: WebDataset shards streamed by the Worker, each item metered like a manifest
// download (charged once a month, repeats free, quota respected), read back with a small ustar parser.
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, usage } from '../helpers.js';

function untar(buf: Uint8Array): { name: string; data: Uint8Array }[] {
  const out: { name: string; data: Uint8Array }[] = [];
  const dec = new TextDecoder();
  for (let off = 0; off + 512 <= buf.length; ) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    expect(parseInt(dec.decode(h.subarray(148, 154)), 8)).toBe(sum);
    expect(dec.decode(h.subarray(257, 263))).toBe('ustar\0');
    const name = dec.decode(h.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = parseInt(dec.decode(h.subarray(124, 135)), 8);
    out.push({ name, data: buf.slice(off + 512, off + 512 + size) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

async function sha(data: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function collectionOf(key: string, ids: string[]): Promise<string> {
  const res = await call('/v1/collections', { method: 'POST', key, json: { name: 'shards' } });
  const { collection } = (await res.json()) as { collection: { id: string } };
  expect((await call(`/v1/collections/${collection.id}/items`, { method: 'POST', key, json: { itemIds: ids } })).status).toBe(200);
  return collection.id;
}

describe('collection shards', () => {
  it('streams the items of shard k as paired tar members whose image bytes are the served files, charging each once', async () => {
    const acct = await newAccount('curation');
    const seeded = await Promise.all([seedItem(), seedItem(), seedItem()]);
    const id = await collectionOf(acct.key, seeded.map((s) => s.id));
    const before = (await usage(acct.key)).downloads;
    const res = await call(`/v1/collections/${id}/shards/0.tar?size=2`, { key: acct.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/x-tar');
    expect(res.headers.get('X-Items')).toBe('2');
    const members = untar(new Uint8Array(await res.arrayBuffer()));
    expect(members.length).toBe(6);
    const byKey = new Map<string, Map<string, Uint8Array>>();
    for (const m of members) {
      const dot = m.name.indexOf('.');
      const k = m.name.slice(0, dot);
      byKey.set(k, (byKey.get(k) ?? new Map()).set(m.name.slice(dot + 1), m.data));
    }
    for (const parts of byKey.values()) {
      expect([...parts.keys()].sort()).toEqual(['jpg', 'json', 'txt']);
      const meta = JSON.parse(new TextDecoder().decode(parts.get('json'))) as { id: string; sha256: string; title: string };
      const s = seeded.find((x) => x.id === meta.id)!;
      expect(await sha(parts.get('jpg')!)).toBe(s.sha);
      expect(meta.sha256).toBe(s.sha);
      expect(new TextDecoder().decode(parts.get('txt'))).toBe(meta.title);
    }
    expect((await usage(acct.key)).downloads).toBe(before + 2);
    // The same shard again this month: free, nothing more counted.
    const again = await call(`/v1/collections/${id}/shards/0.tar?size=2`, { key: acct.key });
    expect(again.headers.get('X-Charged-Micros')).toBe('0');
    await again.arrayBuffer();
    expect((await usage(acct.key)).downloads).toBe(before + 2);
    // Shard 1 holds the third item; shard 2 does not exist.
    const last = await call(`/v1/collections/${id}/shards/1.tar?size=2`, { key: acct.key });
    expect(untar(new Uint8Array(await last.arrayBuffer())).length).toBe(3);
    await expectError(await call(`/v1/collections/${id}/shards/2.tar?size=2`, { key: acct.key }), 404, 'not_found');
  });

  it('refuses without a key, for another account, for bad names and sizes', async () => {
    const acct = await newAccount('curation');
    const other = await newAccount('curation');
    const item = await seedItem();
    const id = await collectionOf(acct.key, [item.id]);
    await expectError(await call(`/v1/collections/${id}/shards/0.tar`), 401);
    await expectError(await call(`/v1/collections/${id}/shards/0.tar`, { key: other.key }), 404);
    await expectError(await call(`/v1/collections/${id}/shards/01.tar`, { key: acct.key }), 404);
    await expectError(await call(`/v1/collections/${id}/shards/0.zip`, { key: acct.key }), 404);
    await expectError(await call(`/v1/collections/${id}/shards/0.tar?size=0`, { key: acct.key }), 400);
    await expectError(await call(`/v1/collections/${id}/shards/0.tar?size=9999`, { key: acct.key }), 400);
  });
});
