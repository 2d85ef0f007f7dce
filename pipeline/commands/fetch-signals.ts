// `clearance fetch-signals <release-dir>`: fills the release's ai.txt / robots.txt / TDM-Rep caches (and with --pages its landing-page records) from the web, and optionally refreshes the registry snapshot.
import type { Release } from '../catalog/index.js';
import { loadRelease } from '../runner/release-load.js';
import { getAdapter } from '../sources/index.js';
import { insideRelease } from '../optout/release-signals.js';
import { mergeIntoSnapshot, queryRegistry, RegistryError } from '../optout/registry-client.js';
import { hostOf } from '../optout/url-parts.js';
import { fetchSignals, type HostResult } from '../optout/web-fetcher.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readRegularText } from '../util/read-regular.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

const USAGE =
  'usage: clearance fetch-signals <release-dir> [--pages] [--base-url <template>] [--registry] [--registry-url <url>] [--concurrency N] [--timeout <ms>]';

/** Hosts of every item's source page and image URL, with the landing pages seen on each host. */
async function collect(releaseDir: string, release: Release): Promise<{ pagesByHost: Map<string, string[]>; urls: string[]; items: number }> {
  const pagesByHost = new Map<string, string[]>();
  const urls = new Set<string>();
  let items = 0;
  const ctx = { releaseDir, release, retrievedAt: new Date().toISOString() };
  for (const source of release.sources) {
    for await (const entry of getAdapter(source.adapter)!.read(source, ctx)) {
      if (!entry.ok) continue;
      items++;
      const { sourceUrl, image } = entry.item;
      for (const u of [sourceUrl, image]) {
        const host = hostOf(u);
        if (!host || !u) continue;
        urls.add(u);
        if (!pagesByHost.has(host)) pagesByHost.set(host, []);
      }
      const pageHost = hostOf(sourceUrl);
      if (pageHost && sourceUrl) pagesByHost.get(pageHost)!.push(sourceUrl);
    }
  }
  return { pagesByHost, urls: [...urls], items };
}

function line(r: HostResult, i: number, n: number): string {
  const robots = r.robotsTxt ? `, robots.txt ${r.robotsTxt}` : '';
  const pages = r.reservedPages ? `, ${r.reservedPages} page(s) reserve TDM` : '';
  const refusing = r.refusingPages ? `, ${r.refusingPages} page(s) refuse AI use` : '';
  const errs = r.errors.length ? ` — ${r.errors.join('; ')}` : '';
  return `[${i}/${n}] ${r.host}: ai.txt ${r.aiTxt}${robots}, tdmrep.json ${r.tdmRep}${pages}${refusing}${errs}`;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        pages: { type: 'boolean' },
        'base-url': { type: 'string' },
        registry: { type: 'boolean' },
        'registry-url': { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
      },
    },
    USAGE,
  );
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new CliError(`expected one release directory (${USAGE})`);
  const releaseDir = positionals[0]!;
  const release = await loadRelease(releaseDir);
  const opt = release.optOut ?? {};
  if (!opt.aiTxt || !opt.tdmRep)
    throw new CliError(`release.json needs "optOut": { "aiTxt": "<dir>", "tdmRep": "<dir>" } to know where to cache the files (e.g. "optout/ai-txt", "optout/tdmrep")`);
  const base = values['base-url'] ?? 'https://{host}';
  if (!base.includes('{host}')) throw new CliError(`--base-url must contain {host}, e.g. http://127.0.0.1:8080/{host}`);
  const concurrency = Number(values.concurrency ?? 4);
  const timeoutMs = Number(values.timeout ?? 15_000);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError(`--concurrency must be a whole number ≥ 1`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new CliError(`--timeout must be a positive number of milliseconds`);

  const { pagesByHost, urls, items } = await collect(releaseDir, release);
  if (!values.pages) for (const k of pagesByHost.keys()) pagesByHost.set(k, []);
  console.error(`fetch-signals: ${items} items, ${pagesByHost.size} hosts${values.pages ? ', reading landing pages' : ''}`);
  if (!opt.robotsTxt) console.error(`fetch-signals: release.json has no "optOut": { "robotsTxt": "<dir>" }: robots.txt is not fetched (e.g. "optout/robots-txt")`);
  if (values.pages && !opt.pages) console.error(`fetch-signals: release.json has no "optOut": { "pages": "<dir>" }: landing pages only feed TDM-Rep (e.g. "optout/pages" keeps their robots meta tags too)`);
  let i = 0;
  const results = await fetchSignals(pagesByHost, {
    aiTxtDir: insideRelease(releaseDir, opt.aiTxt, 'optOut.aiTxt'),
    tdmRepDir: insideRelease(releaseDir, opt.tdmRep, 'optOut.tdmRep'),
    ...(opt.robotsTxt ? { robotsTxtDir: insideRelease(releaseDir, opt.robotsTxt, 'optOut.robotsTxt') } : {}),
    ...(values.pages && opt.pages ? { pagesDir: insideRelease(releaseDir, opt.pages, 'optOut.pages') } : {}),
    baseUrl: base,
    timeoutMs,
    concurrency,
    onResult: (r) => console.error(line(r, ++i, pagesByHost.size)),
  });
  const count = (k: 'aiTxt' | 'tdmRep' | 'robotsTxt', v: string) => results.filter((r) => r[k] === v).length;
  const file = (k: 'aiTxt' | 'tdmRep' | 'robotsTxt', name: string) => `${name} saved ${count(k, 'saved')}, none ${count(k, 'none')}, errors ${count(k, 'error')}`;
  const pages = results.reduce((n, r) => n + r.pages, 0);
  console.log(
    `hosts ${results.length}: ${file('aiTxt', 'ai.txt')}; ${file('tdmRep', 'tdmrep.json')}` +
      (opt.robotsTxt ? `; ${file('robotsTxt', 'robots.txt')}` : '') +
      (values.pages ? `; pages ${pages}, refusing AI use ${results.reduce((n, r) => n + r.refusingPages, 0)}` : ''),
  );

  if (values.registry || values['registry-url']) {
    if (!opt.registry) throw new CliError(`release.json needs "optOut": { "registry": "<file>" } to refresh the registry snapshot`);
    const file = insideRelease(releaseDir, opt.registry, 'optOut.registry');
    try {
      const r = await queryRegistry(urls, {
        ...(values['registry-url'] ? { endpoint: values['registry-url'] } : {}),
        timeoutMs,
        onBatch: (d, n) => console.error(`registry: batch ${d}/${n}`),
      });
      // A missing snapshot starts empty; one that is not a regular file (a FIFO) is an error, never a wait.
      const existing = await readRegularText(file).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return '';
        throw new CliError(`cannot read the registry snapshot ${opt.registry}: ${err.message}`);
      });
      await writeFileAtomic(file, mergeIntoSnapshot(existing, r.optedOut, new Date().toISOString()));
      console.log(`registry: ${r.checked} URLs checked in ${r.requests} request(s), ${r.optedOut.length} opted out → ${opt.registry}`);
    } catch (err) {
      if (err instanceof RegistryError) throw new CliError(`registry: ${err.message}`, 1);
      throw err;
    }
  }
  return 0;
}
