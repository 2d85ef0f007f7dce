// Test file order for `npm test`: one project's files after another's, longest first within each, so the slow files
// start while the many short ones fill the other workers. Projects stay together because vitest's pool keeps a worker
// (isolate: false) only while the next queued file belongs to the same project: interleaved, every switch stopped a
// worker and started another (a whole run started 33 Node workers and re-imported the Worker's modules into a new
// workerd again and again). Durations come from vitest's cache of the last run here, else from the measured table
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
    // the project with the most seconds first (its slowest files are the run's critical path), then the next
    const total = new Map<string, number>();
    for (const f of files) total.set(f.project.name, (total.get(f.project.name) ?? 0) + seconds(f));
    const rank = (f: TestSpecification) => total.get(f.project.name)!;
    return [...files].sort((a, b) => rank(b) - rank(a) || a.project.name.localeCompare(b.project.name) || seconds(b) - seconds(a));
  }
}
