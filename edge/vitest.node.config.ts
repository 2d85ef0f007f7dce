// Node-side checks of the edge (need child processes): generated Worker types and migrations are up to date.
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'edge-node',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/edge/**/*.node.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
  },
});
