// PLACEHOLDER until its owner lands: sample-release cases for the optout checks.
import type { CaseModule } from './case.js';

export const optoutCases: CaseModule = async () => ({ cases: [] });
