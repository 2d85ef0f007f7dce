// Per-host checks before the fetch: ai.txt, tdmrep.json, robots.txt (crawl rules and Content-Usage) of the hosts of an item's landing page and image.
import type { Said } from '../catalog/index.js';
import { aiTxtDisallows } from './ai-txt.js';
import type { HostSignal, ReleaseSignals } from './release-signals.js';
import { describeDisallows, robotsDisallows, robotsUsageRefusal } from './robots-policy.js';
import type { SignalChecks } from './signal-checks.js';
import { tdmRepFor } from './tdm-rep.js';

/** A path of an item on a host: `real` for the URL's own path; otherwise the image's file name under the landing
 *  page's host (only ai.txt's file globs read those). */
export interface HostPath {
  path: string;
  real: boolean;
}

/** When a host has no file: `unknown` if the release has no such snapshots or the last fetch failed, else `silent`. */
function missing(s: ReleaseSignals, signal: HostSignal, host: string): Said {
  if (!s.configured[signal]) return 'unknown';
  return s.fetchLog[signal][host]?.outcome === 'error' ? 'unknown' : 'silent';
}

/** RFC 9309 §2.3.1.4: a robots.txt that could not be fetched because of a server or network error (5xx, 429, no
 *  answer) means complete disallow. Only when no earlier copy was kept. */
function unreachable(s: ReleaseSignals, host: string): string | undefined {
  const e = s.fetchLog['robots-txt'][host];
  if (!s.configured['robots-txt'] || e?.outcome !== 'error') return undefined;
  if (e.status !== undefined && e.status < 500 && e.status !== 429) return undefined;
  return `robots.txt unreachable when fetched on ${e.at.slice(0, 10)} (${e.status ? `HTTP ${e.status}` : (e.error ?? 'no answer')}): complete disallow (RFC 9309 §2.3.1.4)`;
}

function robotsTxt(s: ReleaseSignals, host: string, real: string[], out: SignalChecks): void {
  const file = s.robotsTxt.get(host);
  if (!file) {
    const why = unreachable(s, host);
    if (why) out.add('robots-txt', host, 'refused', why, `${host}: ${why}`);
    else out.add('robots-txt', host, missing(s, 'robots-txt', host));
    out.add('content-usage', host, missing(s, 'robots-txt', host));
    return;
  }
  const verdicts = real.map((path) => ({ path, ...robotsDisallows(file, path) }));
  const refused = verdicts.find((v) => v.training.length);
  if (refused) {
    const what = `${refused.path}: ${describeDisallows(refused.training)}`;
    out.add('robots-txt', host, 'refused', what, `${host} robots.txt disallows AI-training crawlers on ${what}`);
  } else {
    const others = [...new Set(verdicts.flatMap((v) => v.other.map((o) => o.agent)))];
    out.add('robots-txt', host, 'allowed', others.length ? `not applied: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''} disallowed (not training crawlers)` : undefined);
  }
  for (const path of real) {
    const u = robotsUsageRefusal(file, path);
    if (u) {
      const field = u.rule.field === 'content-usage' ? 'Content-Usage' : 'Content-Signal';
      const what = `${field}: ${u.rule.path === '/' && u.rule.field === 'content-signal' ? '' : `${u.rule.path} `}${u.rule.prefs} (line ${u.rule.line}) refuses ${u.refusal} for ${path}`;
      out.add('content-usage', host, 'refused', what, `${host} robots.txt ${what}`);
      return;
    }
  }
  out.add('content-usage', host, file.groups.some((g) => g.usage.length) ? 'allowed' : 'silent');
}

export function checkHost(s: ReleaseSignals, host: string, paths: HostPath[], out: SignalChecks): void {
  const real = paths.filter((p) => p.real).map((p) => p.path);
  const ai = s.aiTxt.get(host);
  if (!ai) out.add('ai-txt', host, missing(s, 'ai-txt', host));
  else {
    const why = paths.map((p) => aiTxtDisallows(ai, p.path)).find(Boolean);
    out.add('ai-txt', host, why ? 'refused' : 'allowed', why, why && `${host}: ${why}`);
  }
  const tdm = s.tdmRep.get(host);
  if (!tdm) out.add('tdm-rep', host, missing(s, 'tdm-rep', host));
  else {
    const verdicts = real.map((p) => tdmRepFor(tdm, p)).filter((v) => v !== undefined);
    const reserved = verdicts.find((v) => v.reserved);
    if (reserved) out.add('tdm-rep', host, 'refused', reserved.detail, `${host}: ${reserved.detail}`);
    else out.add('tdm-rep', host, 'allowed', verdicts[0]?.detail);
  }
  robotsTxt(s, host, real, out);
}
