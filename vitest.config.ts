// `npm test`: every test, in two kinds of runtime. `node`: every Node-side test in one project, so a worker process
// imports the pipeline once for all of them (unit and in-process tests, the real safety models, and the system tests
// that drive Chromium, `wrangler dev` and killed child processes; the groups are in test/support/test-groups.ts);
// `edge`: the Worker's tests in the Workers pool. Longest files first (test/support/sequencer.ts) on three workers
// (many system tests wait on child processes). `npm run test:quick` is vitest.quick.config.ts.
import { defineConfig } from 'vitest/config';
import { useRamTmpdir } from './test/support/ram-tmpdir.js';
import { SlowFirst } from './test/support/sequencer.js';
import { EDGE_NODE, MANY_BUILDS, MODELS, nodeTestOptions, QUICK, SYSTEM } from './test/support/test-groups.js';

// Temp files in RAM when a tmpfs has room (test/support/ram-tmpdir.ts): before any worker or child process starts.
useRamTmpdir();

export default defineConfig({
  test: {
    maxWorkers: 3,
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        test: {
          ...nodeTestOptions,
          name: 'node',
          include: [...QUICK, ...SYSTEM, ...MODELS, ...MANY_BUILDS, ...EDGE_NODE],
          // ../shared must be there under CI; the folder for fixtures built once (each worker starts its own Chromium)
          globalSetup: ['test/support/require-shared.ts', 'test/support/fixtures-setup.ts'],
        },
      },
      './edge/vitest.config.ts',
    ],
  },
});
