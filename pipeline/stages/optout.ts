// PLACEHOLDER until its owner lands: opt-out signals known before fetching (registry, ai.txt, TDM-Rep, withdrawals by id). Passes every item through unchanged.
import type { Stage } from './stage.js';

export function optoutStage(): Stage {
  return { name: 'optout', version: '0', runsOn: 'candidate', async process() {} };
}
