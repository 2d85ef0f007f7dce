// The AI crawlers whose robots.txt rules count as an AI-training opt-out: ai-agents.json (data, with its provenance) plus our own ClearanceBot.
import { readFileSync } from 'node:fs';
import type { AgentEntry } from './ai-agents-derive.js';
import { CRAWLER_NAME, productToken } from './agent.js';

export interface AgentList {
  source: string;
  licence: string;
  notice: string;
  agents: AgentEntry[];
}

let loaded: AgentList | undefined;

/** The committed list (pipeline/optout/ai-agents.json), read once. */
export function agentList(): AgentList {
  loaded ??= JSON.parse(readFileSync(new URL('./ai-agents.json', import.meta.url), 'utf8')) as AgentList;
  return loaded;
}

let split: { training: string[]; other: string[] } | undefined;

/** The list split by role, one name per product token ("Meta-ExternalAgent" and "meta-externalagent" are one agent). */
function byRole(): { training: string[]; other: string[] } {
  if (split) return split;
  const seen = new Set([productToken(CRAWLER_NAME)]);
  const pick = (training: boolean) =>
    agentList().agents.flatMap((a) => {
      const t = productToken(a.name);
      if (a.training !== training || seen.has(t)) return [];
      seen.add(t);
      return [a.name];
    });
  const training = pick(true);
  return (split = { training, other: pick(false) });
}

/** Names of the listed agents a Disallow for which is a training opt-out (ClearanceBot is checked on its own). */
export function trainingAgents(): string[] {
  return byRole().training;
}

/** Listed agents that are not training crawlers (assistants, search, user actions): their rules are shown, not applied. */
export function otherAgents(): string[] {
  return byRole().other;
}
