// Recorded HTTP responses of a release (`fetched` dir, `index.jsonl`): used instead of the network for those URLs.
import { join } from 'node:path';
import { z } from 'zod';
import { readRegularText } from '../util/read-regular.js';
import { releasePath } from './path-safety.js';

const RecordedLine = z.object({
  url: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
});

export interface RecordedResponse {
  url: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Body file, relative to the fetched dir. */
  body?: string;
}

export interface Recorded {
  dir: string;
  byUrl: Map<string, RecordedResponse>;
  /** Lines of index.jsonl that could not be used, with why. */
  problems: string[];
}

export function lowerHeaders(headers: Record<string, string> | Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Symbol.iterator in Object(headers) ? (headers as Iterable<[string, string]>) : Object.entries(headers);
  // Names that differ only in case are one field sent twice: combined as HTTP combines repeated lines (`a, b`).
  for (const [k, v] of entries) out[k.toLowerCase()] = out[k.toLowerCase()] === undefined ? v : `${out[k.toLowerCase()]}, ${v}`;
  return out;
}

/** Loads `<releaseDir>/<fetched>/index.jsonl`; a missing index means no recorded responses. */
export async function loadRecorded(releaseDir: string, fetched: string | undefined): Promise<Recorded> {
  if (!fetched) return { dir: releaseDir, byUrl: new Map(), problems: [] };
  // Inside the release after symlinks (release-load.ts already refused a `fetched` that leaves it).
  const dir = releasePath(releaseDir, fetched, 'release.json fetched');
  const result: Recorded = { dir, byUrl: new Map(), problems: [] };
  let text: string;
  try {
    text = await readRegularText(join(dir, 'index.jsonl'));
  } catch (err) {
    result.problems.push(`cannot read ${fetched}/index.jsonl: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return result;
  }
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = RecordedLine.parse(JSON.parse(line));
      result.byUrl.set(r.url, { ...r, headers: lowerHeaders(r.headers) });
    } catch (err) {
      result.problems.push(`${fetched}/index.jsonl line ${i + 1}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  });
  return result;
}
