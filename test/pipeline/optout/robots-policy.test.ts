// robots.txt as an opt-out: RFC 9309 matching for ClearanceBot and the listed AI-training crawlers, the 500 KiB limit,
// Content-Usage / Content-Signal rules, and a robots.txt that could not be fetched — through the release loader and the checks.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../../pipeline/catalog/index.js';
import { agentList, otherAgents, trainingAgents } from '../../../pipeline/optout/ai-agents.js';
import { checksBeforeFetch } from '../../../pipeline/optout/before-fetch.js';
import { loadReleaseSignals } from '../../../pipeline/optout/release-signals.js';
import { agentDisallow, robotsDisallows, robotsUsageRefusal } from '../../../pipeline/optout/robots-policy.js';
import { parseRobots } from '../../../pipeline/optout/robots-txt.js';

const names = (list: { agent: string }[]) => list.map((d) => d.agent);

describe('RFC 9309 matching for the agents that count', () => {
  const file = parseRobots(
    [
      'User-agent: GPTBot # OpenAI',
      'Disallow: /private',
      'Allow: /private/ok',
      'Disallow: /*.gif$',
      'Disallow: /caf%C3%A9/',
      '',
      'user-agent: ccbot',
      'crawl-delay: 10',
      'user-agent: Bytespider',
      'disallow: /',
      '',
      'User-agent: ChatGPT-User',
      'Disallow: /',
      '',
      'User-agent: *',
      'Disallow: /admin/',
      '',
      'User-agent: gptbot/1.2',
      'Disallow: /more',
    ].join('\n'),
  );

  it('longest match wins, Allow wins ties, $ anchors, * spans, paths compare percent-encoded or not, case-sensitively', () => {
    expect(agentDisallow(file, 'GPTBot', '/private/x')?.rule).toMatchObject({ pattern: '/private', line: 2 });
    expect(agentDisallow(file, 'GPTBot', '/private/ok/x')).toBeUndefined();
    expect(agentDisallow(file, 'GPTBot', '/a/b.gif')?.rule.pattern).toBe('/*.gif$');
    expect(agentDisallow(file, 'GPTBot', '/a/b.gif?x=1')).toBeUndefined();
    expect(agentDisallow(file, 'GPTBot', '/café/menu')?.rule.pattern).toBe('/caf%C3%A9/');
    expect(agentDisallow(file, 'GPTBot', '/caf%c3%a9/menu')?.rule.pattern).toBe('/caf%C3%A9/');
    expect(agentDisallow(parseRobots('User-agent: GPTBot\nDisallow: /café/\n'), 'GPTBot', '/caf%C3%A9/menu')?.rule.pattern).toBe('/caf%C3%A9/');
    expect(agentDisallow(file, 'GPTBot', '/Private/x')).toBeUndefined();
    const tie = parseRobots('User-agent: GPTBot\nDisallow: /p\nAllow: /p\n');
    expect(agentDisallow(tie, 'GPTBot', '/p/q')).toBeUndefined();
  });

  it('keeps the Disallow of a user-agent line that carries it (`user-agent: omgilibot disallow: /`, elpais.com)', () => {
    const joined = parseRobots('user-agent: omgilibot disallow: /\nuser-agent: GPTBot disallow: /private\n');
    expect(agentDisallow(joined, 'omgilibot', '/x')?.rule).toMatchObject({ pattern: '/', line: 1 });
    expect(agentDisallow(joined, 'GPTBot', '/x')).toBeUndefined();
    expect(agentDisallow(joined, 'GPTBot', '/private/x')?.rule.line).toBe(2);
  });

  it('agent tokens are case-insensitive, groups naming one agent merge, Crawl-delay does not split a run of user-agent lines', () => {
    expect(agentDisallow(file, 'gptbot', '/more/x')?.rule.pattern).toBe('/more');
    expect(agentDisallow(file, 'CCBot', '/anything')?.rule).toMatchObject({ pattern: '/', line: 10 });
  });

  it('ClearanceBot falls back to `*`; listed crawlers only answer for their own groups; non-training agents are shown, not applied', () => {
    expect(agentDisallow(file, 'ClearanceBot', '/admin/x', true)).toMatchObject({ group: '*' });
    const d = robotsDisallows(file, '/admin/x');
    expect(names(d.training)).toEqual(['ClearanceBot', 'Bytespider', 'CCBot']);
    expect(names(d.other)).toContain('ChatGPT-User');
    expect(names(robotsDisallows(file, '/public').training)).toEqual(['Bytespider', 'CCBot']);
    const ours = parseRobots('User-agent: ClearanceBot\nAllow: /\n\nUser-agent: *\nDisallow: /\n');
    expect(robotsDisallows(ours, '/x').training).toEqual([]);
  });

  it('the list is data with its provenance: ai.robots.txt (MIT notice kept), training crawlers apart from assistants and search', () => {
    const list = agentList();
    expect(list.source).toMatch(/ai\.robots\.txt.*738c80d/);
    expect(list.notice).toMatch(/^Copyright \(c\) 2024 ai\.robots\.txt\. Permission is hereby granted/);
    expect(list.agents).toHaveLength(166);
    for (const a of ['GPTBot', 'CCBot', 'Google-Extended', 'anthropic-ai', 'ClaudeBot', 'Applebot-Extended', 'img2dataset', 'Bytespider', 'PerplexityBot']) expect(trainingAgents()).toContain(a);
    for (const a of ['ChatGPT-User', 'Claude-User', 'OAI-SearchBot', 'Applebot']) expect(otherAgents()).toContain(a);
  });
});

