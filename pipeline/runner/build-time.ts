// The time a build records (catalogue `retrievedAt`, report `builtAt`): SOURCE_DATE_EPOCH (seconds) when set, else now.
import { sourceDateEpoch, type Env } from '../util/config.js';

/** SOURCE_DATE_EPOCH makes builds reproducible: shards built at different times, or a whole build, record the same time. */
export function buildTime(env: Env = process.env): string {
  const epoch = sourceDateEpoch(env);
  return epoch !== undefined ? new Date(epoch * 1000).toISOString() : new Date().toISOString();
}
