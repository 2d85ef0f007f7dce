// robots.txt syntax (RFC 9309), as used by robots.txt and ai.txt: groups of user-agents with Allow/Disallow (and AI-preference) rules, longest match wins.
import { productToken } from './agent.js';
import { compiled, matchCompiled } from './glob-match.js';

export interface RobotsRule {
  allow: boolean;
  pattern: string;
  /** 1-based line in the file (for the decision's detail). */
  line?: number;
}
/** An AI-preference rule of a group: `Content-Usage: <path> <prefs>` (draft-ietf-aipref-attach) or Cloudflare's `Content-Signal: <prefs>`. */
export interface UsageRule {
  field: 'content-usage' | 'content-signal';
  path: string;
  prefs: string;
  line: number;
}
export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
  usage: UsageRule[];
}
export interface RobotsFile {
  groups: RobotsGroup[];
  /** Non-empty lines that are neither comments nor known fields (kept for diagnostics). */
  unknown: number;
}

/** `ai-txt`: a pattern without a leading `/` is a file glob (Spawning's ai.txt). `robots`: RFC 9309 paths only. */
export type PatternSyntax = 'ai-txt' | 'robots';

/** False for bodies that are not robots.txt syntax at all (HTML error, login or bot-challenge pages served at the path). */
export function isRobotsText(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  return !head.startsWith('<') && !head.includes('<html') && !head.includes('<!doctype');
}

const OTHER_FIELDS = new Set(['sitemap', 'crawl-delay', 'host', 'clean-param', 'request-rate', 'visit-time', 'noindex']);

/**
 * Parses a robots file. Only rules end a run of user-agent lines (as Google's parser does): `Crawl-delay` between two
 * user-agent lines keeps them in one group. `truncated`: the text was cut at the size limit, so its last line may be
 * partial — it is dropped unless it is a Disallow (a cut Disallow matches more, a cut Allow would too).
 */
export function parseRobots(text: string, opts: { truncated?: boolean } = {}): RobotsFile {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  let lastWasAgent = false;
  let unknown = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const colon = line.indexOf(':');
    if (colon < 0) return void unknown++;
    const field = line.slice(0, colon).trim().toLowerCase().replace(/[\s_]/g, '-');
    const value = line.slice(colon + 1).trim();
    if (opts.truncated && i === lines.length - 1 && field !== 'disallow') return;
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [], usage: [] }));
      // `user-agent: omgilibot disallow: /` on one line (seen in the wild): the Disallow it plainly means is kept.
      const joined = /^(.*?)\s+disallow\s*:\s*(\S*)/i.exec(value);
      current.agents.push(joined ? joined[1]! : value);
      lastWasAgent = true;
      if (joined?.[2]) {
        current.rules.push({ allow: false, pattern: percentEncoded(joined[2]), line: i + 1 });
        lastWasAgent = false;
      }
    } else if (field === 'allow' || field === 'disallow') {
      lastWasAgent = false;
      if (!current) return; // rules before any user-agent line belong to no group
      if (value) current.rules.push({ allow: field === 'allow', pattern: percentEncoded(value), line: i + 1 });
    } else if (field === 'content-usage' || field === 'content-signal') {
      lastWasAgent = false;
      if (!current || !value) return;
      // attach-05: `<path> <prefs>`; earlier drafts and Content-Signal: `<prefs>` for the whole site.
      const m = field === 'content-usage' ? /^([/*]\S*)\s+(.*)$/.exec(value) : null;
      current.usage.push({ field, path: m ? percentEncoded(m[1]!) : '/', prefs: m ? m[2]! : value, line: i + 1 });
    } else if (!OTHER_FIELDS.has(field)) unknown++;
  });
  return { groups, unknown };
}

/** Whether a group's user-agent line names `agent` (RFC 9309: product tokens compared case-insensitively). */
function namesAgent(group: RobotsGroup, agent: string): boolean {
  const token = productToken(agent);
  return group.agents.some((a) => productToken(a) === token);
}

/** Rules that apply to `agent`: all groups naming it (merged), else all `*` groups, else none. */
export function rulesFor(file: RobotsFile, agent: string): { rules: RobotsRule[]; matchedBy: 'agent' | '*' | 'none' } {
  const named = file.groups.filter((g) => namesAgent(g, agent));
  if (named.length) return { rules: named.flatMap((g) => g.rules), matchedBy: 'agent' };
  const star = file.groups.filter((g) => g.agents.some((a) => a.trim() === '*'));
  if (star.length) return { rules: star.flatMap((g) => g.rules), matchedBy: '*' };
  return { rules: [], matchedBy: 'none' };
}

/** RFC 9309 §2.2.2: octets outside ASCII are compared percent-encoded (UTF-8, upper-case hex, as `%c3` is `%C3`). */
function percentEncoded(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the class is "not ASCII", control characters included on purpose
  return s.replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase()).replace(/[^\x00-\x7f]+/gu, (m) => encodeURIComponent(m));
}

/** A path percent-encoded as RFC 9309 compares it, and its decoded form (ai.txt file globs are written as names). */
export function pathForms(path: string): string[] {
  const encoded = percentEncoded(path);
  try {
    const decoded = decodeURI(path);
    return decoded === encoded ? [encoded] : [encoded, decoded];
  } catch {
    return [encoded];
  }
}

/** The deciding rule for a path (longest pattern wins; on a tie, Allow wins), or undefined when none matches. Patterns
 *  are matched by glob-match.ts (`*` any sequence, trailing `$` anchors; in ai.txt syntax, file globs case-insensitive) in linear time. */
export function decidingRule(rules: RobotsRule[], path: string, syntax: PatternSyntax = 'ai-txt'): RobotsRule | undefined {
  let best: RobotsRule | undefined;
  const forms = pathForms(path);
  for (const rule of rules) {
    // An over-long Disallow is cut to a prefix of itself (matches more); an over-long Allow matches nothing.
    const c = compiled(rule.pattern, rule.allow ? 'never' : 'widen', syntax);
    if (!forms.some((p) => matchCompiled(c, p))) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
  }
  return best;
}

/** Whether `agent` may fetch `path` under this file. */
export function isAllowed(file: RobotsFile, agent: string, path: string, syntax: PatternSyntax = 'ai-txt'): boolean {
  const rule = decidingRule(rulesFor(file, agent).rules, path, syntax);
  return !rule || rule.allow;
}
