// C2PA/CAWG training-mining: the real sample from the corpus, and manifest stores written by c2pa-write (PNG caBX).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { c2paProhibits, trainingMiningEntries } from '../../../pipeline/optout/c2pa.js';
import { pngWithCaBX, trainingMiningManifestStore } from '../../../pipeline/sample/c2pa-write.js';
import { extractJumbf, parseBoxes } from '../../../pipeline/optout/jumbf.js';
import { corpusDir, skipMessage } from '../../support/shared.js';

const sample = join(corpusDir, 'optout/sample_c2pa.png');

describe('C2PA in the real corpus file', () => {
  it.skipIf(!existsSync(sample))(existsSync(sample) ? 'finds the four notAllowed training-mining entries' : skipMessage('corpus'), () => {
    const file = readFileSync(sample);
    const entries = trainingMiningEntries(file);
    expect(entries.filter((e) => e.use === 'notAllowed').map((e) => e.entry).sort()).toEqual([
      'c2pa.ai_generative_training',
      'c2pa.ai_inference',
      'c2pa.ai_training',
      'c2pa.data_mining',
    ]);
    expect(entries.every((e) => e.assertion === 'c2pa.training-mining' && e.manifest.startsWith('urn:uuid:'))).toBe(true);
    expect(c2paProhibits(file)).toMatch(/c2pa\.ai_training=notAllowed/);
  });

  it.skipIf(!existsSync(sample))(existsSync(sample) ? 'reads the JUMBF tree labels (store, manifest, assertion store)' : skipMessage('corpus'), () => {
    const [store] = parseBoxes(extractJumbf(readFileSync(sample))!);
    expect(store?.label).toBe('c2pa');
    const manifest = store?.children?.[0];
    expect(manifest?.label).toMatch(/^urn:uuid:/);
    expect(manifest?.children?.map((c) => c.label)).toEqual(expect.arrayContaining(['c2pa.assertions', 'c2pa.claim', 'c2pa.signature']));
  });
});

describe('generated manifest stores', () => {
  const png = () => sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } }).png().toBuffer();

  it('round-trips a CAWG assertion and keeps the PNG decodable', async () => {
    const out = pngWithCaBX(await png(), trainingMiningManifestStore({ 'cawg.ai_training': 'notAllowed', 'cawg.data_mining': 'allowed' }, 'cawg'));
    expect(trainingMiningEntries(out).map((e) => [e.assertion, e.entry, e.use])).toEqual([
      ['cawg.training-mining', 'cawg.ai_training', 'notAllowed'],
      ['cawg.training-mining', 'cawg.data_mining', 'allowed'],
    ]);
    expect(c2paProhibits(out)).toBe('C2PA cawg.training-mining: cawg.ai_training=notAllowed');
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 32, 24]);
  });

  it('does not prohibit when every entry is allowed, or when there is no C2PA data', async () => {
    const allowed = pngWithCaBX(await png(), trainingMiningManifestStore({ 'c2pa.ai_training': 'allowed' }));
    expect(trainingMiningEntries(allowed)).toHaveLength(1);
    expect(c2paProhibits(allowed)).toBeUndefined();
    expect(c2paProhibits(await png())).toBeUndefined();
    expect(c2paProhibits(await sharp(await png()).jpeg().toBuffer())).toBeUndefined();
  });

  it('treats constrained as a reservation', async () => {
    const out = pngWithCaBX(await png(), trainingMiningManifestStore({ 'c2pa.ai_generative_training': 'constrained' }));
    expect(c2paProhibits(out)).toMatch(/constrained/);
  });

  it('survives truncated and corrupt stores without throwing', async () => {
    const out = pngWithCaBX(await png(), trainingMiningManifestStore({ 'c2pa.ai_training': 'notAllowed' }));
    const store = extractJumbf(out)!;
    for (const cut of [10, 40, store.length - 5]) expect(() => trainingMiningEntries(pngWithCaBX(Buffer.from(out), Buffer.from(store.subarray(0, cut))))).not.toThrow();
    const garbage = Buffer.from(store);
    garbage.fill(0xff, 100, 140);
    expect(() => trainingMiningEntries(pngWithCaBX(Buffer.from(out), garbage))).not.toThrow();
  });

  it('reads a store from a WebP C2PA chunk', async () => {
    const store = trainingMiningManifestStore({ 'cawg.ai_generative_training': 'notAllowed' }, 'cawg');
    const webp = await sharp(await png()).webp().toBuffer();
    const chunk = Buffer.alloc(8 + store.length + (store.length & 1));
    chunk.write('C2PA', 0, 'latin1');
    chunk.writeUInt32LE(store.length, 4);
    store.copy(chunk, 8);
    const file = Buffer.concat([webp, chunk]);
    file.writeUInt32LE(file.length - 8, 4);
    expect(c2paProhibits(file)).toBe('C2PA cawg.training-mining: cawg.ai_generative_training=notAllowed');
    expect((await sharp(file).metadata()).format).toBe('webp');
  });

  it('reads a store split over JPEG APP11 segments (JPEG XT boxes)', async () => {
    const store = trainingMiningManifestStore({ 'c2pa.data_mining': 'notAllowed' });
    const jpeg = await sharp(await png()).jpeg().toBuffer();
    const segments: Buffer[] = [];
    const header = store.subarray(0, 8);
    const body = store.subarray(8);
    const chunk = 40;
    for (let i = 0, z = 1; i < body.length; i += chunk, z++) {
      const ci = Buffer.from([0x4a, 0x50, 0x00, 0x01, 0, 0, 0, 0]);
      ci.writeUInt32BE(z, 4);
      const payload = Buffer.concat([ci, header, body.subarray(i, i + chunk)]);
      const seg = Buffer.alloc(4);
      seg.writeUInt16BE(0xffeb, 0);
      seg.writeUInt16BE(payload.length + 2, 2);
      segments.push(seg, payload);
    }
    const file = Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
    expect(c2paProhibits(file)).toMatch(/c2pa\.data_mining=notAllowed/);
  });
});
