// Streams a catalog.jsonl, validating every line with the catalogue schema; a bad line throws with its line number.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CatalogRecord } from '../../../pipeline/catalog/record.js';

export async function* readCatalog(file: string): AsyncGenerator<CatalogRecord> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${n}: not JSON (${(err as Error).message})`);
    }
    const parsed = CatalogRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}:${n}: not a catalogue record: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    yield parsed.data;
  }
}
