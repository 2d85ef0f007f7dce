// Benchmark: metered downloads, and the withdrawn checks of public pages and thumbnails, vs bare R2 and asset reads
// through the same Worker, under wrangler's local dev server on 127.0.0.1.
// Run with `npm run bench:edge`. Starts its own dev server (local mode, temp persist dir, free port), seeds it,
// measures p50/p99 latency, requests/s and the server's CPU per request at concurrency 1, 10 and 50, prints a table,
// and stops the server. The server is wrangler's own (`unstable_startWorker`, what `wrangler dev` runs) with its
// devtools inspector off: the `wrangler dev` CLI always attaches one that enables the Network domain, so every fetch
// subrequest, which is how a local D1 binding reaches its simulator (R2 reads are not fetches), is reported to the
// CLI's Node process with a JS stack trace, ~4 ms of CPU per D1 call that no deployed Worker pays.
// BENCH_INSPECTOR=1 runs the `wrangler dev` CLI instead (inspector on) to see that cost.
// Kinds: charged (item new to the isolate), charged seen (item looked up first), repeat (already paid), bare R2 read,
// and three floors served by the same app with one extra bench-only route (added by a wrapper entry and config written
// here, never part of the deployed Worker): the bare read beside one trivial D1 read (`SELECT 1`), beside one one-row
// D1 upsert, and beside one Durable Object call. They show what any metering that keeps one storage round trip on the
// request's path costs in this simulator. The bare R2 read is that route with nothing beside it.
// A second table prices the withdrawn checks (#14): a thumbnail, an item page in R2, an item page that is a static
// asset and a gallery list page of 48 cards (cards of withdrawn items dropped), each beside the same bytes read bare
// (R2 through the floor route, assets through a bench-only route that only calls the ASSETS binding).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchSite, writeItemPage } from './edge-pages.js';
import { benchResults, type Figures } from './support/results.js';
import { stopDevAndClean } from './support/stop-dev.js';
import { DEV_SERVER } from './support/dev-server.js';
import { procPids, procStatFields, TICKS_PER_SECOND } from '../support/proc-stat.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const wranglerBin = join(root, 'node_modules/wrangler/bin/wrangler.js');
const QUICK = process.env.BENCH_QUICK === '1'; // a smoke run of the harness itself
const LEVELS = [
  { concurrency: 1, requests: QUICK ? 20 : 200 },
  { concurrency: 10, requests: QUICK ? 50 : 500 },
  { concurrency: 50, requests: QUICK ? 100 : 1000 },
];
const OBJECT_BYTES = Number(process.env.BENCH_OBJECT_BYTES ?? 100 * 1024);
const INSPECTOR = process.env.BENCH_INSPECTOR === '1';


// The Worker plus the floor route (GET /files/floor/<object key>?via=none|read|write|do&acct=<account id>): the app's
// middleware and an R2 read, alone (none) or with one call side by side: a D1 `SELECT 1`, a one-row D1 upsert, or one
// RPC to a Durable Object per account whose SQLite storage bumps a counter (the alternative design for the counter;
// the Durable Object exists only in this bench). The D1 write bumps a row of a month long gone (1999-01), so this
// month's usage stays exact. GET /files/floor-asset/<path> answers the static asset at <path>, unchecked.
const floorEntry = (root: string) => `import { DurableObject } from 'cloudflare:workers';
import app from ${JSON.stringify(join(root, 'edge/src/index.ts'))};
import { readObject } from ${JSON.stringify(join(root, 'edge/src/services/files.ts'))};
export class BenchMeter extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS usage (month TEXT PRIMARY KEY, downloads INTEGER NOT NULL)');
  }
  charge(month) {
    return this.ctx.storage.sql.exec('INSERT INTO usage VALUES (?, 1) ON CONFLICT (month) DO UPDATE SET downloads = downloads + 1 RETURNING downloads', month).one().downloads;
  }
}
app.get('/files/floor/*', async (c) => {
  const key = decodeURIComponent(new URL(c.req.url).pathname.replace(/^\\/files\\/floor\\//, ''));
  const acct = c.req.query('acct') ?? '';
  const via = c.req.query('via');
  const side = via === 'none'
    ? null
    : via === 'do'
    ? c.env.BENCH_METER.get(c.env.BENCH_METER.idFromName(acct)).charge('1999-01')
    : via === 'write'
      ? c.env.DB.prepare("INSERT INTO usage_monthly (account_id, month, downloads, fees_micros, prices_micros) VALUES (?1, '1999-01', 1, 0, 0) ON CONFLICT (account_id, month) DO UPDATE SET downloads = downloads + 1").bind(acct).run()
      : c.env.DB.prepare('SELECT 1').first();
  const [obj] = await Promise.all([readObject(c.env.FILES, key, null), side]);
  return new Response(obj.body, { headers: { 'Content-Type': 'image/webp', 'Content-Length': String(obj.size), ETag: obj.httpEtag } });
});
app.get('/files/floor-asset/*', async (c) => {
  const url = new URL(c.req.url);
  url.pathname = url.pathname.replace(/^\\/files\\/floor-asset/, '') || '/';
  const res = await c.env.ASSETS.fetch(new Request(url, { headers: c.req.raw.headers }));
  return new Response(res.body, res); // mutable headers, for the app's middleware
});
export default app;
`;

