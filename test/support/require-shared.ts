// Global setup: under CI a missing ../shared (corpus, models) fails the run with one clear message instead of
// letting the tests that read it skip; locally those tests skip and say why in their names.
import { corpusDir, hasCorpus, hasModels, modelsDir } from './shared.js';

export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => !!env.CI && env.CI !== 'false' && env.CI !== '0';

export default function requireShared(): void {
  if (!inCi()) return;
  const missing = [
    hasCorpus ? '' : `the corpus (${corpusDir}; CLEARANCE_CORPUS overrides it)`,
    hasModels ? '' : `the models (${modelsDir}; CLEARANCE_MODELS overrides it)`,
  ].filter(Boolean);
  if (missing.length) {
    throw new Error(`CI=${process.env.CI}: ${missing.join(' and ')} not found. The tests that read ../shared would be skipped; in CI they must run: put shared/ beside the repository.`);
  }
}
