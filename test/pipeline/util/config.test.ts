// util/config.ts: defaults, typed values, one-line errors for typos, and the documented table equal to VARIABLES.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adminToken,
  clearanceSettings,
  faceModel,
  fetchAllowLoopback,
  itemTimeoutMs,
  modelCacheDir,
  modelMirror,
  modelsDir,
  nsfwBatch,
  ortThreads,
  pageSize,
  safetyOff,
  sourceDateEpoch,
  VARIABLES,
} from '../../../pipeline/util/config.js';
import { CliError } from '../../../pipeline/util/cli-error.js';
import { repoRoot } from '../../support/shared.js';

describe('config', () => {
  it('gives the documented defaults when nothing is set', () => {
    const env = {};
    expect(safetyOff(env)).toBe(false);
    expect(nsfwBatch(env)).toBe(4);
    expect(ortThreads(env)).toBe(1);
    expect(faceModel(env)).toBe('yunet');
    expect(itemTimeoutMs(env)).toBe(60_000);
    expect(fetchAllowLoopback(env)).toBe(false);
    expect(sourceDateEpoch(env)).toBeUndefined();
    expect(pageSize(env)).toBe(48);
    expect(modelsDir(env)).toBe(resolve(repoRoot, '../shared/models'));
    expect(modelCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/clearance/models');
  });

  it('reads what is set; the empty string counts as unset', () => {
    expect(safetyOff({ CLEARANCE_SAFETY: 'OFF' })).toBe(true);
    expect(itemTimeoutMs({ CLEARANCE_ITEM_TIMEOUT_MS: '0' })).toBe(0);
    expect(modelMirror({ CLEARANCE_MODEL_MIRROR: 'https://mirror.example/models//' })).toBe('https://mirror.example/models');
    expect(modelCacheDir({ CLEARANCE_MODEL_CACHE: '/m' })).toBe('/m');
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1790000000' })).toBe(1_790_000_000);
    expect(adminToken({ ADMIN_TOKEN: '' })).toBeUndefined();
    expect(ortThreads({ CLEARANCE_ORT_THREADS: '' })).toBe(1);
    expect(fetchAllowLoopback({ CLEARANCE_FETCH_ALLOW_LOOPBACK: 'yes' })).toBe(false);
  });

  it('stops on a typo with one line naming the variable', () => {
    expect(() => nsfwBatch({ CLEARANCE_NSFW_BATCH: 'four' })).toThrow(new CliError('safety: CLEARANCE_NSFW_BATCH must be a whole number >= 1, got "four"'));
    expect(() => ortThreads({ CLEARANCE_ORT_THREADS: '0' })).toThrow(CliError);
    expect(() => itemTimeoutMs({ CLEARANCE_ITEM_TIMEOUT_MS: '-1' })).toThrow(/CLEARANCE_ITEM_TIMEOUT_MS must be a whole number of milliseconds/);
  });

  it('fingerprints every CLEARANCE_ variable set, documented or not, in name order', () => {
    expect(clearanceSettings({ CLEARANCE_Z: '1', PATH: '/bin', CLEARANCE_A: 'x' })).toBe('CLEARANCE_A=x\nCLEARANCE_Z=1');
  });

  it("pipeline/README.md's table is VARIABLES", () => {
    const readme = readFileSync(join(repoRoot, 'pipeline/README.md'), 'utf8');
    const table = /<!-- variables[^>]*-->\n([\s\S]*?)<!-- \/variables -->/.exec(readme)?.[1];
    const rows = Object.entries(VARIABLES).map(([name, [def, doc]]) => `| \`${name}\` | ${def} | ${doc} |`);
    expect(table).toBe(['| variable | default | what it does |', '|---|---|---|', ...rows, ''].join('\n'));
  });
});
