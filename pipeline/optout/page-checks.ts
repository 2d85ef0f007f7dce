// The landing page's own signals, as `fetch-signals --pages` cached them: robots meta tags (generic and ClearanceBot's), its X-Robots-Tag and Content-Usage headers.
import type { PageRecord } from '../catalog/index.js';
import { CRAWLER_NAME } from './agent.js';
import type { ReleaseSignals } from './release-signals.js';
import { robotsHeaderDisallows } from './robots-header.js';
import type { SignalChecks } from './signal-checks.js';
import { canonicalUrl, hostOf } from './url-parts.js';
import { describeUsage, trainingRefusal } from './usage-prefs.js';

/** Why the page's robots directives refuse AI use by us: the meta tags first, then the page's X-Robots-Tag header. */
export function pageRobotsRefusal(page: PageRecord): string | undefined {
  for (const content of page.robots) if (robotsHeaderDisallows(content)) return `<meta name="robots" content="${content}">`;
  for (const content of page.ours) if (robotsHeaderDisallows(`${CRAWLER_NAME}: ${content}`)) return `<meta name="${CRAWLER_NAME}" content="${content}">`;
  const header = page.headers['x-robots-tag'];
  const why = robotsHeaderDisallows(header);
  return why ? `page response header ${why}` : undefined;
}

export function checkPage(s: ReleaseSignals, sourceUrl: string | undefined, out: SignalChecks): void {
  const host = hostOf(sourceUrl);
  const key = sourceUrl && canonicalUrl(sourceUrl);
  if (!host || !key) return;
  const page = s.configured['robots-meta'] ? s.pages.get(host)?.[key] : undefined;
  const scope = `page:${host}`;
  if (!page || page.status < 200 || page.status > 299) {
    // Not read (no record) or not readable (its error or status): nothing is known of what the page says.
    out.add('robots-meta', scope, 'unknown', page ? (page.error ?? `HTTP ${page.status}`) : undefined);
    out.add('content-usage', scope, 'unknown');
    return;
  }
  const robots = pageRobotsRefusal(page);
  const said = [...page.robots.map((c) => `robots: ${c}`), ...page.ours.map((c) => `${CRAWLER_NAME}: ${c}`)].join('; ');
  if (robots) out.add('robots-meta', scope, 'refused', robots, `landing page ${key}: ${robots}`);
  else out.add('robots-meta', scope, said || page.headers['x-robots-tag'] ? 'allowed' : 'silent', said || undefined);
  const usage = page.headers['content-usage'];
  const refusal = trainingRefusal(usage);
  if (refusal) out.add('content-usage', scope, 'refused', `Content-Usage: ${usage} refuses ${refusal}`, `landing page ${key} response header Content-Usage: ${usage} (refuses ${refusal})`);
  else out.add('content-usage', scope, usage ? 'allowed' : 'silent', usage ? describeUsage(usage) : undefined);
}
