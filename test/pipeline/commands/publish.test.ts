// `clearance publish` argument errors: where to publish must be said exactly once, and the out dir must hold a catalogue.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../pipeline/commands/publish.js';

describe('clearance publish', () => {
  it('needs exactly one of --local / --remote, and --persist-to only with --local', async () => {
    await expect(run(['out'])).rejects.toThrow('say where to publish: --local or --remote');
    await expect(run(['out', '--local', '--remote'])).rejects.toThrow('say where to publish: --local or --remote');
    await expect(run(['out', '--remote', '--persist-to', 'x'])).rejects.toThrow('--persist-to only applies to --local');
    await expect(run(['--local'])).rejects.toThrow(/usage: clearance publish <out-dir>/);
  });

  it('refuses an out dir without catalog.jsonl before touching any state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'publish-cmd-'));
    try {
      await expect(run([dir, '--local', '--persist-to', join(dir, 'state')])).rejects.toThrow(/has no catalog.jsonl \(run `clearance build/);
      expect(existsSync(join(dir, 'state'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
