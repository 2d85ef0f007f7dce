// robots.txt parsing and matching (RFC 9309), proved on the real robots.txt files in the corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decidingRule, isAllowed, isRobotsText, parseRobots, rulesFor } from '../../../pipeline/optout/robots-txt.js';
import { corpusDir, skipMessage } from '../../support/shared.js';

const dir = join(corpusDir, 'optout/robots-txt');
const has = existsSync(dir);
const read = (host: string) => parseRobots(readFileSync(join(dir, `${host}.robots.txt`), 'utf8'));

describe('robots.txt matching rules', () => {
  const file = parseRobots(
    ['Disallow: /ignored', 'User-agent: A', 'User-Agent: b/2.0', 'Disallow: /private', 'Allow: /private/ok', 'Disallow: /*.gif$', '', 'user-agent: *', 'disallow: /', 'allow: /public', 'user-agent: a', 'disallow: /more'].join('\r\n'),
  );

  it('groups agents, merges groups for the same agent, ignores rules before any agent', () => {
    expect(file.groups).toHaveLength(3);
    expect(rulesFor(file, 'a').rules.map((r) => r.pattern)).toEqual(['/private', '/private/ok', '/*.gif$', '/more']);
    expect(rulesFor(file, 'B').matchedBy).toBe('agent');
    expect(rulesFor(file, 'other').matchedBy).toBe('*');
  });

  it('longest match wins, Allow wins ties, $ anchors, * spans', () => {
    expect(isAllowed(file, 'A', '/private/x')).toBe(false);
    expect(isAllowed(file, 'A', '/private/ok/x')).toBe(true);
    expect(isAllowed(file, 'A', '/a/b.gif')).toBe(false);
    expect(isAllowed(file, 'A', '/a/b.gif?x')).toBe(true);
    expect(isAllowed(file, 'A', '/ignored')).toBe(true);
    expect(isAllowed(file, 'other', '/public/x')).toBe(true);
    expect(isAllowed(file, 'other', '/x')).toBe(false);
    const tie = parseRobots('user-agent: *\ndisallow: /p\nallow: /p');
    expect(decidingRule(rulesFor(tie, 'x').rules, '/p')?.allow).toBe(true);
  });
});

describe('real robots.txt files', () => {
  it.skipIf(!has)(has ? 'parses every real robots.txt in the corpus into groups, and tells the HTML pages served instead apart' : skipMessage('corpus'), () => {
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.robots.txt'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
    expect(texts.length).toBeGreaterThan(100);
    const html = texts.filter(([, t]) => !isRobotsText(t)).map(([f]) => f);
    expect(html).toEqual(expect.arrayContaining(['medium.com.robots.txt', 'www.gettyimages.com.robots.txt', 'web.archive.org.robots.txt']));
    expect(html).not.toContain('cnn.com.robots.txt');
    const robots = texts.filter(([, t]) => isRobotsText(t) && /^\s*user-agent\s*:/im.test(t));
    expect(robots.length).toBeGreaterThan(150);
    for (const [f, t] of robots) expect({ f, groups: parseRobots(t).groups.length > 0 }).toEqual({ f, groups: true });
  });

  it.skipIf(!has)(has ? 'cnn.com blocks GPTBot and CCBot everywhere but lets other agents read articles' : skipMessage('corpus'), () => {
    const cnn = read('cnn.com');
    for (const bot of ['GPTBot', 'CCBot', 'ClaudeBot', 'img2dataset']) expect(isAllowed(cnn, bot, '/2024/01/01/world/story.html')).toBe(false);
    expect(isAllowed(cnn, 'Mozilla', '/2024/01/01/world/story.html')).toBe(true);
    expect(isAllowed(cnn, 'Mozilla', '/api/x')).toBe(false);
    expect(isAllowed(cnn, 'Mozilla', '/partners/ipad/live-video.json')).toBe(true);
    expect(isAllowed(cnn, 'Mozilla', '/x/app.jsx')).toBe(false);
  });

  it.skipIf(!has)(has ? 'github.com: wildcard paths for bingbot, * group for the rest' : skipMessage('corpus'), () => {
    const gh = read('github.com');
    expect(isAllowed(gh, 'bingbot', '/owner/repo/tarball/main')).toBe(false);
    expect(isAllowed(gh, 'bingbot', '/owner/repo')).toBe(true);
    expect(isAllowed(gh, 'SomeBot', '/owner/repo/pulse')).toBe(false);
  });

  it.skipIf(!has)(has ? 'agrees with gpt-firewall on which AI bots are blocked site-wide for ≥ 95% of (site, bot) pairs' : skipMessage('corpus'), () => {
    type Entry = { domain: string; breakdown: Record<string, boolean> };
    const firewall = JSON.parse(readFileSync(join(corpusDir, 'optout/gpt-firewall-2026-01.json'), 'utf8')) as Entry[];
    let agree = 0;
    let total = 0;
    for (const f of readdirSync(dir)) {
      const host = f.replace(/\.robots\.txt$/, '');
      const entry = firewall.find((e) => e.domain.replace(/^www\./, '') === host.replace(/^www\./, ''));
      if (!entry) continue;
      const file = parseRobots(readFileSync(join(dir, f), 'utf8'));
      for (const [bot, blocked] of Object.entries(entry.breakdown)) {
        const mine = rulesFor(file, bot).matchedBy === 'agent' && !isAllowed(file, bot, '/');
        total++;
        if (mine === blocked) agree++;
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(agree / total).toBeGreaterThan(0.95);
  });
});
