// What a site's robots.txt says about AI training on a path: Disallow for ClearanceBot or a listed AI-training crawler, and Content-Usage / Content-Signal preferences.
import { CRAWLER_NAME, productToken } from './agent.js';
import { otherAgents, trainingAgents } from './ai-agents.js';
import { decidingRule, pathForms, type RobotsFile, type RobotsRule, type UsageRule } from './robots-txt.js';
import { compiled, matchCompiled } from './glob-match.js';
import { trainingRefusal } from './usage-prefs.js';

export interface AgentDisallow {
  agent: string;
  /** How the agent's rules were found: its own group, or `*` (ClearanceBot only, as RFC 9309 says). */
  group: 'agent' | '*';
  rule: RobotsRule;
}

/** Per file: each product token's merged rules (groups naming it), built once; a token of one group shares that
 *  group's rule array, so agents listed together are matched once per path (see `robotsDisallows`). */
const byToken = new WeakMap<RobotsFile, Map<string, RobotsRule[]>>();

function tokenRules(file: RobotsFile): Map<string, RobotsRule[]> {
  let map = byToken.get(file);
  if (map) return map;
  map = new Map();
  for (const g of file.groups) {
    for (const a of new Set(g.agents.map(productToken))) {
      const prev = map.get(a);
      map.set(a, prev ? [...prev, ...g.rules] : g.rules);
    }
  }
  byToken.set(file, map);
  return map;
}

/** The Disallow deciding `path` for `agent` from its own group (or `*` when `orStar` and it has none), or undefined. */
export function agentDisallow(file: RobotsFile, agent: string, path: string, orStar = false, token = productToken(agent), memo?: Map<RobotsRule[], RobotsRule | undefined>): AgentDisallow | undefined {
  const map = tokenRules(file);
  const own = map.get(token);
  const rules = own ?? (orStar ? map.get('*') : undefined);
  if (!rules) return undefined;
  let rule = memo?.get(rules);
  if (!memo?.has(rules)) {
    rule = decidingRule(rules, path, 'robots');
    memo?.set(rules, rule);
  }
  return rule && !rule.allow ? { agent, group: own ? 'agent' : '*', rule } : undefined;
}

let tokens: { training: [string, string][]; other: [string, string][] } | undefined;

/** The listed agents with their product tokens, computed once. */
function listed(): { training: [string, string][]; other: [string, string][] } {
  tokens ??= { training: trainingAgents().map((a) => [a, productToken(a)]), other: otherAgents().map((a) => [a, productToken(a)]) };
  return tokens;
}

/** Every agent whose rules disallow `path`: ClearanceBot (own group or `*`) and the listed training crawlers (own
 *  groups only: a `*` group binds them only through our own check), then the listed non-training agents (shown, not applied). */
export function robotsDisallows(file: RobotsFile, path: string): { training: AgentDisallow[]; other: AgentDisallow[] } {
  const training: AgentDisallow[] = [];
  const memo = new Map<RobotsRule[], RobotsRule | undefined>();
  const ours = agentDisallow(file, CRAWLER_NAME, path, true, undefined, memo);
  if (ours) training.push(ours);
  const map = tokenRules(file);
  const { training: t, other: o } = listed();
  for (const [a, token] of t) {
    const d = map.has(token) ? agentDisallow(file, a, path, false, token, memo) : undefined;
    if (d) training.push(d);
  }
  const other = o.flatMap(([a, token]) => (map.has(token) ? (agentDisallow(file, a, path, false, token, memo) ?? []) : []));
  return { training, other };
}

const ruleText = (r: RobotsRule) => `${r.allow ? 'Allow' : 'Disallow'}: ${r.pattern}${r.line ? ` (line ${r.line})` : ''}`;

/** One line naming the agents and their rules, agents sharing a rule together: `CCBot, GPTBot: Disallow: / (line 6)`. */
export function describeDisallows(list: AgentDisallow[]): string {
  const byRule = new Map<RobotsRule, string[]>();
  for (const d of list) {
    const who = d.group === '*' ? `${d.agent} (by User-agent: *)` : d.agent;
    byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), who]);
  }
  const parts = [...byRule].map(([rule, who]) => `${who.length > 6 ? `${who.slice(0, 6).join(', ')} and ${who.length - 6} more` : who.join(', ')}: ${ruleText(rule)}`);
  return parts.length > 3 ? `${parts.slice(0, 3).join('; ')}; and ${parts.length - 3} more rules` : parts.join('; ');
}

export interface UsageRefusal {
  refusal: string;
  rule: UsageRule;
  agents: string[];
}

/** A Content-Usage / Content-Signal rule that refuses AI training for `path`, in any group: preferences are about the
 *  use of the content, whoever they were addressed to. Within a group the longest matching path decides (equal
 *  lengths combine: any refusal wins), as draft-ietf-aipref-attach-05 says. */
export function robotsUsageRefusal(file: RobotsFile, path: string): UsageRefusal | undefined {
  const forms = pathForms(path);
  for (const g of file.groups) {
    let best: UsageRule[] = [];
    for (const u of g.usage) {
      if (!forms.some((p) => matchCompiled(compiled(u.path, 'widen', 'robots'), p))) continue;
      if (!best.length || u.path.length > best[0]!.path.length) best = [u];
      else if (u.path.length === best[0]!.path.length) best.push(u);
    }
    for (const u of best) {
      const refusal = trainingRefusal(u.prefs);
      if (refusal) return { refusal, rule: u, agents: g.agents };
    }
  }
  return undefined;
}
