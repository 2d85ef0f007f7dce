// A whole build with perceptual identity: an edited (or cropped) copy of an earlier item is a near-duplicate, edited copies of a withdrawn
// or registry-listed image are refused with the withdrawal's or the registry's code (named by fingerprint, or an item
// refused earlier in the release, or in the --previous output), two paintings of one fruit both stay.
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
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
    // cropped (4 % off the left, 5 % off the right, 2 % off the top, 5 % off the bottom) and re-encoded: the same picture too
    'cropped.jpg': await sharp(await picture(101)).extract({ left: 14, top: 5, width: 290, height: 222 }).jpeg({ quality: 80 }).toBuffer(),
    'other.png': await picture(104),
    // withdrawn by id (refused before its image is read), then a resized, darker copy under another id
    'gone.png': await picture(105),
    'gone-copy.jpg': await sharp(await picture(105)).resize(280).linear(0.92, -4).jpeg({ quality: 75 }).toBuffer(),
    // listed by sha256 in the registry (refused after the fetch), then a framed, mirrored copy
    'listed-sha.png': await picture(106),
    'listed-sha-copy.jpg': await sharp(await picture(106)).flop().extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#000000' }).jpeg({ quality: 85 }).toBuffer(),
    // …and a cropped one (6 % off the left, 2 % off the right, 3 % off the top, 4 % off the bottom)
    'listed-sha-cropped.jpg': await sharp(await picture(106)).extract({ left: 19, top: 7, width: 288, height: 223 }).jpeg({ quality: 85 }).toBuffer(),
    // a copy that comes before its withdrawn original: this build keeps it (input order), the next one with --previous does not
    // withdrawn by id, and not a picture at all: still refused for its withdrawal alone, nothing indexed
    'gone-bad.png': Buffer.from('not a picture'),
    'early-copy.jpg': await sharp(await picture(107)).resize(260).jpeg({ quality: 80 }).toBuffer(),
    'late-original.png': await picture(107),
  };
  if (hasCorpus) {
    // two paintings of apples whose DCT hashes are within 4 bits: different works
    files['apple-a.jpg'] = await readFile(join(corpusDir, 'pomological/images/image-443.jpg'));
    files['apple-b.jpg'] = await readFile(join(corpusDir, 'pomological/images/image-546.jpg'));
  }
  for (const [name, data] of Object.entries(files)) await writeFile(join(release, 'images', name), data);
  const items = Object.keys(files).map((name) => ({ id: name.split('.')[0], image: `images/${name}`, title: name, licence: CC0 }));
  await writeFile(join(release, 'm.jsonl'), `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
  const withdrawals = [
    { id: 'gone:7', fingerprint: await fingerprint(await picture(102)), reason: 'the owner asked', at: '2026-11-02T10:00:00Z' },
    { id: 's:gone', reason: 'taken down', at: '2026-11-03T10:00:00Z' },
    { id: 's:late-original', reason: 'taken down too', at: '2026-11-04T10:00:00Z' },
    { id: 's:gone-bad', reason: 'taken down as well', at: '2026-11-05T10:00:00Z' },
  ];
  await writeFile(join(release, 'withdrawals.jsonl'), withdrawals.map((w) => `${JSON.stringify(w)}\n`).join(''));
  const listedSha = createHash('sha256').update(files['listed-sha.png']!).digest('hex');
  await writeFile(join(release, 'registry.txt'), `# opted out by appearance\n${await fingerprint(await picture(103))}\nsha256:${listedSha}\n`);
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
    expect(first('cropped')).toMatchObject({ code: 'image.near-duplicate' });
    expect(first('cropped').detail).toMatch(/^looks like s:first \(perceptual match: .*, cropped \(the copy shows \d+–\d+ % × \d+–\d+ % of it\)\)$/);
    expect(first('withdrawn-copy')).toMatchObject({ code: 'optout.withdrawn' });
    expect(first('withdrawn-copy').detail).toMatch(/withdrawn by appearance on 2026-11-02T10:00:00Z: the owner asked \(perceptual match: .*mirrored with the withdrawn item gone:7\)/);
    expect(first('listed-copy')).toMatchObject({ code: 'optout.registry' });
    expect(first('listed-copy').detail).toMatch(/fingerprint on line 2 of the Do Not Train registry \(perceptual match: hash \d+\/64/);
    if (hasCorpus) {
      expect(decisions.get('s:apple-a')!.status).toBe('accepted');
      expect(decisions.get('s:apple-b')!.status).toBe('accepted');
    }
    // Copies of items refused earlier in the release by an opt-out that follows the picture get the same code.
    expect(first('gone')).toMatchObject({ code: 'optout.withdrawn' });
    expect(first('gone-copy')).toMatchObject({ code: 'optout.withdrawn' });
    expect(first('gone-copy').detail).toMatch(/^looks like the opted-out s:gone, refused for optout\.withdrawn: withdrawn by id on 2026-11-03T10:00:00Z: taken down \(perceptual match: hash \d+\/64 bits, colour [\d.]+\/255 after tone fit\)$/);
    expect(first('listed-sha')).toMatchObject({ code: 'optout.registry' });
    expect(first('listed-sha-copy')).toMatchObject({ code: 'optout.registry' });
    expect(first('listed-sha-copy').detail).toMatch(/^looks like the opted-out s:listed-sha, refused for optout\.registry: .*, mirrored\)$/);
    expect(first('listed-sha-cropped')).toMatchObject({ code: 'optout.registry' });
    expect(first('listed-sha-cropped').detail).toMatch(/^looks like the opted-out s:listed-sha, .*, cropped \(the copy shows \d+–\d+ % × \d+–\d+ % of it\)\)$/);
    const bad = decisions.get('s:gone-bad')!;
    expect(bad.reasons[0]).toEqual({ code: 'optout.withdrawn', detail: 'withdrawn by id on 2026-11-05T10:00:00Z: taken down as well' });
    expect(bad.reasons.map((r) => r.code).filter((c) => c.startsWith('image.'))).toEqual([]);
    expect(JSON.parse(await readFile(join(root, 'out', 'report.json'), 'utf8')).internalErrors).toBe(0);
    // Input order: a copy before its original is judged before the original is known.
    expect(decisions.get('s:early-copy')!.status).toBe('accepted');
    expect(first('late-original')).toMatchObject({ code: 'optout.withdrawn' });
    // The output lists the opted-out pictures for the next build's --previous.
    const opted = await readJsonl<{ id: string; code: string; fingerprint: string }>(join(root, 'out', 'opted-out.jsonl'));
    expect(opted.map((o) => [o.id, o.code])).toEqual([
      ['s:withdrawn-copy', 'optout.withdrawn'],
      ['s:listed-copy', 'optout.registry'],
      ['s:gone', 'optout.withdrawn'],
      ['s:listed-sha', 'optout.registry'],
      ['s:late-original', 'optout.withdrawn'],
    ]);
    expect(opted[2]!.fingerprint).toBe(await fingerprint(await readFile(join(release, 'images/gone.png'))));

    // The next release no longer lists the withdrawn originals; given this output as --previous, their copies are refused.
    const next = join(root, 'next');
    await cp(release, next, { recursive: true });
    const lines = (await readFile(join(release, 'm.jsonl'), 'utf8')).split('\n').filter((l) => l && !/"id":"(gone|late-original|listed-sha)"/.test(l));
    await writeFile(join(next, 'm.jsonl'), `${lines.join('\n')}\n`);
    const r2 = await runCli(['build', next, '--out', join(root, 'out2'), '--previous', join(root, 'out'), '--quiet']);
    expect(r2.code, r2.stderr).toBe(0);
    const again = new Map((await readJsonl<DecisionLine>(join(root, 'out2', 'decisions.jsonl'))).map((d) => [d.id, d]));
    expect(again.get('s:early-copy')!.reasons[0]).toMatchObject({ code: 'optout.withdrawn' });
    expect(again.get('s:early-copy')!.reasons[0]!.detail).toMatch(/^looks like the opted-out s:late-original \(previous release\), refused for optout\.withdrawn: /);
    expect(again.get('s:gone-copy')!.reasons[0]!.detail).toMatch(/^looks like the opted-out s:gone \(previous release\)/);
    expect(again.get('s:first')!.status).toBe('accepted');

    // Accepted records carry the fingerprint a withdrawal of them would record.
    const records = await readJsonl<{ id: string; fingerprint?: string }>(join(root, 'out', 'catalog.jsonl'));
    expect(records.find((x) => x.id === 's:first')!.fingerprint).toBe(await fingerprint(await readFile(join(release, 'images/first.png'))));
  });
});
