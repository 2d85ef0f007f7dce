// contentSignalsStage after the real image stage: a local HTTP server sends X-Robots-Tag / tdm-reservation headers and
// images with embedded XMP/C2PA; registry and withdrawals by sha256; the embedded licence against the item's licence.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Licence, Release } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { pngWithCaBX, trainingMiningManifestStore } from '../../../pipeline/sample/c2pa-write.js';
import { contentSignalsStage } from '../../../pipeline/stages/content-signals.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';

// The servers below listen on 127.0.0.1: fetches refuse loopback unless this opt-in is set.
beforeAll(() => void vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1'));
afterAll(() => void vi.unstubAllEnvs());

let dir: string;
let server: Server;
let base: string;
const images: Record<string, { body: Buffer; type: string; headers?: Record<string, string> }> = {};
let listedPng: Buffer;
let withdrawnPng: Buffer;

const xmpPacket = (body: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" xmlns:cc="http://creativecommons.org/ns#">${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;
const draw = (seed: number, fmt: 'png' | 'jpeg' = 'png', xmp?: string) => {
  const img = sharp({ create: { width: 80, height: 72, channels: 3, background: { r: seed * 37 % 256, g: seed * 91 % 256, b: seed * 13 % 256 } } });
  return (xmp ? img.withXmp(xmp) : img).toFormat(fmt).toBuffer();
};

const release: Release = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'x' }], optOut: { registry: 'registry.txt' }, withdrawals: 'withdrawals.jsonl' };
const CC0: Licence = { id: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', evidence: [{ kind: 'source-record', statement: 'CC0', normalised: 'cc0-1.0' }] };

function ctx(): StageContext {
  return { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now: '2026-11-25T00:00:00Z', log: () => {} };
}

function work(name: string, rights = true): WorkItem {
  const w: WorkItem = { index: 0, id: `s:${name}`, source: release.sources[0]!, item: { id: `s:${name}`, foreignId: name, image: `${base}/${name}`, tags: [], metadataSha256: '0'.repeat(64) }, reasons: [], models: {} };
  if (rights) w.rights = { licence: CC0, priceMicros: 0, assertedBy: 'institution' };
  return w;
}

/** Runs the image stage (which GETs from the local server) then the content-signals stage; returns codes after the image stage's. */
async function run(names: string[]): Promise<Record<string, string[]>> {
  const c = ctx();
  const img = imageStage();
  const signals = contentSignalsStage();
  await img.setup?.(c);
  await signals.setup?.(c);
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const w = work(name);
    await img.process(w, c);
    expect(w.image, `image stage fetched ${name}: ${JSON.stringify(w.reasons)}`).toBeDefined();
    await signals.process(w, c);
    out[name] = w.reasons.map((r) => r.code);
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-signals-'));
  listedPng = await draw(20_901);
  withdrawnPng = await draw(20_902);
  Object.assign(images, {
    'plain.png': { body: await draw(20_903), type: 'image/png', headers: { 'X-Robots-Tag': 'noindex, nofollow' } },
    'noai.png': { body: await draw(20_904), type: 'image/png', headers: { 'X-Robots-Tag': 'noai' } },
    'agent.png': { body: await draw(20_905), type: 'image/png', headers: { 'X-Robots-Tag': 'googlebot: noindex, ClearanceBot: noimageai' } },
    'other-agent.png': { body: await draw(20_906), type: 'image/png', headers: { 'X-Robots-Tag': 'GPTBot: noai' } },
    'tdm.png': { body: await draw(20_907), type: 'image/png', headers: { 'TDM-Reservation': '1', 'TDM-Policy': 'https://example.org/p' } },
    'tdm0.png': { body: await draw(20_908), type: 'image/png', headers: { 'tdm-reservation': '0' } },
    'xmp.jpg': { body: await draw(20_909, 'jpeg', xmpPacket('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>')), type: 'image/jpeg' },
    'c2pa.png': { body: pngWithCaBX(await draw(20_910), trainingMiningManifestStore({ 'c2pa.ai_training': 'notAllowed' })), type: 'image/png' },
    'by.png': { body: await draw(20_911, 'png', xmpPacket('<cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"/>')), type: 'image/png' },
    'cc0.png': { body: await draw(20_912, 'png', xmpPacket('<cc:license rdf:resource="https://creativecommons.org/publicdomain/zero/1.0/"/>')), type: 'image/png' },
    'listed.png': { body: listedPng, type: 'image/png' },
    'withdrawn.png': { body: withdrawnPng, type: 'image/png' },
  });
  await writeFile(join(dir, 'registry.txt'), `sha256:${sha256Hex(listedPng)}\n`);
  await writeFile(join(dir, 'withdrawals.jsonl'), JSON.stringify({ sha256: sha256Hex(withdrawnPng), reason: 'takedown', at: '2026-11-02' }) + '\n');
  server = createServer((req, res) => {
    const img = images[(req.url ?? '/').slice(1)];
    if (!img) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': img.type, ...img.headers }).end(img.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('contentSignalsStage', () => {
  it('turns headers, embedded metadata and sha256 lists into decisions', async () => {
    expect(await run(Object.keys(images))).toEqual({
      'plain.png': [],
      'noai.png': ['optout.robots-header'],
      'agent.png': ['optout.robots-header'],
      'other-agent.png': [],
      'tdm.png': ['optout.tdm-rep'],
      'tdm0.png': [],
      'xmp.jpg': ['optout.embedded'],
      'c2pa.png': ['optout.embedded'],
      'by.png': ['licence.conflict'],
      'cc0.png': [],
      'listed.png': ['optout.registry'],
      'withdrawn.png': ['optout.withdrawn'],
    });
  });

  it('explains each decision', async () => {
    const c = ctx();
    const img = imageStage();
    const signals = contentSignalsStage();
    await img.setup?.(c);
    await signals.setup?.(c);
    const w = work('agent.png');
    await img.process(w, c);
    await signals.process(w, c);
    expect(w.reasons[0]!.detail).toBe('image response header X-Robots-Tag: ClearanceBot: noimageai');
    const t = work('tdm.png');
    await img.process(t, c);
    await signals.process(t, c);
    expect(t.reasons[0]!.detail).toBe('image response tdm-reservation: 1 header, tdm-policy: https://example.org/p');
  });

  it('skips items the image stage could not fetch', async () => {
    const c = ctx();
    const signals = contentSignalsStage();
    await signals.setup?.(c);
    const w = work('missing.png');
    await signals.process(w, c);
    expect(w.reasons).toEqual([]);
  });
});
