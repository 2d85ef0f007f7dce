// Locates ../shared (corpus and models) for tests; tests skip with a clear message when it is absent (under CI the run
// fails instead: test/support/require-shared.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const corpusDir = resolve(process.env.CLEARANCE_CORPUS ?? resolve(repoRoot, '../shared/corpus'));
export const modelsDir = resolve(process.env.CLEARANCE_MODELS ?? resolve(repoRoot, '../shared/models'));
export const hasCorpus = existsSync(corpusDir);
export const hasModels = existsSync(modelsDir);

export function skipMessage(what: 'corpus' | 'models'): string {
  const dir = what === 'corpus' ? corpusDir : modelsDir;
  const env = what === 'corpus' ? 'CLEARANCE_CORPUS' : 'CLEARANCE_MODELS';
  return `skipped: ${what} not found at ${dir} (set ${env} to the shared ${what} directory)`;
}
