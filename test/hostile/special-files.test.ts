// FIFOs (and a socket, a directory) named as release files never block a build: items get a decision, release-level files a clear exit-2 message.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { cliWithin, goodImage, writeRelease } from './support/release.js';

afterAll(removeTempDirs);

const LIMIT_MS = 60_000;
const fifo = (path: string) => execFileSync('mkfifo', [path]);

async function release(extra: Record<string, unknown> = {}, sources: unknown[] = []): Promise<string> {
  const dir = join(await tempDir(), 'release');
  await writeRelease(dir, [{ id: 'good', image: await goodImage(dir, 'good.jpg', 1501) }], extra, sources);
  return dir;
}

describe('hostile input: special files', () => {
  it('a FIFO, a socket and a directory named as images, a FIFO manifest, provider file and recorded index: decisions, and the build finishes', { timeout: LIMIT_MS + 10_000 }, async () => {
    const dir = join(await tempDir(), 'release');
    await mkdir(join(dir, 'images', 'a-directory.jpg'), { recursive: true });
    await mkdir(join(dir, 'fetched'), { recursive: true });
    fifo(join(dir, 'images', 'fifo.jpg'));
    fifo(join(dir, 'fifo.jsonl'));
    fifo(join(dir, 'cleveland-fifo.json'));
    fifo(join(dir, 'fetched', 'index.jsonl'));
    const socketPath = join(dir, 'images', 'socket.jpg');
    const server = createServer().listen(socketPath);
    await new Promise((r) => server.once('listening', r));
    try {
      await writeRelease(
        dir,
        [
          { id: 'good', image: await goodImage(dir, 'good.jpg', 1502) },
          { id: 'fifo', image: 'images/fifo.jpg' },
          { id: 'socket', image: 'images/socket.jpg' },
          { id: 'dir', image: 'images/a-directory.jpg' },
        ],
        { fetched: 'fetched' },
        [
          { name: 'f', adapter: 'manifest', path: 'fifo.jsonl' },
          { name: 'c', adapter: 'cleveland', path: 'cleveland-fifo.json' },
        ],
      );
      const out = join(dir, '..', 'out');
      const r = await cliWithin(LIMIT_MS, ['build', dir, '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      const decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
      const by = Object.fromEntries(decisions.map((d) => [d.id, d.reasons[0]!]));
      expect(by['m:good']?.code).toBe('licence.cc0');
      expect(by['m:fifo']).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/is a FIFO, not a regular file/) });
      expect(by['m:socket']).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/is a socket/) });
      expect(by['m:dir']).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/is a directory/) });
      expect(by['f:fifo.jsonl']).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(/cannot read fifo\.jsonl: .*is a FIFO/) });
      expect(by['c:cleveland-fifo.json']).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(/is a FIFO/) });
      expect(r.stderr).toMatch(/fetched\/index\.jsonl/);
    } finally {
      server.close();
    }
  });

  // Release-level files: the run stops at once with exit 2 and a line saying which file is not a regular file.
  const cases: [string, (dir: string) => Promise<Record<string, unknown>>, RegExp][] = [
    ['release.json', async (dir) => (await rm(join(dir, 'release.json')), fifo(join(dir, 'release.json')), {}), /release\.json is a FIFO/],
    ['withdrawals', async (dir) => (fifo(join(dir, 'w.jsonl')), { withdrawals: 'w.jsonl' }), /withdrawals file: .*w\.jsonl is a FIFO/],
    ['the registry snapshot', async (dir) => (fifo(join(dir, 'dnt.txt')), { optOut: { registry: 'dnt.txt' } }), /registry snapshot: .*is a FIFO/],
    ['an ai.txt cache file', async (dir) => (await mkdir(join(dir, 'ai')), fifo(join(dir, 'ai', 'example.org.txt')), { optOut: { aiTxt: 'ai' } }), /optOut\.aiTxt example\.org\.txt: .*is a FIFO/],
    ['a tdmrep.json cache file', async (dir) => (await mkdir(join(dir, 'tdm')), fifo(join(dir, 'tdm', 'example.org.json')), { optOut: { tdmRep: 'tdm' } }), /optOut\.tdmRep example\.org\.json: .*is a FIFO/],
    ['the rights holders file', async (dir) => (fifo(join(dir, 'holders.jsonl')), { rightsHolders: 'holders.jsonl' }), /rights holders file holders\.jsonl: .*is a FIFO/],
  ];
  for (const [what, make, message] of cases) {
    it(`a FIFO as ${what}: exit 2 with a message, no wait`, { timeout: LIMIT_MS + 10_000 }, async () => {
      const dir = await release();
      const extra = await make(dir);
      if (Object.keys(extra).length) {
        await writeFile(join(dir, 'release.json'), JSON.stringify({ name: 'hostile', sources: [{ name: 'm', adapter: 'manifest', path: 'm.jsonl' }], ...extra }));
      }
      const r = await cliWithin(LIMIT_MS, ['build', dir, '--out', join(dir, '..', 'out'), '--quiet']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }
});
