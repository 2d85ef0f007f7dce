// The four conservative rules of issue #18, through the real image and content-signals stages: repeated header lines
// combined as HTTP says (any reservation wins), every PLUS DMI-PROHIBITED-* value (files written by ExifTool), EXIF
// Copyright against a CC0/PDM claim (ExifTool), and robots directives separated by spaces in either order.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Licence, Release } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { lowerHeaders } from '../../../pipeline/image/recorded.js';
import { robotsHeaderDisallows } from '../../../pipeline/optout/robots-header.js';
import { tdmFromHeaders } from '../../../pipeline/optout/tdm-rep.js';
import { contentSignalsStage } from '../../../pipeline/stages/content-signals.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';

const exec = promisify(execFile);
const EXIFTOOL = '/usr/bin/exiftool';
/** ExifTool 12.57 (Debian bookworm) has no XMP-plus:DataMining: defined here through its config-file mechanism. */
const PLUS_CONFIG = `%Image::ExifTool::UserDefined = (\n  'Image::ExifTool::PLUS::XMP' => { DataMining => { } },\n);\n1;\n`;
const VOCAB = 'http://ns.useplus.org/ldf/vocab/';
const PROHIBITED = ['DMI-PROHIBITED', 'DMI-PROHIBITED-AIMLTRAINING', 'DMI-PROHIBITED-GENAIMLTRAINING', 'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING', 'DMI-PROHIBITED-SEECONSTRAINT', 'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR', 'DMI-PROHIBITED-SEELINKEDRIGHTSEXPR'];

beforeAll(() => void vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1'));
afterAll(() => void vi.unstubAllEnvs());

let dir: string;
let server: Server;
let base: string;
/** Path → image bytes and raw header lines (an array value is sent as repeated lines). */
const served: Record<string, { body: Buffer; headers: Record<string, string | string[]> }> = {};
const release: Release = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'x' }] };
const licence = (id: 'cc0-1.0' | 'pdm-1.0'): Licence => ({ id, url: 'https://creativecommons.org/publicdomain/zero/1.0/', evidence: [{ kind: 'source-record', statement: id, normalised: id }] });
const picture = (seed: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width: 72, height: 72, channels: 3, background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 13) % 256 } } }).toFormat(format).toBuffer();

/** Each job's image with ExifTool's `args` applied, all written by one ExifTool run (one perl start; -execute ends each job). */
async function exiftool(jobs: { args: string[]; input: Buffer; ext: string }[]): Promise<Buffer[]> {
  const argv = ['-config', join(dir, 'plus.cfg')];
  const outs: string[] = [];
  for (const [i, { args, input, ext }] of jobs.entries()) {
    const src = join(dir, `in-${Math.random().toString(36).slice(2)}.${ext}`);
    const out = `${src}.out.${ext}`;
    await writeFile(src, input);
    argv.push(...(i ? ['-execute'] : []), ...args, '-o', out, src);
    outs.push(out);
  }
  await exec(EXIFTOOL, argv);
  return Promise.all(outs.map((o) => readFile(o)));
}

/** The image stage GETs each item from the local server, then the content-signals stage; codes by name. */
async function decide(items: { name: string; licence?: 'cc0-1.0' | 'pdm-1.0' }[]): Promise<Record<string, string[]>> {
  const c: StageContext = { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now: '2026-11-25T00:00:00Z', log: () => {} };
  const stages = [imageStage(), contentSignalsStage()];
  for (const s of stages) await s.setup?.(c);
  const out: Record<string, string[]> = {};
  for (const { name, licence: id = 'cc0-1.0' } of items) {
    const w: WorkItem = { index: 0, id: `s:${name}`, source: release.sources[0]!, item: { id: `s:${name}`, foreignId: name, image: `${base}/${name}`, tags: [], metadataSha256: '0'.repeat(64) }, reasons: [], models: {}, rights: { licence: licence(id), priceMicros: 0, assertedBy: 'institution' } };
    for (const s of stages) await s.process(w, c);
    expect(w.image, `${name}: ${JSON.stringify(w.reasons)}`).toBeDefined();
    out[name] = w.reasons.map((r) => `${r.code}: ${r.detail}`);
  }
  return out;
}

