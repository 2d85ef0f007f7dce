// PLACEHOLDER until its owner lands: opt-out and licence signals carried by the fetched image (headers, IPTC/XMP/C2PA, sha256 lists). Passes every item through unchanged.
import type { Stage } from './stage.js';

export function contentSignalsStage(): Stage {
  return { name: 'content-signals', version: '0', runsOn: 'candidate', async process() {} };
}
