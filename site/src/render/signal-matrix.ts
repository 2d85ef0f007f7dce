// The item page's opt-out table: every signal checked for the item, from which snapshot (file and date), and what it said.
import { sourceKey, type Said, type Signal, type SignalCheck, type SignalSources } from '../../../pipeline/catalog/signals.js';
import { attr, html, type Html } from './html.js';

export interface ItemSignals {
  checks: readonly SignalCheck[];
  sources: SignalSources;
}

const WHAT: Record<Signal, string> = {
  withdrawn: 'Withdrawals',
  registry: 'Do Not Train registry',
  'ai-txt': 'ai.txt',
  'tdm-rep': 'TDM reservation (TDM-Rep)',
  'robots-txt': 'robots.txt rules for AI crawlers',
  'content-usage': 'AI preferences (Content-Usage)',
  'robots-meta': 'Robots meta tags and X-Robots-Tag',
  'robots-header': 'X-Robots-Tag header',
  embedded: 'Opt-outs in the file (XMP, C2PA)',
  'embedded-licence': 'Licence in the file (XMP, IPTC, EXIF)',
};

const SAID: Record<Said, string> = {
  refused: 'Refuses AI training',
  allowed: 'Present, no opt-out',
  silent: 'Nothing there',
  unknown: 'Not known',
};

function where(check: SignalCheck): string {
  const [signal, scope] = check;
  if (scope === 'image') return signal === 'embedded' || signal === 'embedded-licence' ? 'the image file' : 'the image’s response';
  if (scope.startsWith('page:')) return 'the landing page';
  if (scope === 'id') return 'by item id';
  if (scope === 'url') return 'by URL and domain';
  if (scope === 'sha256') return 'by image SHA-256';
  return signal === 'content-usage' ? `robots.txt of ${scope}` : scope;
}

function snapshot(check: SignalCheck, sources: SignalSources): string {
  const key = sourceKey(check);
  if (!key) return 'the image as this release fetched it';
  if (key === 'withdrawn' || key === 'registry') {
    const list = sources[key];
    return list ? `${list.file}${list.fetchedAt ? `, fetched ${list.fetchedAt.slice(0, 10)}` : ''}` : 'not in this release';
  }
  const s = sources[key];
  if (!s) return check[2] === 'unknown' ? 'no snapshot in this release' : 'no file in this release';
  const date = s.fetchedAt ? `fetched ${s.fetchedAt.slice(0, 10)}` : 'fetch date not recorded';
  if (!s.file) return `none (${s.fetch === 'error' ? `fetch failed${s.status ? `: HTTP ${s.status}` : ''}` : `HTTP ${s.status ?? 404}`}), ${date}`;
  return `${s.file}, ${date}${s.fetch === 'error' ? ' (the latest fetch failed: earlier copy)' : ''}`;
}

export function signalMatrix(signals: ItemSignals | undefined): Html {
  if (!signals || signals.checks.length === 0) {
    return html`<section aria-labelledby="optout-heading" data-testid="signal-matrix"><h2 id="optout-heading">Opt-out signals checked</h2><p>This build recorded no opt-out checks for this item.</p></section>`;
  }
  const rows = signals.checks.map((c) => html`<tr${attr('data-signal', c[0])}${attr('data-said', c[2])}><td>${WHAT[c[0]]}</td><td>${where(c)}</td><td>${snapshot(c, signals.sources)}</td><td>${SAID[c[2]]}${c[3] ? html`: ${c[3]}` : ''}</td></tr>`);
  return html`<section aria-labelledby="optout-heading" data-testid="signal-matrix">
<h2 id="optout-heading">Opt-out signals checked</h2>
<p>Every signal by which a site, a rights holder or the file itself can refuse AI training, as read for this item. “Not known” means no snapshot could be read: nothing refused, nothing confirmed.</p>
<table><caption>Opt-out signals</caption>
<thead><tr><th scope="col">Signal</th><th scope="col">Where</th><th scope="col">Snapshot</th><th scope="col">What it said</th></tr></thead>
<tbody>${rows}</tbody></table>
</section>`;
}
