// optoutStage through the Stage interface on a release directory: withdrawals by id, registry by URL/domain, ai.txt and tdmrep.json per host.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { optoutStage } from '../../../pipeline/stages/optout.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';

let dir: string;
const logs: string[] = [];
const release: Release = {
  name: 'test',
  sources: [{ name: 's', adapter: 'manifest', path: 'items.jsonl' }],
  optOut: { registry: 'optout/registry.txt', aiTxt: 'optout/ai-txt', tdmRep: 'optout/tdmrep' },
  withdrawals: 'withdrawals.jsonl',
};

function ctx(r: Release = release): StageContext {
  return { releaseDir: dir, release: r, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now: '2026-11-25T00:00:00Z', log: (l) => logs.push(l) };
}

function work(id: string, image: string, sourceUrl?: string): WorkItem {
  return { index: 0, id: `s:${id}`, source: release.sources[0]!, item: { id: `s:${id}`, foreignId: id, image, sourceUrl, tags: [], metadataSha256: '0'.repeat(64) }, reasons: [], models: {} };
}

async function run(items: WorkItem[], r?: Release): Promise<string[][]> {
  const stage = optoutStage();
  const c = ctx(r);
  await stage.setup?.(c);
  for (const w of items) await stage.process(w, c);
  return items.map((w) => w.reasons.map((x) => x.code));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-optout-'));
  await mkdir(join(dir, 'optout/ai-txt'), { recursive: true });
  await mkdir(join(dir, 'optout/tdmrep'), { recursive: true });
  await writeFile(join(dir, 'optout/registry.txt'), '# snapshot\nhttps://listed.example.com/photo/1.jpg\ndomain:blocked.example.net\nbogus line\n');
  await writeFile(join(dir, 'optout/ai-txt/images.example.org.txt'), 'User-Agent: *\nDisallow: *.jpg\nDisallow: *.png\n');
  await writeFile(join(dir, 'optout/ai-txt/museum.example.org.txt'), 'User-Agent: *\nDisallow: *.tif\n');
  await writeFile(join(dir, 'optout/tdmrep/news.example.com.json'), JSON.stringify([{ location: '/free/*', 'tdm-reservation': 0 }, { location: '/*', 'tdm-reservation': 1, 'tdm-policy': 'https://news.example.com/tdm' }]));
  await writeFile(join(dir, 'withdrawals.jsonl'), JSON.stringify({ id: 's:gone', reason: 'creator asked', at: '2026-11-01' }) + '\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('optoutStage', () => {
  it('gives each pre-fetch signal its code and leaves clean items alone', async () => {
    const items = [
      work('clean', 'images/a.jpg', 'https://ok.example.org/item/1'),
      work('gone', 'images/b.jpg'),
      work('url', 'https://listed.example.com/photo/1.jpg'),
      work('url-other-path', 'https://listed.example.com/photo/2.jpg'),
      work('domain', 'images/c.jpg', 'https://www.blocked.example.net/item/9'),
      work('ai-image-host', 'https://images.example.org/full/d.JPG'),
      work('ai-source-host', 'images/e.png', 'https://images.example.org/record/5'),
      work('ai-other-ext', 'images/f.jpg', 'https://museum.example.org/record/5'),
      work('tdm-reserved', 'images/g.jpg', 'https://news.example.com/story/3'),
      work('tdm-free', 'images/h.jpg', 'https://news.example.com/free/3'),
      work('tdm-subdomain', 'images/i.jpg', 'https://cdn.news.example.com/story/3'),
      work('ai-source-host-remote-image', 'https://cdn.elsewhere.example.net/full/j.png?w=2', 'https://images.example.org/record/6'),
    ];
    expect(await run(items)).toEqual([
      [],
      ['optout.withdrawn'],
      ['optout.registry'],
      [],
      ['optout.registry'],
      ['optout.ai-txt'],
      ['optout.ai-txt'],
      [],
      ['optout.tdm-rep'],
      [],
      [],
      ['optout.ai-txt'],
    ]);
    expect(items[11]!.reasons[0]!.detail).toMatch(/^images\.example\.org: ai\.txt disallows \/j\.png /);
    expect(items[5]!.reasons[0]!.detail).toMatch(/^images\.example\.org: ai\.txt disallows \/full\/d\.JPG/);
    expect(items[8]!.reasons[0]!.detail).toMatch(/tdm-policy https:\/\/news\.example\.com\/tdm/);
    expect(logs.some((l) => l.includes('registry line 4 not understood'))).toBe(true);
  });

  it('passes everything when the release has no opt-out files', async () => {
    expect(await run([work('x', 'https://images.example.org/a.jpg')], { ...release, optOut: undefined, withdrawals: undefined })).toEqual([[]]);
  });

  it('fails setup (not items) when a configured file is missing or leaves the release', async () => {
    await expect(run([], { ...release, optOut: { registry: 'nope.txt' } })).rejects.toThrow(/ENOENT/);
    await expect(run([], { ...release, withdrawals: '../outside.jsonl' })).rejects.toThrow(/leaves the release directory/);
  });
});
