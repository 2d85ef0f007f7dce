// Compares this run's catalogue with a previous output's: added, removed (with why) and changed items (with which fields).
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { CliError } from '../util/cli-error.js';

export interface CatalogDiff {
  previous: string;
  added: string[];
  removed: { id: string; now: string }[];
  changed: { id: string; fields: string[] }[];
  unchanged: number;
  /** Items a moderator withdrew at the edge (from the previous output's publish-report.json) that this release
   *  still accepts: they stay withdrawn at the edge and are listed here for review. */
  edgeWithdrawn: { id: string; withdrawnReason: string | null; withdrawnAt: string | null }[];
}

/** Fields that legitimately differ on every run and do not make an item "changed". */
function comparable(rec: Record<string, unknown>): Record<string, unknown> {
  const prov = rec.provenance as Record<string, unknown> | undefined;
  if (!prov) return rec;
  const { retrievedAt: _ignored, ...rest } = prov;
  return { ...rec, provenance: rest };
}

async function readJsonl(path: string, each: (v: Record<string, unknown>) => void): Promise<void> {
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim()) each(JSON.parse(line) as Record<string, unknown>);
  }
}

export async function checkPrevious(dir: string): Promise<void> {
  try {
    await access(join(dir, 'catalog.jsonl'));
  } catch {
    throw new CliError(`--previous ${dir} has no catalog.jsonl: pass the output directory of an earlier build`);
  }
}

export async function loadPrevious(dir: string): Promise<Map<string, Record<string, unknown>>> {
  const prev = new Map<string, Record<string, unknown>>();
  await readJsonl(join(dir, 'catalog.jsonl'), (r) => prev.set(String(r.id), comparable(r)));
  return prev;
}

export async function diffCatalogs(previousDir: string, prev: Map<string, Record<string, unknown>>, newDir: string): Promise<CatalogDiff> {
  const diff: CatalogDiff = { previous: previousDir, added: [], removed: [], changed: [], unchanged: 0, edgeWithdrawn: [] };
  const seen = new Set<string>();
  await readJsonl(join(newDir, 'catalog.jsonl'), (raw) => {
    const rec = comparable(raw);
    const id = String(rec.id);
    seen.add(id);
    const old = prev.get(id);
    if (!old) return void diff.added.push(id);
    const keys = new Set([...Object.keys(old), ...Object.keys(rec)]);
    const fields = [...keys].filter((k) => JSON.stringify(old[k]) !== JSON.stringify(rec[k])).sort();
    if (fields.length) diff.changed.push({ id, fields });
    else diff.unchanged++;
  });
  const gone = new Set([...prev.keys()].filter((id) => !seen.has(id)));
  const why = new Map<string, string>();
  if (gone.size) {
    await readJsonl(join(newDir, 'decisions.jsonl'), (d) => {
      const id = String(d.id);
      if (gone.has(id) && !why.has(id)) why.set(id, `${String(d.status)}: ${String((d.reasons as { code: string }[])[0]?.code)}`);
    });
  }
  diff.removed = [...gone].map((id) => ({ id, now: why.get(id) ?? 'not in this release' }));
  diff.edgeWithdrawn = (await readConflicts(previousDir)).filter((c) => seen.has(c.id));
  return diff;
}

/** Conflicts `clearance publish` recorded for the previous output (none when it was never published). */
async function readConflicts(dir: string): Promise<CatalogDiff['edgeWithdrawn']> {
  let text: string;
  try {
    text = await readFile(join(dir, 'publish-report.json'), 'utf8');
  } catch {
    return [];
  }
  const conflicts = (JSON.parse(text) as { conflicts?: { id: string; withdrawnReason?: string | null; withdrawnAt?: string | null }[] }).conflicts ?? [];
  return conflicts.map((c) => ({ id: String(c.id), withdrawnReason: c.withdrawnReason ?? null, withdrawnAt: c.withdrawnAt ?? null }));
}
