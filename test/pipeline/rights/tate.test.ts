// All 69,202 Tate records through the rights stage (thumbnailCopyright as the licence statement): none may be accepted.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import { decide } from '../../../pipeline/catalog/index.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';
import { corpusDir, hasCorpus, skipMessage } from '../../support/shared.js';

const tateDir = join(corpusDir, 'tate');

/** artist id → year of death, from artist_data.csv (quoted fields may hold commas). */
function deathYears(): Map<number, number> {
  const out = new Map<number, number>();
  const lines = readFileSync(join(tateDir, 'artist_data.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(',');
  const idCol = header.indexOf('id');
  const deathCol = header.indexOf('yearOfDeath');
  for (const line of lines.slice(1)) {
    const cells = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!);
    const id = Number(cells[idCol]);
    const death = Number(cells[deathCol]);
    if (Number.isInteger(id) && cells[deathCol] && Number.isInteger(death)) out.set(id, death);
  }
  return out;
}

interface TateRecord {
  id: number;
  title: string;
  all_artists?: string;
  thumbnailCopyright: string | null;
  url?: string;
  contributors?: { id: number; role: string }[];
}

describe.skipIf(!hasCorpus)(hasCorpus ? 'Tate collection' : skipMessage('corpus'), () => {
  test('no Tate record is accepted; breakdown by reason', async () => {
    const deaths = deathYears();
    const stage = rightsStage();
    const ctx = { releaseDir: tateDir, release: { name: 'tate', sources: [] }, now: '2026-11-25T00:00:00Z', log: () => {} } as unknown as StageContext;
    await stage.setup?.(ctx);
    const main: Record<string, number> = {};
    const status: Record<string, number> = {};
    let hints = 0;
    let nulls = 0;
    let n = 0;
    const given: string[] = [];
    const lines = createInterface({ input: createReadStream(join(tateDir, 'artworks.jsonl'), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as TateRecord;
      const artist = r.contributors?.find((c) => c.role === 'artist');
      const death = artist ? deaths.get(artist.id) : undefined;
      if (r.thumbnailCopyright === null) nulls++;
      const work: WorkItem = {
        index: n,
        id: `tate:${r.id}`,
        source: { name: 'tate', adapter: 'manifest', path: 'artworks.jsonl' },
        item: {
          id: `tate:${r.id}`,
          foreignId: String(r.id),
          image: 'x.jpg',
          title: r.title,
          creator: r.all_artists,
          tags: [],
          licence: r.thumbnailCopyright ?? undefined,
          sourceUrl: r.url,
          creatorDeathYear: death,
          metadataSha256: '0'.repeat(64),
        },
        reasons: [],
        models: {},
      };
      await stage.process(work, ctx);
      const d = decide(work.id, work.reasons);
      n++;
      status[d.status] = (status[d.status] ?? 0) + 1;
      main[d.reasons[0]!.code] = (main[d.reasons[0]!.code] ?? 0) + 1;
      if (d.reasons.some((x) => x.code === 'licence.pd-by-age')) hints++;
      if (work.rights !== undefined) given.push(work.id);
    }
    // No record gets rights (one assertion for all 69,202: an expect per record cost ~0.8 CPU-s)
    expect(given).toEqual([]);
    const table = Object.entries(main)
      .sort((a, b) => b[1] - a[1])
      .map(([c, k]) => `| ${c} | ${k} |`);
    console.log(`\nTate: ${n} records, status ${JSON.stringify(status)}, pd-by-age hints ${hints}\n| main reason | records |\n|---|---:|\n${table.join('\n')}\n`);
    expect(n).toBe(69_202);
    expect(status.accepted ?? 0).toBe(0);
    expect(main['licence.missing']).toBe(nulls);
    expect(hints).toBeGreaterThan(0);
  });
});