describe('the 500 KiB limit', () => {
  it('a cut last line is dropped unless it is a Disallow (a cut Allow would allow more)', () => {
    const allow = parseRobots('User-agent: GPTBot\nDisallow: /\nAllow: /pri', { truncated: true });
    expect(agentDisallow(allow, 'GPTBot', '/private')).toBeDefined();
    const disallow = parseRobots('User-agent: GPTBot\nDisallow: /pri', { truncated: true });
    expect(agentDisallow(disallow, 'GPTBot', '/private')).toBeDefined();
  });
});

describe('Content-Usage and Content-Signal rules', () => {
  const file = parseRobots(
    ['User-Agent: *', 'Allow: /', 'Content-Usage: / train-ai=n', 'Content-Usage: /ai-ok/ train-ai=y', 'Content-Usage: /both/ train-ai=y', 'Content-Usage: /both/ train-ai=n', '', 'User-Agent: ExampleBot', 'Content-Usage: /bot-only/ train-genai=n'].join('\n'),
  );

  it('the longest matching path decides within a group; equal paths combine (any refusal wins); any group counts', () => {
    expect(robotsUsageRefusal(file, '/art/1')).toMatchObject({ refusal: 'train-ai=n', rule: { path: '/', line: 3 } });
    expect(robotsUsageRefusal(file, '/ai-ok/1')).toBeUndefined();
    expect(robotsUsageRefusal(file, '/both/1')).toMatchObject({ refusal: 'train-ai=n', rule: { line: 6 } });
    expect(robotsUsageRefusal(parseRobots('User-agent: *\nContent-Usage: /open/ train-ai=y\n\nUser-agent: ExampleBot\nContent-Usage: /open/x train-genai=n\n'), '/open/x/1')).toMatchObject({ refusal: 'train-genai=n', agents: ['ExampleBot'] });
  });

  it('reads the earlier drafts’ rule without a path, and Cloudflare’s Content-Signal', () => {
    expect(robotsUsageRefusal(parseRobots('User-agent: *\nContent-Usage: train-ai=n\n'), '/x')).toMatchObject({ refusal: 'train-ai=n' });
    expect(robotsUsageRefusal(parseRobots('user-agent: *\ncontent-signal: search=yes,ai-train=no\nallow: /\n'), '/x')).toMatchObject({ refusal: 'ai-train=n', rule: { field: 'content-signal' } });
    expect(robotsUsageRefusal(parseRobots('user-agent: *\ncontent-signal: search=yes, ai-train=yes\n'), '/x')).toBeUndefined();
  });
});

describe('through the release loader and the checks before the fetch', () => {
  let dir: string;
  const release: Release = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'x' }], optOut: { robotsTxt: 'robots' } };
  const at = '2026-11-20T09:00:00.000Z';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clearance-robots-policy-'));
    await mkdir(join(dir, 'robots'));
    const filler = `# ${'x'.repeat(100)}\n`.repeat(Math.ceil((510 * 1024) / 103));
    await writeFile(join(dir, 'robots/big.example.org.txt'), `User-agent: *\nAllow: /\n${filler}User-agent: GPTBot\nDisallow: /\n`);
    await writeFile(join(dir, 'robots/kept.example.org.txt'), 'User-agent: CCBot\nDisallow: /\n');
    await writeFile(join(dir, 'robots/.fetched.json'), JSON.stringify({
      'down.example.org': { at, outcome: 'error', status: 503 },
      'slow.example.org': { at, outcome: 'error', error: 'GET https://slow.example.org/robots.txt: timed out after 15000 ms' },
      'forbidden.example.org': { at, outcome: 'error', status: 403 },
      'kept.example.org': { at, outcome: 'error', status: 500 },
      'none.example.org': { at, outcome: 'none', status: 404 },
    }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const check = async (url: string) => {
    const s = await loadReleaseSignals(dir, release);
    const out = checksBeforeFetch(s, { id: 's:1', image: 'images/a.jpg', sourceUrl: url });
    return { reasons: out.reasons, robots: out.checks.find((c) => c[0] === 'robots-txt'), warnings: s.warnings, sources: s.sources };
  };

  it('reads 500 KiB of a robots.txt and warns: a Disallow past the limit is not seen', async () => {
    const r = await check('https://big.example.org/a');
    expect(r.reasons).toEqual([]);
    expect(r.warnings).toContain('optOut.robotsTxt big.example.org.txt: only its first 512000 bytes are read');
  });

  it('a robots.txt unreachable (5xx, time-out) with no copy kept means complete disallow; a 403 or a 404 does not; a kept copy is used', async () => {
    expect((await check('https://down.example.org/a')).reasons).toEqual([
      { code: 'optout.robots-txt', detail: 'down.example.org: robots.txt unreachable when fetched on 2026-11-20 (HTTP 503): complete disallow (RFC 9309 §2.3.1.4)' },
    ]);
    expect((await check('https://slow.example.org/a')).reasons[0]?.detail).toMatch(/unreachable .*timed out/);
    expect(await check('https://forbidden.example.org/a')).toMatchObject({ reasons: [], robots: ['robots-txt', 'forbidden.example.org', 'unknown'] });
    expect(await check('https://none.example.org/a')).toMatchObject({ reasons: [], robots: ['robots-txt', 'none.example.org', 'silent'] });
    const kept = await check('https://kept.example.org/a');
    expect(kept.reasons).toEqual([{ code: 'optout.robots-txt', detail: 'kept.example.org robots.txt disallows AI-training crawlers on /a: CCBot: Disallow: / (line 2)' }]);
    expect(kept.sources['robots-txt:kept.example.org']).toMatchObject({ file: 'robots/kept.example.org.txt', fetchedAt: at, fetch: 'error', status: 500 });
  });
});
