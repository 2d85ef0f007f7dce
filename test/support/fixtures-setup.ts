// Once per test run (npm test and test:quick): the directory where fixtures are built once and shared by every file
// and worker of the run (test/support/build-once.ts), removed at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_FIXTURES_ENV } from './build-once.js';

export default async function setup(): Promise<() => Promise<void>> {
  const fixtures = await mkdtemp(join(tmpdir(), 'clearance-test-fixtures-'));
  process.env[SHARED_FIXTURES_ENV] = fixtures;
  return async () => {
    delete process.env[SHARED_FIXTURES_ENV];
    await rm(fixtures, { recursive: true, force: true });
  };
}
