// Test file order for `npm test`: longest first across all projects, so the slow files start while the many short
// ones fill the other workers. Durations come from vitest's cache of the last run here, else from the measured table
// (test/support/known-durations.ts: a fresh clone has no cache), else a per-project guess.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { KNOWN_SECONDS } from './known-durations.js';

/** Seconds for a file in neither the cache nor the table: a Workers-pool file starts its own miniflare (~5 s busy). */
const GUESS: Record<string, number> = { edge: 5 };

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      return cached ? cached.duration / 1000 : (KNOWN_SECONDS[path] ?? GUESS[spec.project.name] ?? 1);
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
