// Builds a provider adapter from two small functions: where the records sit in a file, and how one record maps to items.
import { readRegularText } from '../../util/read-regular.js';
import type { ReleaseSource } from '../../catalog/index.js';
import { insideRelease } from '../../rights/holders.js';
import { sha256Hex } from '../../util/hash.js';
import type { SourceAdapter, SourceContext, SourceEntry } from '../source.js';
import { fail, fileProvider, itemEntries, MAX_PROVIDER_FILE_BYTES, type Mapped } from './provider-files.js';
import { childSpans, spanAt, type JsonPath } from './json-spans.js';
import { get, type Json } from './pick.js';

export type { Mapped, MappedItem } from './provider-files.js';

export interface ProviderSpec {
  name: string;
  /** Where the records are: a path to an array/object of records, or [] when the document is one record. */
  recordsAt(doc: Json): { path: JsonPath; many: boolean } | undefined;
  map(record: Json): Mapped;
}

async function* readFileEntries(spec: ProviderSpec, source: ReleaseSource, file: string, ctx: SourceContext): AsyncGenerator<SourceEntry> {
  const text = (await readRegularText(insideRelease(ctx.releaseDir, file, 'source file'), { maxBytes: MAX_PROVIDER_FILE_BYTES })).replace(/^\uFEFF/, '');
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return yield fail(`${source.name}:${file}`, `${file} is not JSON: ${(e as Error).message}`);
  }
  const where = spec.recordsAt(doc);
  if (!where) return yield fail(`${source.name}:${file}`, `${file} is not a ${spec.name} API response or record`);
  const spans = where.many ? childSpans(text, where.path) : new Map([['', spanAt(text, where.path)!]]);
  for (const [key, span] of spans) {
    const record = where.many ? get(doc, ...where.path, key) : get(doc, ...where.path);
    const sha = sha256Hex(text.slice(span[0], span[1]));
    const mapped = spec.map(record);
    if (!Array.isArray(mapped)) {
      yield fail(`${source.name}:${mapped.foreignId ?? `${file}#${where.many ? String(key) : 0}`}`, `${spec.name} record ${where.many ? String(key) : ''} in ${file}: ${mapped.error}`.replace('  ', ' '));
      continue;
    }
    yield* itemEntries(source, mapped, sha, ctx, record);
  }
}

export function jsonProvider(spec: ProviderSpec): SourceAdapter {
  return fileProvider(spec.name, (source, file, ctx) => readFileEntries(spec, source, file, ctx));
}

/** recordsAt helper: the first path whose value is an array/object of records, else the document itself when `isRecord`. */
export function findRecords(doc: Json, lists: JsonPath[], isRecord: (v: Json) => boolean): { path: JsonPath; many: boolean } | undefined {
  for (const p of lists) {
    const v = p.length ? get(doc, ...p) : doc;
    if (Array.isArray(v) || (p.length > 0 && v !== null && typeof v === 'object')) return { path: p, many: true };
  }
  return isRecord(doc) ? { path: [], many: false } : undefined;
}