beforeAll(async () => {
  if (!existsSync(EXIFTOOL)) throw new Error(`ExifTool not found at ${EXIFTOOL}: install it with \`apt-get install -y libimage-exiftool-perl\` (.ci/run does)`);
  dir = await mkdtemp(join(tmpdir(), 'clearance-conservative-'));
  await writeFile(join(dir, 'plus.cfg'), PLUS_CONFIG);
  server = createServer((req, res) => {
    const s = served[(req.url ?? '/').slice(1)];
    if (!s) return void res.writeHead(404).end();
    res.statusCode = 200;
    res.setHeader('content-type', 'image/jpeg');
    for (const [k, v] of Object.entries(s.headers)) res.setHeader(k, v);
    res.end(s.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('repeated header lines are combined as HTTP says, and any reservation wins', () => {
  it('tdm-reservation sent twice (1 and 0, 0 and 1, 1 twice) reserves; 0 twice does not', async () => {
    const lines: Record<string, string[]> = { 'tdm-1-0.jpg': ['1', '0'], 'tdm-0-1.jpg': ['0', '1'], 'tdm-1-1.jpg': ['1', '1'], 'tdm-0-0.jpg': ['0', '0'] };
    let seed = 1;
    for (const [name, v] of Object.entries(lines)) served[name] = { body: await picture(seed++), headers: { 'tdm-reservation': v } };
    const got = await decide(Object.keys(lines).map((name) => ({ name })));
    for (const name of ['tdm-1-0.jpg', 'tdm-0-1.jpg', 'tdm-1-1.jpg']) expect(got[name]).toEqual([expect.stringMatching(/^optout\.tdm-rep: image response tdm-reservation: \d, \d header/)]);
    expect(got['tdm-0-0.jpg']).toEqual([]);
  });

  it('a recorded response naming one header twice in different case is read as the two lines combined', () => {
    const h = lowerHeaders({ 'TDM-Reservation': '0', 'tdm-reservation': '1' });
    expect(h['tdm-reservation']).toBe('0, 1');
    expect(tdmFromHeaders(h)?.reserved).toBe(true);
  });

  it('X-Robots-Tag and Content-Usage sent on two lines: the refusing line counts whichever comes first', async () => {
    served['xrt-two.jpg'] = { body: await picture(10), headers: { 'x-robots-tag': ['noindex', 'noai'] } };
    served['cu-two.jpg'] = { body: await picture(11), headers: { 'content-usage': ['train-ai=n', 'train-ai=y'] } };
    served['cu-two-rev.jpg'] = { body: await picture(12), headers: { 'content-usage': ['train-ai=y', 'train-ai=n'] } };
    const got = await decide([{ name: 'xrt-two.jpg' }, { name: 'cu-two.jpg' }, { name: 'cu-two-rev.jpg' }]);
    expect(got['xrt-two.jpg']).toEqual(['optout.robots-header: image response header X-Robots-Tag: noai']);
    expect(got['cu-two.jpg']).toEqual([expect.stringMatching(/^optout\.content-usage: image response header Content-Usage: train-ai=n, train-ai=y \(refuses train-ai=n\)/)]);
    expect(got['cu-two-rev.jpg']).toEqual([expect.stringMatching(/^optout\.content-usage: .*train-ai=y, train-ai=n/)]);
  });
});

describe('every PLUS DMI-PROHIBITED-* value is a prohibition (files written by ExifTool)', () => {
  it('rejects each prohibiting value in JPEG (and one in PNG), accepts DMI-ALLOWED and DMI-UNSPECIFIED', async () => {
    let seed = 20;
    const codes = [...PROHIBITED, 'DMI-ALLOWED', 'DMI-UNSPECIFIED'];
    const jobs = [];
    for (const code of codes) jobs.push({ args: [`-XMP-plus:DataMining=${VOCAB}${code}`], input: await picture(seed++), ext: 'jpg' });
    jobs.push({ args: [`-XMP-plus:DataMining=${VOCAB}DMI-PROHIBITED-SEELINKEDRIGHTSEXPR`], input: await picture(seed++, 'png'), ext: 'png' });
    const written = await exiftool(jobs);
    for (const [i, code] of codes.entries()) served[`plus-${code}.jpg`] = { body: written[i]!, headers: {} };
    served['plus-png.png'] = { body: written[codes.length]!, headers: { 'content-type': 'image/png' } };
    const names = Object.keys(served).filter((n) => n.startsWith('plus-'));
    const got = await decide(names.map((name) => ({ name })));
    for (const code of PROHIBITED) expect(got[`plus-${code}.jpg`], code).toEqual([`optout.embedded: XMP plus:DataMining ${code}`]);
    expect(got['plus-png.png']).toEqual(['optout.embedded: XMP plus:DataMining DMI-PROHIBITED-SEELINKEDRIGHTSEXPR']);
    expect(got['plus-DMI-ALLOWED.jpg']).toEqual([]);
    expect(got['plus-DMI-UNSPECIFIED.jpg']).toEqual([]);
  });
});

describe('an EXIF Copyright contradicting a CC0/PDM claim is a conflict, like IPTC and XMP (files written by ExifTool)', () => {
  it('holds © notices on CC0 and PDM items, lets an agreeing or indefinite notice pass', async () => {
    const cases: Record<string, string> = { 'exif-c.jpg': '© 2024 Jane Doe', 'exif-arr.jpg': 'Copyright Acme Ltd. All rights reserved.', 'exif-cc0.jpg': 'CC0 1.0 https://creativecommons.org/publicdomain/zero/1.0/', 'exif-pd.jpg': 'Public domain' };
    let seed = 40;
    const jobs = [];
    for (const text of Object.values(cases)) jobs.push({ args: [`-EXIF:Copyright=${text}`], input: await picture(seed++), ext: 'jpg' });
    jobs.push({ args: ['-EXIF:Copyright=© 2025 Photo Agency'], input: await picture(seed++, 'png'), ext: 'png' });
    const written = await exiftool(jobs);
    for (const [i, name] of Object.keys(cases).entries()) served[name] = { body: written[i]!, headers: {} };
    served['exif-png.png'] = { body: written.at(-1)!, headers: { 'content-type': 'image/png' } };
    const got = await decide([{ name: 'exif-c.jpg' }, { name: 'exif-arr.jpg', licence: 'pdm-1.0' }, { name: 'exif-cc0.jpg' }, { name: 'exif-pd.jpg' }, { name: 'exif-png.png' }]);
    expect(got['exif-c.jpg']).toEqual(['licence.conflict: embedded exif:Copyright "© 2024 Jane Doe" (licence.all-rights-reserved) contradicts the stated cc0-1.0']);
    expect(got['exif-arr.jpg']).toEqual([expect.stringMatching(/^licence\.conflict: embedded exif:Copyright "Copyright Acme Ltd\. All rights reserved\." .* contradicts the stated pdm-1\.0/)]);
    expect(got['exif-png.png']).toEqual([expect.stringMatching(/^licence\.conflict: embedded exif:Copyright "© 2025 Photo Agency"/)]);
    expect(got['exif-cc0.jpg']).toEqual([]);
    expect(got['exif-pd.jpg']).toEqual([]);
  });
});

describe('robots directives separated by spaces count in either order', () => {
  it.each(['noai noindex', 'noindex noai', 'NOINDEX  NOIMAGEAI', 'ClearanceBot: noindex noai', 'nofollow, noindex noimageai'])('%s → opt-out', (v) => {
    expect(robotsHeaderDisallows(v)).toMatch(/noai|noimageai/);
  });
  it.each(['noindex nofollow', 'GPTBot: noindex noai', 'noaindex'])('%s → none', (v) => {
    expect(robotsHeaderDisallows(v)).toBeUndefined();
  });
  it('through the stages: an image served with `X-Robots-Tag: noai noindex` and one with `noindex noai` are both rejected', async () => {
    served['sp-1.jpg'] = { body: await picture(60), headers: { 'x-robots-tag': 'noai noindex' } };
    served['sp-2.jpg'] = { body: await picture(61), headers: { 'x-robots-tag': 'noindex noai' } };
    const got = await decide([{ name: 'sp-1.jpg' }, { name: 'sp-2.jpg' }]);
    expect(got).toEqual({ 'sp-1.jpg': ['optout.robots-header: image response header X-Robots-Tag: noai'], 'sp-2.jpg': ['optout.robots-header: image response header X-Robots-Tag: noai'] });
  });
});
