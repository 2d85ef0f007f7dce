// The committed AI-agent list is what ai-agents-derive.ts makes of the corpus's ai.robots.txt file, with its MIT notice.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsFile, classify } from '../../../pipeline/optout/ai-agents-derive.js';
import { repoRoot, corpusDir, skipMessage } from '../../support/shared.js';

const upstream = join(corpusDir, 'optout/ai-robots.json');

describe('ai-agents.json', () => {
  it.skipIf(!existsSync(upstream))(existsSync(upstream) ? 'equals its derivation from the corpus file (regenerate with `npx tsx pipeline/optout/ai-agents-derive.ts <robots.json>`)' : skipMessage('corpus'), () => {
    const committed = readFileSync(join(repoRoot, 'pipeline/optout/ai-agents.json'), 'utf8');
    expect(committed).toBe(agentsFile(JSON.parse(readFileSync(upstream, 'utf8'))));
  });

  it('classifies by ai.robots.txt category, then by the stated purpose; the crawlers issue #18 names always count', () => {
    expect(classify('X', { function: 'AI Data Scrapers' })).toMatchObject({ training: true, basis: 'ai.robots.txt category "AI Data Scrapers"' });
    expect(classify('X', { function: 'AI Assistants' }).training).toBe(false);
    expect(classify('X', { function: 'Scrapes data to train [Acme](https://acme.example)’s models.' })).toMatchObject({ training: true, basis: 'purpose mentions "Scrapes"' });
    expect(classify('X', { function: 'Unclear at this time.' }).training).toBe(true);
    expect(classify('X', { function: 'Search result generation.' }).training).toBe(false);
    expect(classify('PerplexityBot', { function: 'Search result generation.' })).toMatchObject({ training: true, basis: 'named in issue #18 as an AI-training crawler' });
    expect(classify('X', { operator: '[Acme](https://acme.example)', function: 'AI Agents' }).operator).toBe('Acme');
  });
});
