// Reads the D1 database and R2 bucket that publish writes to from wrangler.toml (wrangler's own config reader).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from '../util/cli-error.js';
import { wranglerApi } from './wrangler-api.js';

export interface EdgeConfig {
  /** Absolute path of the wrangler config file. */
  configPath: string;
  db: {
    binding: string;
    name: string;
    /** The id `wrangler dev` keys local state by (preview id when set, else the id). */
    localId: string;
    /** database_id as configured (the deployed database), if any. */
    remoteId?: string;
    migrationsDir: string;
    migrationsTable: string;
  };
  bucket: { binding: string; name: string; localName: string };
}

export async function readEdgeConfig(configPath = resolve('wrangler.toml')): Promise<EdgeConfig> {
  if (!existsSync(configPath)) throw new CliError(`no wrangler config at ${configPath}`);
  const { unstable_readConfig } = wranglerApi();
  const config = unstable_readConfig({ config: configPath }, { hideWarnings: true });
  const d1 = config.d1_databases[0];
  const r2 = config.r2_buckets[0];
  if (!d1?.database_name) throw new CliError(`${configPath} declares no [[d1_databases]] with a database_name`);
  if (!r2?.bucket_name) throw new CliError(`${configPath} declares no [[r2_buckets]] with a bucket_name`);
  const root = dirname(configPath);
  return {
    configPath,
    db: {
      binding: d1.binding,
      name: d1.database_name,
      localId: d1.preview_database_id ?? d1.database_id ?? d1.binding,
      remoteId: d1.database_id,
      migrationsDir: resolve(root, d1.migrations_dir ?? 'migrations'),
      migrationsTable: d1.migrations_table ?? 'd1_migrations',
    },
    bucket: { binding: r2.binding, name: r2.bucket_name, localName: r2.preview_bucket_name ?? r2.bucket_name },
  };
}
