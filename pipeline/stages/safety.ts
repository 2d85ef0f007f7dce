// PLACEHOLDER until its owner lands: safety scores (nudity, faces, text PII). Passes every item through unchanged.
import type { Stage } from './stage.js';

export function safetyStage(): Stage {
  return { name: 'safety', version: '0', runsOn: 'candidate', async process() {} };
}
