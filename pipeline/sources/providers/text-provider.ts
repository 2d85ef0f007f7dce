// Builds a provider adapter for files that are not JSON: the spec splits a file into records (with their own text) and maps each.
import { readFile } from 'node:fs/promises';
import type { ReleaseSource } from '../../catalog/index.js';
import { insideRelease } from '../../rights/holders.js';
import { sha256Hex } from '../../util/hash.js';
import { sourceFiles } from '../manifest.js';
import type { SourceAdapter, SourceContext, SourceEntry, SourceItem } from '../source.js';
import type { Mapped } from './json-provider.js';
import type { Json } from './pick.js';

/** One record of a file: its value and exact source text, or why that part of the file is unusable.
 *  `key` names it in ids (`<source>:<file>#<key>`), `where` in messages ("line 3", "record 5"). */
export type TextRecord = { key: string; where: string } & ({ text: string; record: Json } | { error: string });

export interface TextProviderSpec {
  name: string;
  /** The format in messages: "a Python literal", "Openverse catalog TSV". */
  format: string;
  /** The records of a file, in order; throws when the file as a whole is not in this format. */
  records(text: string): Iterable<TextRecord>;
  /** One record → items or a reason; the release source is passed for source-level defaults. */
  map(record: Json, source: ReleaseSource): Mapped;
}

const fail = (id: string, detail: string): SourceEntry => ({ ok: false, id, detail });

async function* readFileEntries(spec: TextProviderSpec, source: ReleaseSource, file: string, ctx: SourceContext): AsyncGenerator<SourceEntry> {
  const text = (await readFile(insideRelease(ctx.releaseDir, file), 'utf8')).replace(/^\uFEFF/, '');
  let records: TextRecord[];
  try {
    records = [...spec.records(text)];
  } catch (e) {
    return yield fail(`${source.name}:${file}`, `${file} is not ${spec.format}: ${(e as Error).message}`);
  }
  for (const r of records) {
    const mapped: Mapped = 'error' in r ? { error: r.error } : spec.map(r.record, source);
    if (!Array.isArray(mapped)) {
      yield fail(`${source.name}:${mapped.foreignId ?? `${file}#${r.key}`}`, `${spec.name} ${r.where} in ${file}: ${mapped.error}`);
      continue;
    }
    const sha = sha256Hex('text' in r ? r.text : '');
    for (const m of mapped) {
      const item: SourceItem = { ...m, id: `${source.name}:${m.foreignId}`, tags: m.tags ?? [], metadataSha256: sha, retrievedAt: m.retrievedAt ?? ctx.retrievedAt };
      for (const k of Object.keys(item) as (keyof SourceItem)[]) if (item[k] === undefined) delete item[k];
      yield { ok: true, item };
    }
  }
}

export function textProvider(spec: TextProviderSpec): SourceAdapter {
  return {
    name: spec.name,
    async *read(source, ctx) {
      let files: string[];
      try {
        files = await sourceFiles(ctx.releaseDir, source.path);
      } catch (e) {
        return yield fail(`${source.name}:${source.path}`, `cannot list source files: ${(e as Error).message}`);
      }
      for (const file of files) {
        try {
          yield* readFileEntries(spec, source, file, ctx);
        } catch (e) {
          yield fail(`${source.name}:${file}`, `cannot read ${file}: ${(e as Error).message}`);
        }
      }
    },
  };
}
