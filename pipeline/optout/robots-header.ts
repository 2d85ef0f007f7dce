// X-Robots-Tag response header: `noai` / `noimageai`, for every agent or in the per-agent form naming our crawler (`ClearanceBot: noai`).
import { namesOurAgent } from './agent.js';

const AI_DIRECTIVES = new Set(['noai', 'noimageai']);
const KNOWN_DIRECTIVES = new Set(['all', 'noindex', 'nofollow', 'none', 'nosnippet', 'noarchive', 'notranslate', 'noimageindex', 'indexifembedded', 'max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after', 'noai', 'noimageai']);

/**
 * Why an X-Robots-Tag value forbids AI use of the resource by us, or undefined. `agent: directive` applies to that
 * agent only. Several header lines arrive comma-joined, so in `GPTBot: noindex, noai` the bare `noai` may be a
 * separate line meant for everyone: it is honoured (an opt-out is never dropped on an ambiguity). Directives written
 * with spaces instead of commas (`noai noindex`, `noindex noai`) count in any position. (Spawning's datadiligence
 * compares whole comma-separated items, case-sensitively: it misses both of these and `NoAI`.)
 */
export function robotsHeaderDisallows(value: string | undefined): string | undefined {
  if (!value) return undefined;
  for (const raw of value.split(/[,\n]/)) {
    let token = raw.trim();
    let agent: string | undefined;
    const colon = token.indexOf(':');
    if (colon > 0) {
      const prefix = token.slice(0, colon).trim().toLowerCase();
      // `unavailable_after: <date>` and `max-snippet: 20` are directives with values, not agent prefixes.
      if (!KNOWN_DIRECTIVES.has(prefix)) {
        agent = token.slice(0, colon).trim();
        token = token.slice(colon + 1).trim();
      }
    }
    const directive = token.toLowerCase().split(/\s+/).find((w) => AI_DIRECTIVES.has(w));
    if (!directive) continue;
    if (agent === undefined) return `X-Robots-Tag: ${directive}`;
    if (namesOurAgent(agent)) return `X-Robots-Tag: ${agent}: ${directive}`;
  }
  return undefined;
}
