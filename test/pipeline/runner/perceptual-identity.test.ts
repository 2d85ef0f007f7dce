// A whole build with perceptual identity: an edited copy of an earlier item is a near-duplicate, edited copies of a withdrawn
// or registry-listed image are refused with the withdrawal's or the registry's code, two paintings of one fruit both stay.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf } from '../../../pipeline/image/identity.js';
import { formatFingerprint } from '../../../pipeline/image/identity-format.js';
import { decodePreview } from '../../../pipeline/image/preview.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { corpusDir, hasCorpus } from '../../support/shared.js';
import { readJsonl, removeTempDirs, runCli, tempDir, type DecisionLine } from '../support/cli.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
let root: string;
let release: string;
const fingerprint = async (data: Buffer) => formatFingerprint(identityOf(await decodePreview(data)).fingerprint);

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  await mkdir(join(release, 'images'), { recursive: true });
  const picture = (seed: number) => drawImage({ format: 'png', width: 320, height: 240, seed });
  const files: Record<string, Buffer> = {
    'first.png': await picture(101),
    // resized, brighter and re-encoded: the same picture
    'edited.jpg': await sharp(await picture(101)).resize(240).linear(1.08, 6).jpeg({ quality: 70 }).toBuffer(),
    // a mirrored copy of a picture withdrawn at the edge (the withdrawal names its fingerprint, not these bytes)
    'withdrawn-copy.jpg': await sharp(await picture(102)).flop().jpeg({ quality: 80 }).toBuffer(),
    // a framed copy of a picture the registry lists by fingerprint
    'listed-copy.png': await sharp(await picture(103)).extend({ top: 16, bottom: 16, left: 16, right: 16, background: '#ffffff' }).png().toBuffer(),
    'other.png': await picture(104),
  };
  if (hasCorpus) {
    // two paintings of apples whose DCT hashes are within 4 bits: different works
    files['apple-a.jpg'] = await readFile(join(corpusDir, 'pomological/images/image-443.jpg'));
    files['apple-b.jpg'] = await readFile(join(corpusDir, 'pomological/images/image-546.jpg'));
  }
  for (const [name, data] of Object.entries(files)) await writeFile(join(release, 'images', name), data);
  const items = Object.keys(files).map((name) => ({ id: name.split('.')[0], image: `images/${name}`, title: name, licence: CC0 }));
  await writeFile(join(release, 'm.jsonl'), `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
  const withdrawal = { id: 'gone:7', fingerprint: await fingerprint(await picture(102)), reason: 'the owner asked', at: '2026-11-02T10:00:00Z' };
  await writeFile(join(release, 'withdrawals.jsonl'), `${JSON.stringify(withdrawal)}\n`);
  await writeFile(join(release, 'registry.txt'), `# opted out by appearance\n${await fingerprint(await picture(103))}\n`);
  await writeFile(
    join(release, 'release.json'),
    JSON.stringify({ name: 'p', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }], optOut: { registry: 'registry.txt' }, withdrawals: 'withdrawals.jsonl' }),
  );
});

afterAll(removeTempDirs);

describe('build with perceptual identity', () => {
  it('demotes edited copies and refuses edited copies of withdrawn and listed images with their codes', async () => {
    const r = await runCli(['build', release, '--out', join(root, 'out'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const decisions = new Map((await readJsonl<DecisionLine>(join(root, 'out', 'decisions.jsonl'))).map((d) => [d.id, d]));
    const first = (id: string) => decisions.get(`s:${id}`)!.reasons[0]!;
    expect(decisions.get('s:first')!.status).toBe('accepted');
    expect(decisions.get('s:other')!.status).toBe('accepted');
    expect(first('edited')).toMatchObject({ code: 'image.near-duplicate' });
    expect(first('edited').detail).toMatch(/^looks like s:first \(perceptual match: hash \d+\/64 bits, colour [\d.]+\/255/);
    expect(first('withdrawn-copy')).toMatchObject({ code: 'optout.withdrawn' });
    expect(first('withdrawn-copy').detail).toMatch(/withdrawn by appearance on 2026-11-02T10:00:00Z: the owner asked \(perceptual match: .*mirrored with the withdrawn item gone:7\)/);
    expect(first('listed-copy')).toMatchObject({ code: 'optout.registry' });
    expect(first('listed-copy').detail).toMatch(/fingerprint on line 2 of the Do Not Train registry \(perceptual match: hash \d+\/64/);
    if (hasCorpus) {
      expect(decisions.get('s:apple-a')!.status).toBe('accepted');
      expect(decisions.get('s:apple-b')!.status).toBe('accepted');
    }
    // Accepted records carry the fingerprint a withdrawal of them would record.
    const records = await readJsonl<{ id: string; fingerprint?: string }>(join(root, 'out', 'catalog.jsonl'));
    expect(records.find((x) => x.id === 's:first')!.fingerprint).toBe(await fingerprint(await readFile(join(release, 'images/first.png'))));
  });
});
