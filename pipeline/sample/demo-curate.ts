// Curates the committed demo release (pipeline/sample/demo/) from ../shared/corpus/pomological: `tsx pipeline/sample/demo-curate.ts [N]`.
// Picks N paintings spread evenly over the collection (different fruits), copies the JPEGs at their stored size and
// writes items.jsonl with the CSV's title, creator, year and source URL. Run by hand; the output is committed.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { corpusDir } from '../util/config.js';
import { parseCsv } from './csv.js';

const corpus = resolve(corpusDir(), 'pomological');
const dest = resolve(import.meta.dirname, 'demo');
const count = Number(process.argv[2] ?? 100);

const [head, ...rows] = parseCsv(await readFile(join(corpus, 'usda_pomological_watercolors.csv'), 'utf8'));
const col = (name: string): number => head!.indexOf(name);
const [AUTHORS, FRUIT, IMAGE, INDEX, SUBJECTS, YEAR] = ['authors', 'fruit', 'image', 'painting_index', 'subjects', 'year'].map(col) as [number, number, number, number, number, number];

function title(fruit: string, subjects: string): string {
  const common = subjects.split(' , ')[1]?.trim();
  return common && common.toLowerCase() !== fruit.split(' ')[0]!.toLowerCase() ? `${fruit} (${common})` : fruit;
}

await rm(join(dest, 'images'), { recursive: true, force: true });
await mkdir(join(dest, 'images'), { recursive: true });
if (rows.at(-1)?.length === 1) rows.pop();
if (rows.length < count) throw new Error(`${corpus}: ${rows.length} rows, fewer than ${count}`);
const lines: string[] = [];
const step = rows.length / count;
for (let k = 0; k < count; k++) {
  const n = Math.floor(k * step); // image-N.jpg is data row N
  const r = rows[n]!;
  const creator = r[AUTHORS]!.replace(/\s+/g, ' ').trim();
  const death = /(?:^|[-–])\s*(\d{4})\s*$/.exec(creator)?.[1];
  const year = r[YEAR]!.trim();
  const image = `images/image-${n}.jpg`;
  await copyFile(join(corpus, image), join(dest, image));
  lines.push(
    JSON.stringify({
      id: /POM\d+/.exec(r[IMAGE]!)?.[0] ?? `painting-${r[INDEX]!.trim() || n}`,
      image,
      title: title(r[FRUIT]!.trim(), r[SUBJECTS]!),
      creator,
      ...(death && /\d{4}-\d{4}/.test(creator) ? { creatorDeathYear: Number(death) } : {}),
      ...(year ? { date: year } : {}),
      description: `Watercolour of ${r[FRUIT]!.trim()}${year ? `, ${year}` : ''}. USDA Pomological Watercolor Collection, painting ${r[INDEX]!.trim()}, National Agricultural Library.`,
      sourceUrl: r[IMAGE]!.trim(),
      tags: ['pomological watercolor', 'fruit', r[FRUIT]!.trim().split(' ')[0]!.toLowerCase()],
    }),
  );
}
await writeFile(join(dest, 'items.jsonl'), `${lines.join('\n')}\n`);
console.log(`demo: ${lines.length} paintings → ${dest}`);
