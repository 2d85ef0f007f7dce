// Opt-out checks that need no image bytes: withdrawals by id, the registry by URL/domain, the item's hosts' ai.txt, tdmrep.json and robots.txt, and its landing page.
import type { SignalCheck } from '../catalog/index.js';
import { checkHost, type HostPath } from './host-checks.js';
import { checkPage } from './page-checks.js';
import { registryMatchUrl } from './registry-snapshot.js';
import type { ReleaseSignals } from './release-signals.js';
import { SignalChecks } from './signal-checks.js';
import { httpUrl, pathOf } from './url-parts.js';
import { withdrawnById } from './withdrawals.js';

export interface ItemUrls {
  id: string;
  sourceUrl?: string;
  /** Relative path inside the release, or an http(s) URL. */
  image: string;
}

/** The paths an item's per-host rules are evaluated on, by host (landing page's host first): the source page and the
 *  image URL on their own hosts; for ai.txt's file globs, also the image's file name under the source page's host when
 *  the image is a local copy or served from another host (the site the work came from said "no *.jpg"). TDM-Rep
 *  locations and robots.txt paths are real paths, so they only see real URLs. */
function itemHosts(item: ItemUrls): Map<string, HostPath[]> {
  const out = new Map<string, HostPath[]>();
  const add = (host: string, p: HostPath) => {
    const h = host.toLowerCase().replace(/\.$/, '');
    if (!out.has(h)) out.set(h, []);
    out.get(h)!.push(p);
  };
  const source = httpUrl(item.sourceUrl);
  const image = httpUrl(item.image);
  if (source) add(source.hostname, { path: pathOf(source), real: true });
  if (image) add(image.hostname, { path: pathOf(image), real: true });
  if (source && (!image || image.hostname !== source.hostname)) {
    const name = (image ? image.pathname : item.image).split(/[\\/]/).pop() || 'image';
    add(source.hostname, { path: `/${name}`, real: false });
  }
  return out;
}

/** Every check before the fetch, as reasons for the decision and rows for the signal matrix. */
export function checksBeforeFetch(signals: ReleaseSignals, item: ItemUrls): SignalChecks {
  const out = new SignalChecks();
  const withdrawn = withdrawnById(signals.withdrawals, item.id);
  out.add('withdrawn', 'id', signals.configured.withdrawn ? (withdrawn ? 'refused' : 'silent') : 'unknown', withdrawn);
  const listed = registryMatchUrl(signals.registry, item.image) ?? registryMatchUrl(signals.registry, item.sourceUrl);
  out.add('registry', 'url', signals.configured.registry ? (listed ? 'refused' : 'silent') : 'unknown', listed);
  for (const [host, paths] of itemHosts(item)) checkHost(signals, host, paths, out);
  checkPage(signals, item.sourceUrl, out);
  return out;
}

export type { SignalCheck };
