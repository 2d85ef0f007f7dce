// The dataset card (README.md): a Hugging Face YAML header and prose on how the items were cleared, from report.json.
import type { BuildReport } from '../runner/report.js';
import { COLUMNS } from './columns.js';

export interface CardInput {
  report: BuildReport;
  rows: number;
  licences: Record<string, number>;
  sources: Record<string, number>;
  parquetFiles: string[];
  shardFiles: string[];
  shardBytes: number;
}

export function sizeCategory(n: number): string {
  const bands: [number, string][] = [[1e3, 'n<1K'], [1e4, '1K<n<10K'], [1e5, '10K<n<100K'], [1e6, '100K<n<1M'], [1e7, '1M<n<10M'], [1e8, '10M<n<100M'], [1e9, '100M<n<1B']];
  return bands.find(([max]) => n < max)?.[1] ?? 'n>1T';
}

/** Hugging Face licence id: cc0-1.0 when every item is CC0, else `other` with a name and link (PDM has no HF id). */
function hfLicence(licences: Record<string, number>): string[] {
  const ids = Object.keys(licences).sort();
  if (ids.length === 1 && ids[0] === 'cc0-1.0') return ['license: cc0-1.0'];
  return ['license: other', `license_name: ${ids.join('-and-') || 'none'}`, 'license_link: LICENSES.md'];
}

const yamlString = (s: string): string => JSON.stringify(s);

function header(c: CardInput): string {
  const r = c.report;
  const byCode = Object.entries(r.items.byCode).sort((a, b) => a[0].localeCompare(b[0]));
  return [
    '---',
    ...hfLicence(c.licences),
    `pretty_name: ${yamlString(`Clearance release ${r.release}`)}`,
    'size_categories:',
    `- ${sizeCategory(c.rows)}`,
    'task_categories:',
    '- text-to-image',
    '- image-to-text',
    'language:',
    '- en',
    'tags:',
    '- public-domain',
    '- cleared-for-training',
    '- webdataset',
    'configs:',
    '- config_name: default',
    '  data_files:',
    '  - split: train',
    '    path: metadata/*.parquet',
    'clearance:',
    `  release: ${yamlString(r.release)}`,
    `  built_at: ${yamlString(r.builtAt)}`,
    `  items_considered: ${r.items.total}`,
    `  accepted: ${r.items.byStatus.accepted}`,
    `  review: ${r.items.byStatus.review}`,
    `  rejected: ${r.items.byStatus.rejected}`,
    `  exported: ${c.rows}`,
    '  main_reasons:',
    ...byCode.map(([code, n]) => `    ${yamlString(code)}: ${n}`),
    '---',
  ].join('\n');
}

const table = (head: string[], rows: (string | number)[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function renderCard(c: CardInput): string {
  const r = c.report;
  const byCode = Object.entries(r.items.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `${header(c)}

# Clearance release \`${r.release}\`

${c.rows} images cleared for AI training, exported from the catalogue built ${r.builtAt}. Every image is either
dedicated to the public domain (CC0 1.0), marked as free of known copyright (Public Domain Mark 1.0) by its source, or
opted in by a verified rights holder; each row carries the evidence it was accepted on.

## Files

- \`metadata/part-*.parquet\` (${c.parquetFiles.length} file${c.parquetFiles.length === 1 ? '' : 's'}, at most 100,000 rows each): one row per image.
- \`shards/shard-*.tar\` (${c.shardFiles.length} WebDataset shard${c.shardFiles.length === 1 ? '' : 's'} of about ${Math.round(c.shardBytes / 1e6)} MB): for each image \`<key>.<ext>\` (the served bytes), \`<key>.json\` (its metadata row) and \`<key>.txt\` (its caption).
- \`croissant.json\`: Croissant 1.0 metadata describing these files and fields.
- \`SHA256SUMS\`: check with \`sha256sum -c SHA256SUMS\`.

## Columns

${table(['column', 'type', 'nullable', 'meaning'], COLUMNS.map((col) => [`\`${col.name}\``, col.type, col.nullable ? 'yes' : 'no', col.description]))}

\`sha256\`, \`bytes\`, \`width\`, \`height\` and \`mime\` describe the image as served (metadata stripped, sometimes
re-encoded); \`sourceSha256\` is the hash of the image as fetched from its source.

## How items were cleared

Each item of the release went through the pipeline's gates in order: licence evidence (only CC0, the Public Domain
Mark and verified opt-ins are accepted; attribution, share-alike, non-commercial and unclear licences are rejected or
held for a moderator), opt-out signals (the opt-out registry, ai.txt, TDM-Rep, robots.txt and robots meta/headers,
embedded metadata, withdrawals), image checks (readable, supported format, size limits, exact and near duplicates),
content signals and safety scores. Of ${r.items.total} items considered, ${r.items.byStatus.accepted} were accepted,
${r.items.byStatus.review} are held for review and ${r.items.byStatus.rejected} were rejected.

Decisions by main reason:

${table(['reason', 'items'], byCode)}

Licences in this export: ${Object.entries(c.licences).map(([k, n]) => `${k} (${n})`).join(', ') || 'none'}.
Sources: ${Object.entries(c.sources).map(([k, n]) => `${k} (${n})`).join(', ') || 'none'}.

## Filters

The export holds every accepted item of the catalogue and nothing else: items held for review or rejected are not
in it. No further filter was applied at export time. Safety scores are given, not applied: filter on \`nsfw\`,
\`faces\` and \`textPii\` for your use.${r.notes.length ? `\n\nBuild notes: ${r.notes.join('; ')}.` : ''}

## Known limitations

- Licence status rests on the evidence recorded per item (\`provenance\`); a source can be wrong about its own
  records, and public-domain status can differ between countries.
- Safety scores come from automatic models and miss things; null scores mean the model did not run in this build.
- Captions are the sources' titles, not descriptions of the images.

## Reporting a problem or withdrawing a work

Report an item through the catalogue's flag form on its page. Withdrawn items are published in the change feed
(\`GET /v1/changes\`); remove them from your copy with \`clearance prune <manifest> --feed <api-url>\` before each
training run and keep it in sync afterwards.
`;
}
