// Opt-out checks that need no image bytes: withdrawals by id, the registry by URL/domain, ai.txt and tdmrep.json of the item's hosts.
import type { Reason } from '../catalog/index.js';
import { aiTxtDisallows } from './ai-txt.js';
import { registryMatchUrl } from './registry-snapshot.js';
import type { ReleaseSignals } from './release-signals.js';
import { tdmRepFor } from './tdm-rep.js';
import { httpUrl, pathOf } from './url-parts.js';
import { withdrawnById } from './withdrawals.js';

export interface ItemUrls {
  id: string;
  sourceUrl?: string;
  /** Relative path inside the release, or an http(s) URL. */
  image: string;
}

/** The (host, path) pairs an item's ai.txt / TDM-Rep rules are evaluated on: the source page and the image URL on
 *  their own hosts; for ai.txt's file globs, also the image's file name under the source page's host when the image
 *  is a local copy or served from another host (the site the work came from said "no *.jpg"). TDM-Rep locations
 *  are real paths, so they only see real URLs. */
export function hostPaths(item: ItemUrls, fileNames = true): { host: string; path: string }[] {
  const out: { host: string; path: string }[] = [];
  const source = httpUrl(item.sourceUrl);
  const image = httpUrl(item.image);
  if (source) out.push({ host: source.hostname.toLowerCase(), path: pathOf(source) });
  if (image) out.push({ host: image.hostname.toLowerCase(), path: pathOf(image) });
  if (source && fileNames && (!image || image.hostname !== source.hostname)) {
    const name = (image ? image.pathname : item.image).split(/[\\/]/).pop() || 'image';
    out.push({ host: source.hostname.toLowerCase(), path: `/${name}` });
  }
  return out;
}

/** A host's cached file. ai.txt and tdmrep.json are per origin (like robots.txt): no fallback to parent domains. */
function lookup<T>(map: Map<string, T>, host: string): [string, T] | undefined {
  const h = host.replace(/\.$/, '');
  const v = map.get(h);
  return v === undefined ? undefined : [h, v];
}

export function checkBeforeFetch(signals: ReleaseSignals, item: ItemUrls): Reason[] {
  const reasons: Reason[] = [];
  const withdrawn = withdrawnById(signals.withdrawals, item.id);
  if (withdrawn) reasons.push({ code: 'optout.withdrawn', detail: withdrawn });
  const listed = registryMatchUrl(signals.registry, item.image) ?? registryMatchUrl(signals.registry, item.sourceUrl);
  if (listed) reasons.push({ code: 'optout.registry', detail: listed });
  for (const { host, path } of hostPaths(item)) {
    const ai = lookup(signals.aiTxt, host);
    const why = ai && aiTxtDisallows(ai[1], path);
    if (ai && why) {
      reasons.push({ code: 'optout.ai-txt', detail: `${ai[0]}: ${why}` });
      break;
    }
  }
  for (const { host, path } of hostPaths(item, false)) {
    const tdm = lookup(signals.tdmRep, host);
    const verdict = tdm && tdmRepFor(tdm[1], path);
    if (tdm && verdict?.reserved) {
      reasons.push({ code: 'optout.tdm-rep', detail: `${tdm[0]}: ${verdict.detail}` });
      break;
    }
  }
  return reasons;
}
