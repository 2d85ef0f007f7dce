// Which test files run where, shared by vitest.config.ts (`npm test`: every test) and vitest.quick.config.ts (the edit
// loop), and the options every Node-side test file runs with.
import { configDefaults } from 'vitest/config';

/** Unit and in-process tests: the edit loop (`npm run test:quick`) runs these, less SYSTEM and MODELS. */
export const QUICK = ['test/pipeline/**/*.test.ts', 'test/site/**/*.test.ts', 'test/architecture/**/*.test.ts'];

/** Tests that drive real processes besides this one: such a test goes under test/e2e/ or is listed here. */
export const SYSTEM = [
  'test/e2e/**/*.test.ts',
  'test/site/{build,budget,gallery,item,search}.test.ts',
  'test/pipeline/runner/atomic-output.test.ts',
  'test/pipeline/publish/{publish,resume}.test.ts',
  'test/pipeline/commands/{bin,build-progress,pull,start}.test.ts',
  // hostile inputs: parser cases in killed workers, CLI runs SIGKILLed at their deadline, special files
  'test/hostile/**/*.test.ts',
];

/** Tests that run the real safety models (seconds of inference each): in `npm test`, not in the edit loop. */
export const MODELS = [
  'test/pipeline/models/{keras-to-onnx,nsfw-fidelity,nsfw-int8,yunet-any-size}.test.ts',
  'test/pipeline/safety/{inference-client,pixel-text,published-real}.test.ts',
  'test/pipeline/stages/safety.test.ts',
];

/** In-process tests that run many whole builds of the 113-item sample (merge-shards: six, ~10 CPU-s): in `npm test`,
 *  not in the edit loop. */
export const MANY_BUILDS = ['test/pipeline/runner/merge-shards.test.ts'];

/** Node-side checks of the edge (child processes): generated Worker types and migrations are up to date. */
export const EDGE_NODE = ['test/edge/**/*.node.test.ts'];

/** The edit loop's files: QUICK without SYSTEM, MODELS and MANY_BUILDS. */
export const quickExclude = [...configDefaults.exclude, ...SYSTEM, ...MODELS, ...MANY_BUILDS];

// One fork serves many files (isolate: false): a file must not leave global state behind. expect.poll waits up to
// 10 s (default 1 s): browser pages under a loaded CI machine need more than a second to settle.
export const nodeTestOptions = {
  environment: 'node',
  pool: 'forks',
  isolate: false,
  testTimeout: 120_000,
  hookTimeout: 300_000,
  expect: { poll: { timeout: 10_000 } },
} as const;
