// The item page's opt-out table: each check with its snapshot (file and date) and what it said, escaped; the matrix read in step with the catalogue.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SignalCheck, SignalSources } from '../../../pipeline/catalog/signals.js';
import { sourceKey } from '../../../pipeline/catalog/signals.js';
import { SignalsCursor } from '../../../site/generator/read-signals.js';
import { signalMatrix } from '../../../site/src/render/signal-matrix.js';

const sources: SignalSources = {
  'robots-txt:museum.example.org': { file: 'optout/robots-txt/museum.example.org.txt', sha256: 'a'.repeat(64), fetchedAt: '2026-11-20T09:00:00.000Z', fetch: 'saved', status: 200 },
  'robots-txt:down.example.org': { file: null, sha256: null, fetchedAt: '2026-11-21T10:00:00.000Z', fetch: 'error', status: 503 },
  'robots-meta:museum.example.org': { file: 'optout/pages/museum.example.org.json', sha256: 'b'.repeat(64), fetchedAt: null, fetch: 'saved' },
  registry: { file: 'optout/registry.txt', sha256: 'c'.repeat(64), fetchedAt: null, fetch: null },
};

const checks: SignalCheck[] = [
  ['registry', 'url', 'silent'],
  ['robots-txt', 'museum.example.org', 'allowed', 'not applied: ChatGPT-User disallowed (not training crawlers)'],
  ['content-usage', 'museum.example.org', 'allowed'],
  ['robots-txt', 'down.example.org', 'unknown'],
  ['robots-meta', 'page:museum.example.org', 'allowed', 'robots: <b>noindex</b>'],
  ['embedded', 'image', 'silent'],
  ['registry', 'sha256', 'silent'],
];

const text = (h: string) => h.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');

describe('signalMatrix', () => {
  it('names each snapshot by file and fetch date, says what each signal said, and escapes details', () => {
    const out = signalMatrix({ checks, sources }).value;
    expect(out).toContain('data-testid="signal-matrix"');
    expect(out.match(/<tr data-signal=/g)).toHaveLength(checks.length);
    const t = text(out);
    expect(t).toContain('|robots.txt rules for AI crawlers|museum.example.org|optout/robots-txt/museum.example.org.txt, fetched 2026-11-20|Present, no opt-out: not applied: ChatGPT-User disallowed (not training crawlers)|');
    expect(t).toContain('|AI preferences (Content-Usage)|robots.txt of museum.example.org|optout/robots-txt/museum.example.org.txt, fetched 2026-11-20|Present, no opt-out|');
    expect(t).toContain('|down.example.org|none (fetch failed: HTTP 503), fetched 2026-11-21|Not known|');
    expect(t).toContain('|the landing page|optout/pages/museum.example.org.json, fetch date not recorded|');
    expect(t).toContain('|Do Not Train registry|by image SHA-256|optout/registry.txt|Nothing there|');
    expect(t).toContain('|the image file|the image as this release fetched it|Nothing there|');
    expect(out).toContain('robots: &lt;b&gt;noindex&lt;/b&gt;');
    expect(out).not.toContain('<b>noindex');
  });

  it('says so when the build recorded no checks (outputs from before the matrix)', () => {
    expect(text(signalMatrix(undefined).value)).toContain('This build recorded no opt-out checks for this item.');
  });

  it('maps checks to their snapshot keys', () => {
    expect(checks.map(sourceKey)).toEqual(['registry', 'robots-txt:museum.example.org', 'robots-txt:museum.example.org', 'robots-txt:down.example.org', 'robots-meta:museum.example.org', undefined, 'registry']);
  });
});

describe('SignalsCursor', () => {
  it('finds the accepted items’ lines reading forward, and yields nothing for an output without a matrix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clearance-signals-cursor-'));
    try {
      const line = (id: string, c: SignalCheck[]) => JSON.stringify({ id, checks: c });
      await writeFile(join(dir, 'signals.jsonl'), [line('s:1', []), line('s:2', [checks[0]!]), line('s:3', []), line('s:4', [checks[1]!])].join('\n') + '\n');
      await writeFile(join(dir, 'signal-sources.json'), JSON.stringify(sources));
      const c = new SignalsCursor(dir);
      expect((await c.for('s:2'))?.checks).toEqual([checks[0]]);
      expect((await c.for('s:4'))?.sources).toEqual(sources);
      expect(await c.for('s:9')).toBeUndefined();
      const empty = await mkdtemp(join(tmpdir(), 'clearance-signals-cursor-'));
      expect(await new SignalsCursor(empty).for('s:1')).toBeUndefined();
      await rm(empty, { recursive: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
