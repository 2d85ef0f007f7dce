// `npm run test:quick`, the edit loop: unit and in-process tests (test/support/test-groups.ts: QUICK less SYSTEM and
// MODELS), no browser, no wrangler, no models; `npm test` (vitest.config.ts) runs these and every other test.
import { defineConfig } from 'vitest/config';
import { useRamTmpdir } from './test/support/ram-tmpdir.js';
import { SlowFirst } from './test/support/sequencer.js';
import { nodeTestOptions, QUICK, quickExclude } from './test/support/test-groups.js';

useRamTmpdir();

export default defineConfig({
  test: {
    ...nodeTestOptions,
    name: 'quick',
    include: QUICK,
    exclude: quickExclude,
    maxWorkers: 3,
    sequence: { sequencer: SlowFirst },
    globalSetup: ['test/support/require-shared.ts'],
  },
});
