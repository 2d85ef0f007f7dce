// The time a build records (catalogue `retrievedAt`, report `builtAt`): SOURCE_DATE_EPOCH (seconds) when set, else now.

/** SOURCE_DATE_EPOCH makes builds reproducible: shards built at different times, or a whole build, record the same time. */
export function buildTime(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000).toISOString() : new Date().toISOString();
}
