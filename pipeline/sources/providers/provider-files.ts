// Shared by the provider builders: the mapped-item types, listing a source's files, and turning mapped items into entries.
import type { ReleaseSource } from '../../catalog/index.js';
import { sourceFiles } from '../manifest.js';
import type { SourceAdapter, SourceContext, SourceEntry, SourceItem } from '../source.js';

/** An item as the provider's mapping states it; the builder adds id, hash and retrieval time. */
export type MappedItem = Omit<SourceItem, 'id' | 'metadataSha256' | 'tags'> & { tags?: string[] };
/** One record maps to items (a record may hold several images) or to a reason it cannot be used. */
export type Mapped = MappedItem[] | { error: string; foreignId?: string };

/** A provider file (one API response or dump) larger than this is refused: it is read whole into one string. */
export const MAX_PROVIDER_FILE_BYTES = 256 * 1024 * 1024;

export const fail = (id: string, detail: string): SourceEntry => ({ ok: false, id, detail });

/** The entries of one record's mapped items: ids `<source>:<foreignId>`, the record's hash and value, no undefined fields. */
export function* itemEntries(source: ReleaseSource, mapped: MappedItem[], sha: string, ctx: SourceContext, record?: unknown): Generator<SourceEntry> {
  for (const m of mapped) {
    const item: SourceItem = { ...m, id: `${source.name}:${m.foreignId}`, tags: m.tags ?? [], metadataSha256: sha, retrievedAt: m.retrievedAt ?? ctx.retrievedAt, record };
    for (const k of Object.keys(item) as (keyof SourceItem)[]) if (item[k] === undefined) delete item[k];
    yield { ok: true, item };
  }
}

type FileReader = (source: ReleaseSource, file: string, ctx: SourceContext) => AsyncGenerator<SourceEntry>;

/** An adapter that reads each of the source's files with `readFile`; a file that cannot be read becomes one failed entry. */
export function fileProvider(name: string, readFile: FileReader): SourceAdapter {
  return {
    name,
    async *read(source, ctx) {
      let files: string[];
      try {
        files = await sourceFiles(ctx.releaseDir, source.path);
      } catch (e) {
        return yield fail(`${source.name}:${source.path}`, `cannot list source files: ${(e as Error).message}`);
      }
      for (const file of files) {
        try {
          yield* readFile(source, file, ctx);
        } catch (e) {
          yield fail(`${source.name}:${file}`, `cannot read ${file}: ${(e as Error).message}`);
        }
      }
    },
  };
}
