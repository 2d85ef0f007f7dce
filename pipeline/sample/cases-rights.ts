// PLACEHOLDER until its owner lands: sample-release cases for the rights checks.
import type { CaseModule } from './case.js';

export const rightsCases: CaseModule = async () => ({ cases: [] });
