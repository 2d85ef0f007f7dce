// robots.txt syntax (RFC 9309), as used by robots.txt and ai.txt: groups of user-agents with Allow/Disallow rules, longest match wins.
import { compiled, matchCompiled } from './glob-match.js';
export interface RobotsRule {
  allow: boolean;
  pattern: string;
}
export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
}
export interface RobotsFile {
  groups: RobotsGroup[];
  /** Non-empty lines that are neither comments nor known fields (kept for diagnostics). */
  unknown: number;
}

/** False for bodies that are not robots.txt syntax at all (HTML error, login or bot-challenge pages served at the path). */
export function isRobotsText(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  return !head.startsWith('<') && !head.includes('<html') && !head.includes('<!doctype');
}

export function parseRobots(text: string): RobotsFile {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  let lastWasAgent = false;
  let unknown = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon < 0) {
      unknown++;
      continue;
    }
    const field = line.slice(0, colon).trim().toLowerCase().replace(/[\s_]/g, '-');
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value);
      lastWasAgent = true;
    } else if (field === 'allow' || field === 'disallow') {
      lastWasAgent = false;
      if (!current) continue; // rules before any user-agent line belong to no group
      if (value) current.rules.push({ allow: field === 'allow', pattern: value });
    } else {
      lastWasAgent = false;
      if (!['sitemap', 'crawl-delay', 'host', 'clean-param', 'request-rate', 'visit-time', 'noindex', 'content-signal'].includes(field)) unknown++;
    }
  }
  return { groups, unknown };
}

function agentToken(value: string): string {
  return value.trim().toLowerCase().split(/[/\s]/)[0] ?? '';
}

/** Rules that apply to `agent`: all groups naming it (merged), else all `*` groups, else none. */
export function rulesFor(file: RobotsFile, agent: string): { rules: RobotsRule[]; matchedBy: 'agent' | '*' | 'none' } {
  const token = agentToken(agent);
  const named = file.groups.filter((g) => g.agents.some((a) => agentToken(a) === token));
  if (named.length) return { rules: named.flatMap((g) => g.rules), matchedBy: 'agent' };
  const star = file.groups.filter((g) => g.agents.some((a) => a.trim() === '*'));
  if (star.length) return { rules: star.flatMap((g) => g.rules), matchedBy: '*' };
  return { rules: [], matchedBy: 'none' };
}

/** The deciding rule for a path (longest pattern wins; on a tie, Allow wins), or undefined when none matches. Patterns
 *  are matched by glob-match.ts (`*` any sequence, trailing `$` anchors, file globs case-insensitive) in linear time. */
export function decidingRule(rules: RobotsRule[], path: string): RobotsRule | undefined {
  let best: RobotsRule | undefined;
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    /* keep the raw path */
  }
  for (const rule of rules) {
    // An over-long Disallow is cut to a prefix of itself (matches more); an over-long Allow matches nothing.
    const c = compiled(rule.pattern, rule.allow ? 'never' : 'widen');
    if (!matchCompiled(c, path) && (decoded === path || !matchCompiled(c, decoded))) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
  }
  return best;
}

/** Whether `agent` may fetch `path` under this file. */
export function isAllowed(file: RobotsFile, agent: string, path: string): boolean {
  const rule = decidingRule(rulesFor(file, agent).rules, path);
  return !rule || rule.allow;
}
