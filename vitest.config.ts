// Test projects: `node` (unit and in-process tests: the edit loop, `npm run test:quick`), `models` (the real ML models
// on real images: ONNX Runtime, the tfjs reference, Tesseract), `system` (real Chromium, wrangler dev, killed child
// processes), and the edge in the Workers pool plus its Node-side checks. `npm test` runs them all, longest files first
// (test/support/sequencer.ts), on a few workers (many system tests wait on child processes).
import { configDefaults, defineConfig } from 'vitest/config';
import { useRamTmpdir } from './test/support/ram-tmpdir.js';
import { SlowFirst } from './test/support/sequencer.js';

// Temp files in RAM when a tmpfs has room (test/support/ram-tmpdir.ts): before any worker or child process starts.
useRamTmpdir();

/** Tests that drive real processes besides this one: such a test goes under test/e2e/ or is listed here. */
const SYSTEM = [
  'test/e2e/**/*.test.ts',
  'test/site/{build,budget,gallery,item,search}.test.ts',
  'test/pipeline/runner/atomic-output.test.ts',
  'test/pipeline/publish/{publish,resume}.test.ts',
  'test/pipeline/commands/{bin,build-progress,pull}.test.ts',
  // hostile inputs: parser cases in killed workers, CLI runs SIGKILLed at their deadline, special files
  'test/hostile/**/*.test.ts',
];

/** Tests that run the real safety models (seconds of inference each): in `npm test`, not in the edit loop. */
const MODELS = [
  'test/pipeline/models/{keras-to-onnx,nsfw-fidelity,nsfw-int8,yunet-any-size}.test.ts',
  'test/pipeline/safety/{inference-client,pixel-text,published-real}.test.ts',
  'test/pipeline/stages/safety.test.ts',
];

// expect.poll waits up to 10 s (default 1 s): browser pages under a loaded CI machine need more than a second to settle.
const common = { environment: 'node', pool: 'forks', isolate: false, testTimeout: 120_000, hookTimeout: 300_000, expect: { poll: { timeout: 10_000 } } } as const;

export default defineConfig({
  test: {
    maxWorkers: 3,
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        test: {
          ...common,
          name: 'node',
          include: ['test/pipeline/**/*.test.ts', 'test/site/**/*.test.ts', 'test/architecture/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SYSTEM, ...MODELS],
          globalSetup: ['test/support/require-shared.ts'],
        },
      },
      {
        test: {
          ...common,
          name: 'models',
          include: MODELS,
          globalSetup: ['test/support/require-shared.ts'],
        },
      },
      {
        test: {
          ...common,
          name: 'system',
          include: SYSTEM,
          globalSetup: ['test/support/require-shared.ts', 'test/support/global-setup.ts'],
        },
      },
      './edge/vitest.config.ts',
      './edge/vitest.node.config.ts',
    ],
  },
});
