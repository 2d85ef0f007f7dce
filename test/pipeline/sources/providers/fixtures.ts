// Test helper: reads the recorded provider API responses through an adapter and decides their rights like the pipeline.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, type Decision, type ReleaseSource } from '../../../../pipeline/catalog/index.js';
import type { SourceAdapter, SourceEntry, SourceItem } from '../../../../pipeline/sources/source.js';
import type { StageContext, WorkItem } from '../../../../pipeline/work/stage.js';
import { rightsStage } from '../../../../pipeline/stages/rights.js';
import { corpusDir, hasCorpus, skipMessage } from '../../../support/shared.js';

export const providersDir = join(corpusDir, 'openverse-providers');
export const READ_AT = '2026-11-25T00:00:00.000Z';
/** Suite title: the provider, or the standard skip message when the corpus is absent. */
export const title = (name: string): string => (hasCorpus ? name : skipMessage('corpus'));
export { hasCorpus };

export async function readEntries(adapter: SourceAdapter, path: string, source: Partial<ReleaseSource> = {}): Promise<SourceEntry[]> {
  const src: ReleaseSource = { name: adapter.name, adapter: adapter.name, path, ...source };
  const out: SourceEntry[] = [];
  for await (const e of adapter.read(src, { releaseDir: providersDir, release: { name: 'fixtures', sources: [src] }, retrievedAt: READ_AT })) out.push(e);
  return out;
}

export async function readItems(adapter: SourceAdapter, path: string): Promise<SourceItem[]> {
  return (await readEntries(adapter, path)).flatMap((e) => (e.ok ? [e.item] : []));
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
/** SHA-256 of a whole fixture file's text without its trailing newline (a file that is one record). */
export const fileSha = (path: string): string => sha256(readFileSync(join(providersDir, path), 'utf8').trimEnd());

/** Runs the real rights stage on one item and returns the decision and the rights it set. */
export async function rightsDecision(item: SourceItem, source: Partial<ReleaseSource> = {}): Promise<Decision & { rights: WorkItem['rights'] }> {
  const stage = rightsStage();
  const ctx = { releaseDir: providersDir, release: { name: 'fixtures', sources: [] }, now: READ_AT, log: () => {} } as unknown as StageContext;
  await stage.setup?.(ctx);
  const work: WorkItem = { index: 0, id: item.id, source: { name: 'p', adapter: 'p', path: 'p', ...source }, item, reasons: [], models: {} };
  await stage.process(work, ctx);
  return { ...decide(item.id, work.reasons), rights: work.rights };
}
