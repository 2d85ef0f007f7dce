// Builds a provider adapter for files that are not JSON: the spec splits a file into records (with their own text) and maps each.
import { readRegularText } from '../../util/read-regular.js';
import type { ReleaseSource } from '../../catalog/index.js';
import { insideRelease } from '../../rights/holders.js';
import { sha256Hex } from '../../util/hash.js';
import type { SourceAdapter, SourceContext, SourceEntry } from '../source.js';
import { fail, fileProvider, itemEntries, MAX_PROVIDER_FILE_BYTES, type Mapped } from './provider-files.js';
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

async function* readFileEntries(spec: TextProviderSpec, source: ReleaseSource, file: string, ctx: SourceContext): AsyncGenerator<SourceEntry> {
  const text = (await readRegularText(insideRelease(ctx.releaseDir, file, 'source file'), { maxBytes: MAX_PROVIDER_FILE_BYTES })).replace(/^\uFEFF/, '');
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
    yield* itemEntries(source, mapped, sha, ctx, 'record' in r ? r.record : undefined);
  }
}

export function textProvider(spec: TextProviderSpec): SourceAdapter {
  return fileProvider(spec.name, (source, file, ctx) => readFileEntries(spec, source, file, ctx));
}
