// Derives the committed AI-agent list (ai-agents.json) from ai.robots.txt's robots.json: which agents' robots.txt rules count as a training opt-out.

/** One entry of ai.robots.txt's robots.json (name → facts). */
export interface UpstreamAgent {
  operator?: string;
  respect?: string;
  function?: string;
  frequency?: string;
  description?: string;
}

export interface AgentEntry {
  name: string;
  operator: string;
  function: string;
  /** A Disallow for this agent is read as "no AI training" (it collects content for training, or may). */
  training: boolean;
  /** Why `training` is what it is (the rule that decided). */
  basis: string;
}

/** Named in issue #18 as AI-training crawlers whose robots.txt rules must reach a decision: always counted. */
const NAMED_TRAINING_AGENTS = ['GPTBot', 'CCBot', 'Google-Extended', 'anthropic-ai', 'ClaudeBot', 'Applebot-Extended', 'img2dataset', 'Bytespider', 'PerplexityBot'];

/** ai.robots.txt's categories: collectors of data for AI (or of unknown purpose) count; fetchers acting for a
 *  user (assistants, agents, coding tools) and search indexers do not train on what they fetch. */
const CATEGORY: Record<string, boolean> = {
  'AI Data Scrapers': true,
  'AI Data Providers': true,
  'Undocumented AI Agents': true,
  'AI Assistants': false,
  'AI Agents': false,
  'AI Coding Agents': false,
  'AI Search Crawlers': false,
};

/** Free-text purposes that mean the data feeds models or datasets. */
const TRAINING_WORDS = /\btrain|\bLLMs?\b|language models?|data ?sets?\b|machine learning|\bscrap(?:e|es|ed|ing|er)\b|data is sold|AI models?|AI development|\bresearch\b/i;
/** A purpose nobody documented may be training. */
const UNKNOWN_PURPOSE = /\bunclear\b|\bunknown\b/i;
/** Fetching for a person's question, or indexing for search, is not training. */
const SEARCH_OR_USER = /search|answers?\b|\buser|assistant|chat|translation/i;
const COLLECTS_DATA = /collect|\bdata\b/i;

const clean = (s: string | undefined) => (s ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();

export function classify(name: string, a: UpstreamAgent): AgentEntry {
  const fn = clean(a.function);
  const base = { name, operator: clean(a.operator) || 'unknown', function: fn || 'unknown' };
  if (NAMED_TRAINING_AGENTS.includes(name)) return { ...base, training: true, basis: 'named in issue #18 as an AI-training crawler' };
  if (fn in CATEGORY) return { ...base, training: CATEGORY[fn]!, basis: `ai.robots.txt category "${fn}"` };
  const text = `${fn} ${clean(a.description)}`;
  const word = TRAINING_WORDS.exec(text);
  if (word) return { ...base, training: true, basis: `purpose mentions "${word[0]}"` };
  if (UNKNOWN_PURPOSE.test(fn)) return { ...base, training: true, basis: 'purpose unclear: may be training' };
  const other = SEARCH_OR_USER.exec(text);
  if (other) return { ...base, training: false, basis: `purpose is search, answers or user actions ("${other[0]}")` };
  if (COLLECTS_DATA.test(text)) return { ...base, training: true, basis: 'collects data for AI products' };
  return { ...base, training: false, basis: 'purpose is not data collection' };
}

function deriveAgents(upstream: Record<string, UpstreamAgent>): AgentEntry[] {
  return Object.entries(upstream)
    .map(([name, a]) => classify(name, a))
    .sort((x, y) => x.name.localeCompare(y.name, 'en'));
}

const UPSTREAM = {
  source: 'https://github.com/ai-robots-txt/ai.robots.txt robots.json at commit 738c80d (via ../shared/corpus/optout/ai-robots.json)',
  licence: 'MIT',
  notice:
    'Copyright (c) 2024 ai.robots.txt. Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.',
} as const;

/** The ai-agents.json text for an upstream robots.json (regenerate: `npx tsx pipeline/optout/ai-agents-derive.ts <robots.json>`). */
export function agentsFile(upstream: Record<string, UpstreamAgent>): string {
  return `${JSON.stringify({ ...UPSTREAM, derivedBy: 'pipeline/optout/ai-agents-derive.ts', agents: deriveAgents(upstream) }, null, 1)}\n`;
}

if (process.argv[1]?.endsWith('ai-agents-derive.ts') && process.argv[2]) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const out = new URL('./ai-agents.json', import.meta.url);
  writeFileSync(out, agentsFile(JSON.parse(readFileSync(process.argv[2], 'utf8')) as Record<string, UpstreamAgent>));
  console.log(`wrote ${out.pathname}`);
}
