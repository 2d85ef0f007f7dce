// Benchmark: GET /v1/items at 100k items (no filter, each filter, full-text search, facets, deep pages), /v1/stats and a
// collection fill, beside a bare `SELECT 1` through the same Worker, under wrangler's local dev server on 127.0.0.1.
// Run with `npm run bench:edge-listing` (BENCH_ITEMS=… for another size, BENCH_QUICK=1 for a smoke run). Seeds a temp
// local D1 in-process (Miniflare, batched multi-row inserts, the real migrations), starts the dev server with its
// inspector off (see bench/edge.ts for why), measures p50/p95 latency of each kind in interleaved rounds at
// concurrency 1, prints a table and stops the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCursor } from '../../edge/src/services/cursor.js';
import { queryKey } from '../../edge/src/services/query-key.js';
import { openLocalTarget } from '../../pipeline/publish/local-target.js';
import { inline } from '../../pipeline/publish/sql.js';
import { readEdgeConfig } from '../../pipeline/publish/wrangler-config.js';
import { prng } from '../../pipeline/util/prng.js';
import { benchResults } from './support/results.js';
import { stopDevAndClean } from './support/stop-dev.js';
import { DEV_SERVER } from './support/dev-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const QUICK = process.env.BENCH_QUICK === '1';
const N = Number(process.env.BENCH_ITEMS ?? (QUICK ? 5000 : 100_000));
const REQUESTS = QUICK ? 20 : 100;
const ROUNDS = 5;


// The Worker plus one bench-only route: the app's middleware and one D1 `SELECT 1` (the floor of any D1-backed answer).
const entry = (root: string) => `import app from ${JSON.stringify(join(root, 'edge/src/index.ts'))};
app.get('/v1/bench/select1', async (c) => c.json(await c.env.DB.prepare('SELECT 1 AS one').first()));
export default app;
`;

