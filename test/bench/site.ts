// `npm run bench:site [-- 2000 10000 100000] [-- --jobs 2]`: site build time, peak memory, items/s, index size, first search.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, hasCorpus, repoRoot, skipMessage } from '../support/shared.js';
import { launchBrowser } from '../support/browser.js';
import { writePomologicalCatalog } from '../site/pomological-catalog.js';
import { sampleTreeRss } from '../site/rss-sampler.js';
import { startStubServer } from '../site/stub-server.js';
import { benchResults } from './support/results.js';

const args = process.argv.slice(2);
// Bare numbers are catalogue sizes; anything else (with its value) goes to `clearance site`, e.g. `--jobs 2`.
const isSize = (a: string, i: number): boolean => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--');
const sizes = args.filter(isSize).map(Number);
const extra = args.filter((a, i) => !isSize(a, i));
const csv = join(corpusDir, 'pomological', 'usda_pomological_watercolors.csv');
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function dirBytes(dir: string, filter: (f: string) => boolean = () => true): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir, { recursive: true })) {
    if (!filter(f)) continue;
    const s = await stat(join(dir, f));
    if (s.isFile()) total += s.size;
  }
  return total;
}

async function buildSite(out: string, dist: string, more: string[] = []): Promise<{ ms: number; peak: number; stdout: string }> {
  // Each build starts on a quiet disk: the previous dist's background removal done and its write-back flushed.
  const parent = join(dist, '..');
  for (let i = 0; i < 600 && (await readdir(parent)).some((n) => n.includes('.replaced-')); i++) await new Promise((r) => setTimeout(r, 250));
  spawnSync('sync');
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', 'site', out, '--dist', dist, ...extra, ...more], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const rss = sampleTreeRss(child.pid!);
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      const peak = rss.stop();
      if (code !== 0) return reject(new Error(`clearance site exited with ${code}`));
      resolve({ ms: performance.now() - t0, peak, stdout: stdout.trim() });
    }),
  );
}

/** Milliseconds from typing a word into /search/ to the first result in the DOM (a fresh page per word: cold index). */
async function firstResultMs(dist: string, words: string[]): Promise<number[]> {
  const server = await startStubServer(dist);
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (const word of words) {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/search/`, { waitUntil: 'networkidle' });
      await page.waitForSelector('[data-testid=safety-threshold]:enabled');
      await page.evaluate(() => localStorage.setItem('clearance.safety', JSON.stringify({ threshold: 1, hideFaces: false })));
      times.push(
        await page.evaluate(
          (w) =>
            new Promise<number>((resolve) => {
              const list = document.querySelector('[data-search-results]')!;
              const input = document.querySelector<HTMLInputElement>('[data-testid=search-input]')!;
              const t0 = performance.now();
              setTimeout(() => resolve(Number.NaN), 10_000);
              new MutationObserver((_, obs) => {
                if (list.querySelector('[data-testid=search-result]')) obs.disconnect(), resolve(performance.now() - t0);
              }).observe(list, { childList: true });
              input.value = w;
              input.dispatchEvent(new Event('input'));
            }),
          word,
        ),
      );
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  if (!hasCorpus) return console.log(skipMessage('corpus'));
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores shared); extra args: ${extra.join(' ') || 'none'}`);
  const list = sizes.length ? sizes : [2000, 10_000, 100_000];
  const results = benchResults('site', { records: list, extraArgs: extra.join(' ') });
  for (const n of list) {
    const root = await mkdtemp(join(tmpdir(), `clearance-bench-site-${n}-`));
    try {
      const out = join(root, 'out');
      const dist = join(root, 'dist');
      await writePomologicalCatalog(csv, out, n);
      const { ms, peak, stdout } = await buildSite(out, dist);
      const indexAll = await dirBytes(join(dist, 'pagefind'));
      const indexData = await dirBytes(join(dist, 'pagefind'), (f) => /^(fragment|index|filter)\/|\.pf_meta$/.test(f));
      const html = await dirBytes(dist, (f) => f.endsWith('.html'));
      const search = await firstResultMs(dist, ['citrus', 'lemons', 'annona']);
      console.log(
        `${n} records: ${(ms / 1000).toFixed(1)} s, ${(n / (ms / 1000)).toFixed(0)} items/s, peak ${mb(peak)} (process tree), ` +
          `index ${mb(indexAll)} (${mb(indexData)} data), HTML ${mb(html)}, first search result ${search.map((t) => (Number.isNaN(t) ? 'none in 10 s' : `${t.toFixed(0)} ms`)).join(' / ')}`,
      );
      for (const line of stdout.split('\n')) console.log(`  ${line}`);
      const assets = /(\d+) static assets/.exec(stdout)?.[1];
      results.add(`${n} records`, {
        buildS: Math.round(ms / 100) / 10,
        itemsPerSecond: Math.round(n / (ms / 1000)),
        peakMb: Math.round(peak / 1024 / 1024),
        indexMb: Math.round(indexAll / 1024 / 1024),
        indexDataMb: Math.round(indexData / 1024 / 1024),
        htmlMb: Math.round(html / 1024 / 1024),
        firstSearchResultMs: search.map((t) => (Number.isNaN(t) ? null : Math.round(t))),
        staticAssets: assets === undefined ? null : Number(assets),
        itemPagesIn: stdout.includes('left out of them') ? 'r2' : 'assets',
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  await results.write();
}

await main();
