// Test projects: plain Node for pipeline, site and end-to-end tests; the Workers pool for the edge.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/pipeline/**/*.test.ts', 'test/site/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/hostile/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
        },
      },
      './edge/vitest.config.ts',
      './edge/vitest.node.config.ts',
    ],
  },
});