const benchConfig = (toml: string, entryPath: string, dist: string) =>
  toml
    .replace(/^main = .*$/m, `main = ${JSON.stringify(entryPath)}`)
    .replace(/^\[build\][\s\S]*?(?=^\[)/m, '')
    .replace(/^directory = "\.\/(.*)"$/m, () => `directory = ${JSON.stringify(dist)}`)
    .replace(/^migrations_dir = "(.*)"$/m, (_, dir: string) => `migrations_dir = ${JSON.stringify(join(root, dir))}`);

const WORDS = 'apple pear plum cherry peach quince grape orange lemon fig melon apricot nectarine damson medlar'.split(' ');
const SOURCES = ['pomological', 'met', 'smithsonian', 'wikimedia', 'rawpixel', 'nypl', 'cleveland', 'brooklyn', 'smk', 'europeana', 'flickr', 'inaturalist'];
const CREATORS = ['Deborah G. Passmore', 'Amanda A. Newton', 'Royal C. Steadman', 'Ellen I. Schutt', 'Mary D. Arnold', 'Bertha Heiges'];

/** One item row as publish writes it, with plausible spreads of every filtered field (deterministic). */
function row(i: number, rnd: () => number): Record<string, string | number | null> {
  const pick = <T>(xs: T[], skew = 1) => xs[Math.floor(rnd() ** skew * xs.length)]!;
  const id = `${pick(SOURCES, 2)}:${String(i).padStart(7, '0')}`;
  const sha = (i * 2654435761 % 2 ** 32).toString(16).padStart(8, '0').repeat(8);
  const format = rnd() < 0.7 ? 'jpeg' : rnd() < 0.83 ? 'png' : 'webp';
  const scored = rnd() > 0.05;
  const title = `${pick(WORDS)} ${pick(WORDS)} ${i % 1000 === 0 ? 'rareword ' : ''}watercolour ${i}`;
  return {
    id, title, sha256: sha, source_sha256: sha, original_key: `original/${sha.slice(0, 2)}/${sha}.${format === 'jpeg' ? 'jpg' : format}`,
    thumb_key: `thumb/${sha.slice(0, 2)}/${sha}.webp`, content_type: `image/${format}`, bytes: 50_000 + Math.floor(rnd() * 5e6),
    width: 300 + Math.floor(rnd() * 5700), height: 300 + Math.floor(rnd() * 5700), format,
    licence: rnd() < 0.6 ? 'cc0-1.0' : rnd() < 0.9 ? 'pdm-1.0' : 'optin', licence_url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    creator: pick(CREATORS), description: `A ${pick(WORDS)} from the ${pick(WORDS)} orchard`, tags: JSON.stringify([pick(WORDS), 'fruit']), date: '1905',
    source: id.split(':')[0]!, source_url: `https://example.org/${id}`, image_url: null, retrieved_at: '2026-11-01T00:00:00Z',
    nsfw: scored ? Math.round(rnd() ** 4 * 1e4) / 1e4 : null, faces: scored ? (rnd() < 0.8 ? 0 : 1 + Math.floor(rnd() * 5)) : null,
    face_score: null, text_pii: rnd() < 0.03 ? 1 : 0, rights_holder: null, price_micros: 0, price_source: 'release', status: rnd() < 0.02 ? 'withdrawn' : 'live',
    release: pick(['2026-09', '2026-10', '2026-11']), updated_at: '2026-11-01T00:00:00Z',
  };
}

async function seed(persist: string): Promise<string[]> {
  const config = await readEdgeConfig(join(root, 'wrangler.toml'));
  const target = await openLocalTarget(config, persist);
  const ids: string[] = [];
  try {
    await target.migrate();
    const rnd = prng(20_261_101);
    const started = performance.now();
    const statements = [];
    for (let i = 0; i < N; i += 100) { // D1 takes statements up to 100 KB: 100 rows each
      const rows = Array.from({ length: Math.min(100, N - i) }, (_, k) => row(i + k, rnd));
      const cols = Object.keys(rows[0]!);
      const values = rows.map((r) => inline({ sql: `(${cols.map(() => '?').join(', ')})`, params: cols.map((c) => r[c]!) }).slice(0, -1));
      for (const r of rows) if (r.status === 'live') ids.push(String(r.id));
      statements.push({ sql: `INSERT INTO items (${cols.join(', ')}) VALUES ${values.join(', ')}`, params: [] });
    }
    await target.execute(statements);
    console.log(`seeded ${N} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await target.close();
  }
  return ids.sort();
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const srv = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const port = (srv.address() as { port: number }).port;
    srv.close(() => resolve(port));
  });
});
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function waitFor(url: string, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
  }
  throw new Error(`the dev server did not answer ${url}`);
}

async function main(): Promise<void> {
  const results = benchResults('edge-listing', { items: N, requestsPerKind: REQUESTS, rounds: ROUNDS, quick: QUICK });
  const persist = await mkdtemp(join(tmpdir(), 'clearance-bench-listing-'));
  const token = `bench-${Date.now()}`;
  let dev: ChildProcess | undefined;
  try {
    const ids = await seed(persist);
    const entryPath = join(persist, 'entry.ts');
    await writeFile(entryPath, entry(root));
    const config = join(persist, 'wrangler.bench.toml');
    await mkdir(join(persist, 'dist'));
    await writeFile(join(persist, 'dist', 'index.html'), '<!doctype html><title>bench</title>');
    await writeFile(config, benchConfig(await readFile(join(root, 'wrangler.toml'), 'utf8'), entryPath, join(persist, 'dist')));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    dev = spawn(process.execPath, ['--input-type=module', '-e', DEV_SERVER, String(port), persist, token, config], { cwd: root, detached: true, stdio: process.env.BENCH_DEBUG ? 'inherit' : 'ignore', env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } });
    await waitFor(`${base}/v1/bench/select1`, 90_000);

    const deep = (query: Record<string, string | string[]>, at: number) => encodeCursor(['i1', ids[Math.floor(ids.length * at)]!, queryKey(query, 'none')]);
    const kinds: [string, string][] = [
      ['floor: SELECT 1', '/v1/bench/select1'],
      ['no filter', '/v1/items?limit=50'],
      ['source=met', '/v1/items?source=met&limit=50'],
      ['licence=optin', '/v1/items?licence=optin&limit=50'],
      ['format=webp', '/v1/items?format=webp&limit=50'],
      ['release=2026-10', '/v1/items?release=2026-10&limit=50'],
      ['minWidth=3000', '/v1/items?minWidth=3000&limit=50'],
      ['minWidth=5900 (rare)', '/v1/items?minWidth=5900&limit=50'],
      ['minHeight=3000', '/v1/items?minHeight=3000&limit=50'],
      ['source=met&minWidth=3000', '/v1/items?source=met&minWidth=3000&limit=50'],
      ['licence=cc0,pdm (list)', '/v1/items?licence=cc0-1.0,pdm-1.0&limit=50'],
      ['format=png,webp (list)', '/v1/items?format=png,webp&limit=50'],
      ['maxNsfw=0.2', '/v1/items?maxNsfw=0.2&limit=50'],
      ['maxNsfw=0.001 (rare)', '/v1/items?maxNsfw=0.001&limit=50'],
      ['faces=none', '/v1/items?faces=none&limit=50'],
      ['textPii=false', '/v1/items?textPii=false&limit=50'],
      ['all safety', '/v1/items?maxNsfw=0.2&faces=none&textPii=false&limit=50'],
      ['faces=none+unscored', '/v1/items?faces=none&includeUnscored=true&limit=50'],
      ['q=apple (common)', '/v1/items?q=apple&limit=50'],
      ['q=rareword', '/v1/items?q=rareword&limit=50'],
      ['q=apple+licence', '/v1/items?q=apple&licence=cc0-1.0&limit=50'],
      ['facets, no filter', '/v1/items?limit=50&facets=source,licence,format,release'],
      ['facets + licence', '/v1/items?licence=pdm-1.0&limit=50&facets=source,licence,format,release'],
      ['deep page (90%)', `/v1/items?limit=50&cursor=${deep({}, 0.9)}`],
      ['minWidth=3000, last page', `/v1/items?minWidth=3000&limit=50&cursor=${encodeCursor(['i1', ids[ids.length - 30]!, queryKey({ minWidth: 3000 }, 'none')])}`],
      ['deep, source=met', `/v1/items?source=met&limit=50&cursor=${encodeCursor(['i1', 'met:0090000', queryKey({ source: ['met'] }, 'none')])}`],
      ['facets, q=apple', '/v1/items?q=apple&limit=50&facets=source,licence,format,release'],
      ['stats', '/v1/stats'],
    ];
    for (const [, path] of kinds) {
      const res = await fetch(`${base}${path}`); // warm-up, and each kind must answer 200
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const lat = new Map(kinds.map(([k]) => [k, [] as number[]]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [kind, path] of kinds) {
        for (let i = 0; i < REQUESTS / ROUNDS; i++) {
          const t = performance.now();
          const res = await fetch(`${base}${path}`);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
          lat.get(kind)!.push(performance.now() - t);
        }
      }
    }
    const floor = percentile([...lat.get('floor: SELECT 1')!].sort((a, b) => a - b), 50);
    const lines = [`${N} items (${ids.length} live); ${REQUESTS} requests per kind at concurrency 1 in ${ROUNDS} interleaved rounds; wrangler dev server (local, inspector off); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`, 'kind                        p50 ms   p95 ms   p50 − floor'];
    for (const [kind] of kinds) {
      const xs = lat.get(kind)!.sort((a, b) => a - b);
      const p50 = percentile(xs, 50);
      results.add(kind, { p50Ms: Math.round(p50 * 10) / 10, p95Ms: Math.round(percentile(xs, 95) * 10) / 10, p50AboveFloorMs: Math.round((p50 - floor) * 10) / 10 });
      lines.push(`${kind.padEnd(26)}${p50.toFixed(1).padStart(8)} ${percentile(xs, 95).toFixed(1).padStart(8)} ${(p50 - floor).toFixed(1).padStart(12)}`);
    }
    console.log(lines.join('\n'));
    await results.write();
  } finally {
    await stopDevAndClean(dev, persist);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
