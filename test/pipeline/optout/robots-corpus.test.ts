// The 204 real robots.txt files of the corpus: for each, which listed AI agents are disallowed at `/`; the summary
// figures (printed); five sites checked by hand; agreement with the-great-gpt-firewall's own reading (true = blocked).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNAL_FILE_LIMITS } from '../../../pipeline/optout/release-signals.js';
import { robotsDisallows, robotsUsageRefusal } from '../../../pipeline/optout/robots-policy.js';
import { isAllowed, isRobotsText, parseRobots } from '../../../pipeline/optout/robots-txt.js';
import { corpusDir, skipMessage } from '../../support/shared.js';

const dir = join(corpusDir, 'optout/robots-txt');
const has = existsSync(dir);
const NAMED = ['GPTBot', 'CCBot', 'Google-Extended', 'anthropic-ai', 'ClaudeBot', 'Applebot-Extended', 'img2dataset', 'Bytespider', 'PerplexityBot', 'ClearanceBot'];

interface Row {
  site: string;
  html: boolean;
  /** Agents whose disallow at `/` rejects an item (ClearanceBot by own group or `*`, listed training crawlers by own group). */
  training: string[];
  /** Listed non-training agents disallowed at `/` (shown in the matrix, not applied). */
  other: string[];
  /** Named agents disallowed at `/` by RFC 9309 (own group, else `*`). */
  rfc: string[];
  contentUsage?: string;
}

/** Each file read as a build reads a snapshot: its first 500 KiB, a cut last line handled. */
function rows(): Row[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.robots.txt'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      const cut = bytes.length > SIGNAL_FILE_LIMITS.robotsTxtBytes;
      const text = bytes.subarray(0, SIGNAL_FILE_LIMITS.robotsTxtBytes).toString('utf8');
      const site = f.replace(/\.robots\.txt$/, '');
      // fetch-signals never saves an HTML page served at /robots.txt: the site has none.
      if (!isRobotsText(text)) return { site, html: true, training: [], other: [], rfc: [] };
      const file = parseRobots(text, { truncated: cut });
      const d = robotsDisallows(file, '/');
      const u = robotsUsageRefusal(file, '/');
      return {
        site,
        html: false,
        training: d.training.map((x) => x.agent),
        other: d.other.map((x) => x.agent),
        rfc: NAMED.filter((a) => !isAllowed(file, a, '/', 'robots')),
        ...(u ? { contentUsage: `${u.rule.field}: ${u.rule.prefs}` } : {}),
      };
    });
}