/** The project's wrangler.toml for the bench: the floor entry as main, the bench's assets, absolute paths, and the bench's Durable Object. */
function benchConfig(root: string, entry: string, dist: string): string {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
    .replace(/^main = .*$/m, `main = ${JSON.stringify(entry)}`)
    .replace(/^\[build\][\s\S]*?(?=^\[)/m, '') // the assets are made by the bench itself
    .replace(/^directory = "\.\/(.*)"$/m, () => `directory = ${JSON.stringify(dist)}`)
    .replace(/^migrations_dir = "(.*)"$/m, (_, dir: string) => `migrations_dir = ${JSON.stringify(join(root, dir))}`);
  return `${toml}
[[durable_objects.bindings]]
name = "BENCH_METER"
class_name = "BenchMeter"

[[migrations]]
tag = "bench-v1"
new_sqlite_classes = ["BenchMeter"]
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function wrangler(args: string[], opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [wranglerBin, ...args], { cwd: root, stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} exited ${code}`))));
  });
}

function adminToken(): string {
  const file = join(root, '.dev.vars');
  if (existsSync(file)) {
    const m = /^ADMIN_TOKEN=(.+)$/m.exec(readFileSync(file, 'utf8'));
    if (m) return m[1]!.trim().replace(/^"|"$/g, '');
  }
  return randomBytes(24).toString('hex');
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (let i = 0; Date.now() < end && i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs} ms`);
}

/** CPU (user + system, ms) used so far by the processes of a process group (the dev server's), or NaN without /proc. */
function groupCpuMs(pgid: number | undefined): number {
  if (pgid === undefined || !existsSync('/proc/self/stat')) return NaN;
  let ticks = 0;
  for (const pid of procPids()) {
    const fields = procStatFields(pid);
    if (fields && Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]); // pgrp; utime + stime
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** `rounds`: the p50 of each interleaved round (each round runs every kind back to back, so their ratios pair up). */
const round1 = (n: number): number => Math.round(n * 10) / 10;
interface Result { p50: number; p99: number; rps: number; errors: number; cpu: number; server: string; rounds: number[] }
interface Kind { name: string; urls: string[]; headers: Record<string, string> }
interface Run { latencies: number[]; seconds: number; errors: number; cpuMs: number; timings: Map<string, number[]> }

/** Runs `urls` with `concurrency` workers; each latency is time to the last body byte. */
async function load(urls: string[], concurrency: number, headers: Record<string, string>, expectBytes: number, pgid?: number): Promise<Run> {
  const latencies: number[] = [];
  const cpu0 = groupCpuMs(pgid);
  const timings = new Map<string, number[]>();
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const t = performance.now();
        const res = await fetch(url, { headers });
        const body = await res.arrayBuffer();
        latencies.push(performance.now() - t);
        // the Worker's Server-Timing: ms after its D1 batch started when D1 (and R2) answered
        for (const m of (res.headers.get('Server-Timing') ?? '').matchAll(/([\w-]+);dur=([\d.]+)/g)) {
          timings.set(m[1]!, [...(timings.get(m[1]!) ?? []), Number(m[2])]);
        }
        if (res.status !== 200 || (expectBytes >= 0 && body.byteLength !== expectBytes)) errors++;
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, errors, cpuMs: groupCpuMs(pgid) - cpu0, timings };
}

/** Interleaves the kinds in rounds so that all of them see the same background load (the machine is shared). */
async function measure(kinds: Kind[], concurrency: number, expectBytes: number, pgid: number | undefined, rounds = 5): Promise<Map<string, Result>> {
  const acc = new Map(kinds.map((k) => [k.name, { latencies: [] as number[], rounds: [] as number[], seconds: 0, errors: 0, cpuMs: 0, timings: new Map<string, number[]>() }]));
  for (let r = 0; r < rounds; r++) {
    for (const k of kinds) {
      const size = Math.ceil(k.urls.length / rounds);
      const run = await load(k.urls.slice(r * size, (r + 1) * size), concurrency, k.headers, expectBytes, pgid);
      const a = acc.get(k.name)!;
      a.latencies.push(...run.latencies);
      a.rounds.push(percentile([...run.latencies].sort((x, y) => x - y), 50));
      a.seconds += run.seconds;
      a.errors += run.errors;
      a.cpuMs += run.cpuMs;
      for (const [n, v] of run.timings) a.timings.set(n, [...(a.timings.get(n) ?? []), ...v]);
    }
  }
  const out = new Map<string, Result>();
  for (const [name, a] of acc) {
    a.latencies.sort((x, y) => x - y);
    const server = [...a.timings].map(([n, v]) => `${n} ${percentile(v.sort((x, y) => x - y), 50).toFixed(1)}`).join(', ');
    out.set(name, { p50: percentile(a.latencies, 50), p99: percentile(a.latencies, 99), rps: a.latencies.length / a.seconds, errors: a.errors, cpu: a.cpuMs / a.latencies.length, server, rounds: a.rounds });
  }
  return out;
}

async function main(): Promise<void> {
  const persist = await mkdtemp(join(tmpdir(), 'clearance-bench-edge-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = adminToken();
  let dev: ChildProcess | undefined;
  try {
    // Seed storage before the server starts: migrations, item rows, one original and one thumbnail of equal size.
    const data = randomBytes(OBJECT_BYTES);
    const sha = createHash('sha256').update(data).digest('hex');
    const original = `original/${sha.slice(0, 2)}/${sha}.jpg`;
    const thumb = `thumb/${sha.slice(0, 2)}/${sha}.webp`;
    // The pages' items have a thumbnail of their own (the one above is shared by thousands of bench items, which no
    // real thumbnail is), same bytes; the withdrawn one has another, never read.
    const ownThumb = (name: string) => { const h = createHash('sha256').update(name).digest('hex'); return `thumb/${h.slice(0, 2)}/${h}.webp`; };
    const pageThumb = ownThumb('bench:page');
    const file = join(persist, 'object.bin');
    const entry = join(persist, 'floor-entry.ts');
    await writeFile(entry, floorEntry(root));
    const config = join(persist, 'wrangler.bench.toml');
    const dist = join(persist, 'dist');
    await writeFile(config, benchConfig(root, entry, dist));
    await writeFile(file, data);
    const total = LEVELS.reduce((a, l) => a + 2 * l.requests, 0) + 50; // a cold and a looked-up set per level
    // The public pages: two gallery pages of 48 live items' cards, the second with one withdrawn item's card among
    // them; an item page that is an asset, and one in R2 (as `clearance site --pages r2` + `publish --site` leave it).
    const assetPage = await writeBenchSite(dist, [Array.from({ length: 48 }, (_, i) => `bench:${i}`), [...Array.from({ length: 47 }, (_, i) => `bench:${48 + i}`), 'bench:gone']], 'bench:asset', thumb);
    const r2Page = await writeItemPage(join(persist, 'r2'), 'bench:page');
    const pageKey = `site${r2Page}index.html`;
    const row = (id: string, status = 'live', thumbKey = thumb) =>
      `('${id}', 'Bench ${id}', '${sha}', '${original}', '${thumbKey}', 'image/jpeg', ${OBJECT_BYTES}, 'cc0-1.0', 'Bench RH', 1000, '${status}', '2026-11', '2026-11-01T00:00:00Z')`;
    const rows = [...Array.from({ length: total }, (_, i) => row(`bench:${i}`)), row('bench:asset', 'live', pageThumb), row('bench:page', 'live', pageThumb), row('bench:gone', 'withdrawn', ownThumb('bench:gone'))];
    const sql = join(persist, 'seed.sql');
    const insert = 'INSERT INTO items (id, title, sha256, original_key, thumb_key, content_type, bytes, licence, rights_holder, price_micros, status, release, updated_at) VALUES';
    const statements: string[] = [];
    for (let i = 0; i < rows.length; i += 200) statements.push(`${insert}\n${rows.slice(i, i + 200).join(',\n')};`); // D1: 100 KB per statement
    await writeFile(sql, statements.join('\n') + '\n');
    console.log(`seeding ${total} items and 2 objects of ${OBJECT_BYTES} bytes into ${persist}`);
    await wrangler(['d1', 'migrations', 'apply', 'clearance', '--local', '--persist-to', persist], { quiet: true });
    await wrangler(['d1', 'execute', 'clearance', '--local', '--persist-to', persist, '--file', sql], { quiet: true });
    for (const [key, ct, from] of [[original, 'image/jpeg', file], [thumb, 'image/webp', file], [pageThumb, 'image/webp', file], [pageKey, 'text/html', join(persist, 'r2', r2Page, 'index.html')]] as const) {
      await wrangler(['r2', 'object', 'put', `clearance-files/${key}`, '--file', from, '--content-type', ct, '--local', '--persist-to', persist], { quiet: true });
    }

    dev = spawn(
      process.execPath,
      INSPECTOR
        ? [wranglerBin, 'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist, '--var', `ADMIN_TOKEN:${token}`, '--var', `SIGNING_SECRET:${token}:signing-secret-of-the-bench`, '--show-interactive-dev-session=false', '--log-level', 'error']
        : ['--input-type=module', '-e', DEV_SERVER, String(port), persist, token, config],
      { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } },
    );
    await waitFor(`${base}/v1/openapi.json`, 90_000);

    const admin = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const plan = await fetch(`${base}/v1/admin/plans`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'bench', name: 'Bench', monthlyFeeMicros: 0, monthlyDownloads: 1_000_000, privateCollections: false }) });
    if (!plan.ok) throw new Error(`plan: ${plan.status} ${await plan.text()}`);
    const acct = await fetch(`${base}/v1/admin/accounts`, { method: 'POST', headers: admin, body: JSON.stringify({ email: `bench-${Date.now()}@example.org`, plan: 'bench' }) });
    if (!acct.ok) throw new Error(`account: ${acct.status} ${await acct.text()}`);
    const { key, account } = (await acct.json()) as { key: string; account: { id: string } };
    const auth = { Authorization: `Bearer ${key}` };

    // warm-up (also charged: items bench:0..49)
    await load(Array.from({ length: 50 }, (_, i) => `${base}/v1/items/bench:${i}/download`), 5, auth, OBJECT_BYTES);
    await load(Array.from({ length: 50 }, () => `${base}/files/${thumb}`), 5, {}, OBJECT_BYTES);
    const load1 = loadavg()[0]!.toFixed(1);

    // The checked pages must answer as the site expects before they are timed.
    const text = async (path: string) => fetch(`${base}${path}`).then(async (r) => ({ status: r.status, body: await r.text() }));
    const [homeText, homeBareText, secondText, gonePage] = [(await text('/')).body, (await text('/files/floor-asset/')).body, (await text('/page/2/')).body, await text('/item/bench/gone/')];
    const cards = (html: string) => (html.match(/data-testid="gallery-item"/g) ?? []).length;
    if (homeText !== homeBareText || cards(homeText) !== 48) throw new Error(`the checked gallery page differs from its asset: ${homeText.slice(0, 100)} … ${homeBareText.slice(0, 100)}`);
    if (cards(secondText) !== 47 || secondText.includes('bench:gone')) throw new Error('the withdrawn card was not dropped from /page/2/');
    if (gonePage.status !== 410) throw new Error(`the withdrawn item's page answered ${gonePage.status}, not 410`);
    for (const path of [assetPage, r2Page]) if ((await text(path)).status !== 200) throw new Error(`${path} is not served`);

    let offset = 50;
    const results$ = benchResults('edge', { objectBytes: OBJECT_BYTES, inspector: Boolean(INSPECTOR), quick: QUICK, levels: LEVELS.map((l) => ({ ...l })) });
    const figure = (r: Result): Figures => ({ p50Ms: round1(r.p50), p99Ms: round1(r.p99), perSecond: round1(r.rps), errors: r.errors, cpuMsPerRequest: round1(r.cpu) });
    const lines: string[] = [];
    const checks: string[] = [
      '',
      'withdrawn checks (#14): each checked route beside the same bytes read bare, interleaved in the same rounds',
      'conc  requests  kind                  p50       p99     req/s  errors  cpu/req',
    ];
    const fmt = (n: number) => n.toFixed(1).padStart(8);
    const server = INSPECTOR ? '`wrangler dev` CLI (devtools inspector on)' : 'wrangler dev server, inspector off';
    lines.push(`object ${OBJECT_BYTES} B; latency in ms (to last byte); ${server}, local, on ${base}; load average ${load1} on ${cpus().length} cores`);
    lines.push('conc  requests  kind              p50       p99     req/s  errors  cpu/req  in the Worker (p50 ms after the D1 batch started: d1 answered, r2 answered)');
    for (const { concurrency, requests } of LEVELS) {
      const urls = Array.from({ length: requests }, (_, i) => `${base}/v1/items/bench:${offset + i}/download`);
      offset += requests;
      // "charged, seen": items whose page (GET /v1/items/:id, untimed) was fetched first, as a client browsing the
      // catalogue or a manifest would, so the Worker already knows their storage facts (per isolate).
      const seenIds = Array.from({ length: requests }, (_, i) => `bench:${offset + i}`);
      offset += requests;
      await load(seenIds.map((id) => `${base}/v1/items/${id}`), 10, {}, -1);
      // "charged": items never seen by this isolate. "repeat" re-fetches, right after each "charged" slice, the items
      // just paid for this month (free, no write).
      const results = await measure(
        [
          { name: 'metered (charged)', urls, headers: auth },
          { name: 'charged, seen', urls: seenIds.map((id) => `${base}/v1/items/${id}/download`), headers: auth },
          { name: 'metered (repeat)', urls, headers: auth },
          { name: 'bare R2 read', urls: Array.from({ length: requests }, () => `${base}/files/floor/${thumb}?via=none`), headers: {} },
          { name: 'floor: + D1 read', urls: Array.from({ length: requests }, () => `${base}/files/floor/${thumb}?via=read`), headers: {} },
          { name: 'floor: + D1 write', urls: Array.from({ length: requests }, () => `${base}/files/floor/${thumb}?via=write&acct=${account.id}`), headers: {} },
          { name: 'floor: + DO call', urls: Array.from({ length: requests }, () => `${base}/files/floor/${thumb}?via=do&acct=${account.id}`), headers: {} },
        ],
        concurrency,
        OBJECT_BYTES,
        dev.pid,
      );
      const metered = results.get('metered (charged)')!;
      const repeat = results.get('metered (repeat)')!;
      const seen = results.get('charged, seen')!;
      const bare = results.get('bare R2 read')!;
      results$.add(`downloads, concurrency ${concurrency}`, Object.fromEntries([...results].map(([kind, r]) => [kind, figure(r)])));
      for (const [kind, r] of results) {
        lines.push(`${String(concurrency).padStart(4)}  ${String(requests).padStart(8)}  ${kind.padEnd(17)}${fmt(r.p50)}  ${fmt(r.p99)}  ${fmt(r.rps)}  ${String(r.errors).padStart(6)}  ${r.cpu.toFixed(2).padStart(7)}  ${r.server}`);
      }
      // p50 over all rounds to the bare p50, and in brackets the range of the five per-round ratios (the spread)
      const ratio = (r: Result) => {
        const each = r.rounds.map((p, i) => p / bare.rounds[i]!);
        return `${(r.p50 / bare.p50).toFixed(2)}× (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})`;
      };
      lines.push(`      p50 ratio to bare (per-round range): charged ${ratio(metered)}, charged seen ${ratio(seen)}, repeat ${ratio(repeat)}`);
      lines.push(`      floors, the bare read beside: one D1 read ${ratio(results.get('floor: + D1 read')!)}, one D1 write ${ratio(results.get('floor: + D1 write')!)}, one Durable Object call ${ratio(results.get('floor: + DO call')!)}`);

      const times = (url: string) => Array.from({ length: requests }, () => `${base}${url}`);
      const pages = await measure(
        [
          { name: 'thumbnail, checked', urls: times(`/files/${pageThumb}`), headers: {} },
          { name: 'thumbnail, bare R2', urls: times(`/files/floor/${pageThumb}?via=none`), headers: {} },
          { name: 'item page R2, checked', urls: times(r2Page), headers: {} },
          { name: 'item page R2, bare', urls: times(`/files/floor/${pageKey}?via=none`), headers: {} },
          { name: 'item page asset, chk', urls: times(assetPage), headers: {} },
          { name: 'item page asset, bare', urls: times(`/files/floor-asset${assetPage}`), headers: {} },
          { name: 'gallery, filtered', urls: times('/'), headers: {} },
          { name: 'gallery, 1 card drop', urls: times('/page/2/'), headers: {} },
          { name: 'gallery, bare asset', urls: times('/files/floor-asset/'), headers: {} },
        ],
        concurrency,
        -1,
        dev.pid,
      );
      results$.add(`withdrawn checks, concurrency ${concurrency}`, Object.fromEntries([...pages].map(([kind, r]) => [kind, figure(r)])));
      for (const [kind, r] of pages) {
        checks.push(`${String(concurrency).padStart(4)}  ${String(requests).padStart(8)}  ${kind.padEnd(21)}${fmt(r.p50)}  ${fmt(r.p99)}  ${fmt(r.rps)}  ${String(r.errors).padStart(6)}  ${r.cpu.toFixed(2).padStart(7)}`);
      }
      const to = (name: string, baseline: string) => {
        const r = pages.get(name)!;
        const b = pages.get(baseline)!;
        const each = r.rounds.map((p, i) => p / b.rounds[i]!);
        return `${(r.p50 / b.p50).toFixed(2)}× (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}), +${(r.p50 - b.p50).toFixed(1)} ms, cpu +${(r.cpu - b.cpu).toFixed(2)} ms`;
      };
      checks.push(`      p50 checked/bare (per-round range), p50 and cpu/req added: thumbnail ${to('thumbnail, checked', 'thumbnail, bare R2')}; item page in R2 ${to('item page R2, checked', 'item page R2, bare')}`);
      checks.push(`      item page asset ${to('item page asset, chk', 'item page asset, bare')}; gallery page ${to('gallery, filtered', 'gallery, bare asset')}; with a card dropped ${to('gallery, 1 card drop', 'gallery, bare asset')}`);
    }
    const usage = (await (await fetch(`${base}/v1/usage`, { headers: auth })).json()) as { downloads: number; charges: { totalMicros: number } };
    lines.push(`usage after run: ${usage.downloads} charged downloads, ${usage.charges.totalMicros} µ$ (expected ${offset} and ${offset * 2000})`);
    lines.push(...checks);
    lines.push('cpu/req: ms of CPU used by the dev server (all its processes) per request, less sensitive to other load than latency');
    console.log(lines.join('\n'));
    results$.add('usage after run', { chargedDownloads: usage.downloads, chargesMicros: usage.charges.totalMicros, expectedDownloads: offset });
    await results$.write();
  } finally {
    await stopDevAndClean(dev, persist);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
