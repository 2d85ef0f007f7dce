// Reads a pipeline output directory (catalog.jsonl, decisions.jsonl, reviews.jsonl, files/) and validates it against the catalog contract.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogRecord } from '../catalog/record.js';
import { Decision } from '../catalog/decision.js';
import { ReviewRecord } from '../catalog/review.js';
import { CliError } from '../util/cli-error.js';

export interface OutDir {
  dir: string;
  filesDir: string;
  records: CatalogRecord[];
  decisions: Map<string, Decision>;
  /** Held items (reviews.jsonl); undefined for an output built before review records existed. */
  reviews?: ReviewRecord[];
  /** Release name (from the records' provenance, else report.json, else the directory name). */
  release: string;
}

async function readJsonl<T>(path: string, parse: (v: unknown) => T): Promise<T[]> {
  const text = await readFile(path, 'utf8');
  const out: T[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    try {
      out.push(parse(JSON.parse(line)));
    } catch (err) {
      throw new CliError(`${path}:${i + 1}: not a valid line (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }
  return out;
}

/** Fails with a one-line error unless `dir` holds a pipeline output. */
export function assertOutDir(dir: string): void {
  if (!existsSync(join(dir, 'catalog.jsonl'))) throw new CliError(`${dir} has no catalog.jsonl (run \`clearance build <release> --out ${dir}\` first)`);
}

export async function readOutDir(dir: string): Promise<OutDir> {
  assertOutDir(dir);
  const catalogPath = join(dir, 'catalog.jsonl');
  const records = await readJsonl(catalogPath, (v) => CatalogRecord.parse(v));
  const decisionsPath = join(dir, 'decisions.jsonl');
  const decisions = new Map<string, Decision>();
  if (existsSync(decisionsPath)) for (const d of await readJsonl(decisionsPath, (v) => Decision.parse(v))) decisions.set(d.id, d);
  const reviewsPath = join(dir, 'reviews.jsonl');
  const reviews = existsSync(reviewsPath) ? await readJsonl(reviewsPath, (v) => ReviewRecord.parse(v)) : undefined;
  let release = records[0]?.provenance.release ?? reviews?.[0]?.provenance.release;
  if (!release && existsSync(join(dir, 'report.json'))) {
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { release?: unknown };
    if (typeof report.release === 'string') release = report.release;
  }
  return { dir, filesDir: join(dir, 'files'), records, decisions, ...(reviews ? { reviews } : {}), release: release ?? dir };
}
