// Opens the publish back-end a command asked for: local Miniflare state or the remote account through wrangler.
import { dirname, resolve } from 'node:path';
import { readServeLock } from './serve-lock.js';
import { CliError } from '../util/cli-error.js';
import { openLocalTarget } from './local-target.js';
import { openRemoteTarget } from './remote-target.js';
import type { PublishTarget } from './target.js';
import { readEdgeConfig } from './wrangler-config.js';

export interface TargetOptions {
  mode: 'local' | 'remote';
  /** wrangler config file (default ./wrangler.toml). */
  config?: string;
  /** Local state root, as `wrangler dev --persist-to` (default .wrangler/state beside the config). */
  persistTo?: string;
}

export async function openTarget(opts: TargetOptions): Promise<PublishTarget> {
  const config = await readEdgeConfig(resolve(opts.config ?? 'wrangler.toml'));
  if (opts.mode === 'remote') return openRemoteTarget(config);
  const persistTo = resolve(opts.persistTo ?? resolve(dirname(config.configPath), '.wrangler/state'));
  const serving = readServeLock(persistTo);
  if (serving) {
    throw new CliError(`wrangler dev (pid ${serving.pid}, ${serving.url}) is serving ${persistTo}: stop it first (Ctrl-C in npm start), then publish; npm start publishes out/ itself`);
  }
  return openLocalTarget(config, persistTo);
}
