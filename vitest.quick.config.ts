// `npm run test:quick`, the edit loop: unit and in-process tests (test/support/test-groups.ts: QUICK less SYSTEM and
// MODELS), no browser, no wrangler, no models; `npm test` (vitest.config.ts) runs these and every other test.
// Two workers: these files keep both cores busy, and each further worker imports the pipeline again (3 workers spent
// ~4.5 CPU-s more). Transformed modules are kept between runs (vitest's experimental fsModuleCache, in
// node_modules/.experimental-vitest-cache; `npx vitest --clearCache` empties it): a rerun skips ~8 CPU-s of transforms.
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
    maxWorkers: 2,
    experimental: { fsModuleCache: true },
    sequence: { sequencer: SlowFirst },
    // fixtures several files need, built once for both workers (test/support/build-once.ts)
    globalSetup: ['test/support/require-shared.ts', 'test/support/fixtures-setup.ts'],
  },
});
