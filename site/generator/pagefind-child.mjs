// Child-process entry: indexes one part of the catalogue with Pagefind (its own service process) and writes the bundle.
// Plain JS on purpose (no TS loader to start). argv: <outputPath> <maxFragments>; stdin: one Pagefind custom record per line
// (site/src/lib/search-record.ts), indexed as it arrives. Prints {"indexed":N} on success; any Pagefind error exits 1.
import { createInterface } from 'node:readline';
import * as pagefind from 'pagefind';

const [outputPath, maxFragments] = process.argv.slice(2);

function check(step, errors) {
  if (errors.length > 0) throw new Error(`pagefind ${step} failed: ${errors.join('; ')}`);
}

async function main() {
  if (!outputPath || !(Number(maxFragments) > 0)) throw new Error('usage: pagefind-child <outputPath> <maxFragments> < records.jsonl');
  const created = await pagefind.createIndex({ forceLanguage: 'en', maxFragments: Number(maxFragments) });
  check('createIndex', created.errors);
  const index = created.index;
  let pending = [];
  let indexed = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const record = JSON.parse(line);
    pending.push(index.addCustomRecord(record).then((r) => check(`addCustomRecord ${record.url}`, r.errors)));
    indexed++;
    if (pending.length >= 256) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  const written = await index.writeFiles({ outputPath });
  check('writeFiles', written.errors);
  process.stdout.write(`${JSON.stringify({ indexed })}\n`);
}

main().then(
  () => pagefind.close().then(() => process.exit(0)),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    pagefind.close().finally(() => process.exit(1));
  },
);
