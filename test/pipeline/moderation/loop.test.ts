// The pipeline half of the human loop, end to end on local state: build → publish (review queue) → decisions and a
// withdrawal in D1 (as the console makes them) → pull → build applies them → publish; again changes nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogRecord } from '../../../pipeline/catalog/index.js';
import { runBuild } from '../../../pipeline/runner/run-build.js';
import { publish, type PublishSummary } from '../../../pipeline/publish/publish.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { openReader } from '../../../pipeline/pull/d1-reader.js';
import { pullRelease } from '../../../pipeline/pull/pull.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { repoRoot } from '../../support/shared.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../support/cli.js';
import { withLocalTarget } from '../../support/local-target.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';

// vitest runs files in one process (no isolation): stub the setting for this file only.
beforeAll(() => void vi.stubEnv('CLEARANCE_SAFETY', 'off'));
afterAll(() => void vi.unstubAllEnvs());
const config = join(repoRoot, 'wrangler.toml');
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
let release: string;
let out: string;
let persist: string;

const withTarget = <T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> => withLocalTarget(persist, fn);
const build = () => runBuild({ releaseDir: release, out, cacheDir: join(release, '..', 'cache'), concurrency: 2, log: () => {} });
const decisions = async () => new Map((await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).map((d) => [d.id, d]));
const pull = async () => {
  const reader = await openReader({ mode: 'local', config, persistTo: persist });
  try {
    return await pullRelease(release, reader);
  } finally {
    await reader.close();
  }
};

beforeAll(async () => {
  const root = await tempDir('clearance-loop-');
  release = join(root, 'release');
  out = join(root, 'out');
  persist = join(root, 'state');
  await mkdir(join(release, 'images'), { recursive: true });
  const items = [
    { id: 'pd', licence: 'pd', title: 'A 1911 photograph' }, // held → approved
    { id: 'third', licence: CC0, assertedBy: 'third-party' }, // held → rejected
    { id: 'still-held', licence: 'No known copyright restrictions' }, // held, undecided
    { id: 'live', licence: CC0 }, // accepted → withdrawn by a moderator
  ];
  for (const [i, item] of items.entries()) await writeFile(join(release, 'images', `${item.id}.png`), await drawImage({ format: 'png', width: 320, height: 240, seed: 700 + i }));
  await writeFile(join(release, 'm.jsonl'), items.map((it) => JSON.stringify({ ...it, image: `images/${it.id}.png`, sourceUrl: `https://example.org/${it.id}` })).join('\n') + '\n');
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'loop-1', sources: [{ name: 'w', adapter: 'manifest', path: 'm.jsonl' }] }));
  await build();
  const first = await withTarget((t) => publish(out, t));
  expect(first.reviews).toEqual({ opened: 3, unchanged: 0, superseded: 0 });
});

shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await removeTempDirs();
});

describe('the human loop, pipeline side', () => {
  let second: PublishSummary;

  it('applies what moderators decided at the edge to the next build, and publishes it', async () => {
    // What the console does (LOOP-INTERFACES.md): decide open rows, withdraw a live item in one batch.
    await withTarget((t) =>
      t.execute([
        { sql: "UPDATE reviews SET status = 'approved', decided_licence = 'pdm-1.0', decided_by = 'acct_mod', decided_at = '2026-11-20T09:00:00.000Z', note = 'Published 1911 without notice', updated_at = '2026-11-20T09:00:00.000Z' WHERE item_id = 'w:pd' AND status = 'open'", params: [] },
        { sql: "UPDATE reviews SET status = 'rejected', decided_by = 'acct_mod', decided_at = '2026-11-20T09:05:00.000Z', note = 'Uploader is not the author', updated_at = '2026-11-20T09:05:00.000Z' WHERE item_id = 'w:third' AND status = 'open'", params: [] },
        [
          { sql: "UPDATE items SET status = 'withdrawn', withdrawn_by = 'moderator', withdrawn_reason = 'flag:privacy: a face', withdrawn_at = '2026-11-21T00:00:00.000Z' WHERE id = 'w:live'", params: [] },
          { sql: `INSERT INTO withdrawals (id, item_id, sha256, reason, "by", at, flag_id) SELECT 'wd_1', id, sha256, 'flag:privacy: a face', 'moderator', '2026-11-21T00:00:00.000Z', NULL FROM items WHERE id = 'w:live'`, params: [] },
        ],
      ]),
    );
    const pulled = await pull();
    expect(pulled.reviews).toMatchObject({ exported: 2, added: 2 });
    expect(pulled.withdrawals).toMatchObject({ exported: 1, added: 1 });
    await build();

    const d = await decisions();
    expect(d.get('w:pd')).toMatchObject({ status: 'accepted', reasons: [{ code: 'licence.moderator-approved' }] });
    expect(d.get('w:third')).toMatchObject({ status: 'rejected', reasons: [{ code: 'licence.moderator-rejected' }, { code: 'licence.third-party-assertion' }] });
    expect(d.get('w:live')!.reasons[0]).toMatchObject({ code: 'optout.withdrawn', detail: 'withdrawn by id on 2026-11-21T00:00:00.000Z: flag:privacy: a face' });
    expect(d.get('w:still-held')!.status).toBe('review');
    const pd = (await readJsonl(join(out, 'catalog.jsonl'))).map((r) => CatalogRecord.parse(r)).find((r) => r.id === 'w:pd')!;
    expect(pd.licence.evidence.at(-1)).toEqual({ kind: 'moderator', statement: 'Published 1911 without notice', normalised: 'pdm-1.0', by: 'acct_mod', at: '2026-11-20T09:00:00.000Z' });

    second = await withTarget((t) => publish(out, t));
    expect(second.items).toMatchObject({ inserted: 1, withdrawn: 0 });
    expect(second.reviews).toEqual({ opened: 0, unchanged: 1, superseded: 0 });
    const rows = await withTarget((t) => t.query({ sql: 'SELECT item_id, status FROM reviews ORDER BY item_id', params: [] }));
    expect(rows).toEqual([
      { item_id: 'w:pd', status: 'approved' },
      { item_id: 'w:still-held', status: 'open' },
      { item_id: 'w:third', status: 'rejected' },
    ]);
    const items = new Map((await withTarget((t) => t.readItems())).map((r) => [r.id, r]));
    expect(items.get('w:pd')).toMatchObject({ status: 'live', licence: 'pdm-1.0' });
    expect(items.get('w:live')).toMatchObject({ status: 'withdrawn', withdrawn_by: 'moderator' });
  });

  it('a second pull, build and publish change nothing: no decision is lost or undone', async () => {
    const pulled = await pull();
    expect([pulled.reviews.added, pulled.withdrawals.added]).toEqual([0, 0]);
    expect((await build()).upToDate).toBe(true);
    const third = await withTarget((t) => publish(out, t));
    expect(third.items).toMatchObject({ inserted: 0, updated: 0, withdrawn: 0, unchanged: second.items.total });
    expect(third.reviews).toEqual({ opened: 0, unchanged: 1, superseded: 0 });
    expect(third.objects.uploaded).toBe(0);
  });
});