describe.skipIf(!has)(has ? 'the corpus robots.txt files' : skipMessage('corpus'), () => {
  const all = has ? rows() : [];
  const site = (s: string) => all.find((r) => r.site === s)!;

  it('reads all 204, and prints which listed AI agents each disallows at / with the summary figures', () => {
    expect(all).toHaveLength(204);
    const files = all.filter((r) => !r.html);
    const lines = all.map((r) => (r.html ? `${r.site}: HTML page, no robots.txt` : `${r.site}: ${r.training.join(', ') || '-'}${r.other.length ? ` | not applied: ${r.other.join(', ')}` : ''}${r.contentUsage ? ` | ${r.contentUsage}` : ''}`));
    const count = (a: string) => files.filter((r) => r.rfc.includes(a)).length;
    const own = (a: string) => files.filter((r) => r.training.includes(a)).length;
    const rejecting = files.filter((r) => r.training.length || r.contentUsage).length;
    const summary = [
      `${all.length} sites: ${files.length} robots.txt files, ${all.length - files.length} serve an HTML page at /robots.txt`,
      ...NAMED.map((a) => `${a}: ${count(a)} of ${all.length} sites disallow it at / (RFC 9309: own group, else *)${a === 'ClearanceBot' ? '' : `; ${own(a)} name it in their own group`}`),
      `${files.filter((r) => r.training.length).length} of ${all.length} sites disallow ClearanceBot or a listed AI-training crawler at /; ${files.filter((r) => r.contentUsage).length} refuse AI training by Content-Usage/Content-Signal; together an image at / of ${rejecting} sites is rejected`,
    ];
    console.log(`${lines.join('\n')}\n\n${summary.join('\n')}`);
    // What the figures mean, checked on every file: a named-group disallow is an RFC disallow; HTML pages carry nothing.
    for (const r of files) for (const a of r.training) if (NAMED.includes(a) && a !== 'ClearanceBot') expect(r.rfc, `${r.site} ${a}`).toContain(a);
    for (const r of all.filter((x) => x.html)) expect(r.training).toEqual([]);
    expect(count('GPTBot')).toBeGreaterThanOrEqual(own('GPTBot'));
  });

  it('cnn.com (checked by hand): one group of 60 agents with `disallow: /` — all nine named crawlers; `*` only keeps .jsx out, so ClearanceBot may read /', () => {
    const r = site('cnn.com');
    expect(r.rfc).toEqual(NAMED.filter((a) => a !== 'ClearanceBot'));
    expect(r.training).not.toContain('ClearanceBot');
    expect(r.training).toHaveLength(41);
    expect(r.other).toEqual(expect.arrayContaining(['ChatGPT-User', 'OAI-SearchBot', 'PetalBot', 'Amazonbot']));
  });

  it('www.thetimes.co.uk (by hand): `*` disallows / and an allow-list follows (googleother, facebookexternalhit, "gpt-bot" — not GPTBot\'s token)', () => {
    const r = site('www.thetimes.co.uk');
    expect(r.training).toEqual(['ClearanceBot']);
    expect(r.rfc).toEqual(NAMED);
  });

  it('www.pixabay.com (by hand): applebot-extended, bytespider, ccbot, claudebot, google-extended, gptbot share `disallow: /`; `*` allows /', () => {
    const r = site('www.pixabay.com');
    expect(r.training).toEqual(['Applebot-Extended', 'Bytespider', 'CCBot', 'ClaudeBot', 'Google-Extended', 'GPTBot']);
    expect(r.rfc).toEqual(['GPTBot', 'CCBot', 'Google-Extended', 'ClaudeBot', 'Applebot-Extended', 'Bytespider']);
    expect(r.other).toEqual([]);
  });

  it('davidguetta.com (by hand): Cloudflare-managed — `content-signal: search=yes,ai-train=no` for `*`, and eight crawlers disallowed', () => {
    const r = site('davidguetta.com');
    expect(r.training).toEqual(['Applebot-Extended', 'Bytespider', 'CCBot', 'ClaudeBot', 'Google-Extended', 'GPTBot', 'meta-externalagent']);
    expect(r.other).toEqual(['Amazonbot']);
    expect(r.contentUsage).toBe('content-signal: search=yes,ai-train=no');
  });

  it('www.shutterstock.com (by hand): ccbot, gptbot, meta-externalagent and oai-searchbot each `disallow: /`', () => {
    const r = site('www.shutterstock.com');
    expect(r.training).toEqual(['CCBot', 'GPTBot', 'meta-externalagent']);
    expect(r.other).toEqual(['OAI-SearchBot']);
    expect(r.rfc).toEqual(['GPTBot', 'CCBot']);
  });

  it('agrees with the-great-gpt-firewall on which bots a site names and blocks at / for ≥ 95% of (site, bot) pairs', () => {
    type Entry = { domain: string; breakdown: Record<string, boolean> };
    const firewall = JSON.parse(readFileSync(join(corpusDir, 'optout/gpt-firewall-2026-01.json'), 'utf8')) as Entry[];
    let agree = 0;
    let total = 0;
    const disagree: string[] = [];
    for (const r of all.filter((x) => !x.html)) {
      const entry = firewall.find((e) => e.domain.replace(/^www\./, '') === r.site.replace(/^www\./, ''));
      if (!entry) continue;
      const file = parseRobots(readFileSync(join(dir, `${r.site}.robots.txt`), 'utf8').slice(0, SIGNAL_FILE_LIMITS.robotsTxtBytes));
      for (const [bot, blocked] of Object.entries(entry.breakdown)) {
        const named = file.groups.some((g) => g.agents.some((a) => a.trim().toLowerCase().split(/[/\s]/)[0] === bot));
        const mine = named && !isAllowed(file, bot, '/', 'robots');
        total++;
        if (mine === blocked) agree++;
        else disagree.push(`${r.site} ${bot}: ours ${mine ? 'blocked' : 'allowed'}`);
      }
    }
    console.log(`gpt-firewall agreement: ${agree}/${total} (${((100 * agree) / total).toFixed(1)}%); first differences: ${disagree.slice(0, 8).join('; ')}`);
    expect(total).toBeGreaterThan(1000);
    expect(agree / total).toBeGreaterThan(0.95);
  });
});
