// Test file order for `npm test`: longest first across all projects, so the slow files start while the many short
// ones fill the other workers. Durations come from vitest's cache of the last run here, else from the table below
// (measured; a fresh clone has no cache), else a second.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds a file took in a whole run on 2 busy cores (npm test, 2026-12); only files over ~3 s are worth listing. */
const KNOWN: Record<string, number> = {
  'test/e2e/pages-r2.test.ts': 55,
  'test/e2e/stack.test.ts': 50,
  'test/pipeline/publish/resume.test.ts': 29,
  'test/site/search.test.ts': 25,
  'test/site/build.test.ts': 25,
  'test/e2e/console-browser.test.ts': 21,
  'test/site/gallery.test.ts': 16,
  'test/pipeline/runner/merge-shards.test.ts': 14,
  'test/pipeline/publish/publish.test.ts': 13,
  'test/pipeline/models/nsfw-fidelity.test.ts': 10,
  'test/site/item.test.ts': 9,
  'test/pipeline/runner/atomic-output.test.ts': 9,
  'test/site/budget.test.ts': 7,
  'test/pipeline/commands/bin.test.ts': 7,
  'test/edge/routes/console-access.test.ts': 6,
  'test/edge/generated.node.test.ts': 5,
  'test/pipeline/publish/site-pages.test.ts': 5,
  'test/edge/fuzz.test.ts': 4,
  'test/edge/http/metered-download.test.ts': 4,
  'test/pipeline/commands/start.test.ts': 3,
  'test/pipeline/rights/tate.test.ts': 3,
};

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      return cached ? cached.duration / 1000 : (KNOWN[path] ?? 1);
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
