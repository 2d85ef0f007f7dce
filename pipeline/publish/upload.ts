// Uploads every file a catalogue references to the bucket, skipping keys already there (checked by key, in parallel).
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogRecord } from '../catalog/record.js';
import { CliError } from '../util/cli-error.js';
import { contentTypeFor } from './content-type.js';
import { progressBar } from './progress.js';
import type { PublishTarget } from './target.js';

export interface UploadResult {
  uploaded: number;
  skipped: number;
  bytes: number;
}

/** Distinct object keys of a catalogue (originals and every derivative), in catalogue order. */
export function objectKeys(records: CatalogRecord[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const key of Object.values(r.files)) keys.add(key);
  return [...keys];
}

export async function uploadFiles(target: PublishTarget, filesDir: string, keys: string[], concurrency = 8): Promise<UploadResult> {
  for (const key of keys) {
    if (key.includes('..') || key.startsWith('/')) throw new CliError(`refusing object key outside files/: ${key}`);
    if (!existsSync(join(filesDir, key))) throw new CliError(`catalog references ${key} but ${join(filesDir, key)} is missing`);
  }
  const result: UploadResult = { uploaded: 0, skipped: 0, bytes: 0 };
  const listed = target.listObjects ? await target.listObjects() : undefined;
  const bar = progressBar('uploading', keys.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      if (listed ? listed.has(key) : await target.hasObject(key)) {
        result.skipped++;
      } else {
        const path = join(filesDir, key);
        await target.putObject(key, path, contentTypeFor(key));
        result.uploaded++;
        result.bytes += (await stat(path)).size;
      }
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  bar.done();
  return result;
}
