// Where model files are looked for (CLEARANCE_MODELS) and cached (CLEARANCE_MODEL_CACHE).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The shared models directory: CLEARANCE_MODELS, default ../shared/models beside the repository. */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CLEARANCE_MODELS ?? resolve(repoRoot, '../shared/models'));
}

/** Downloaded and converted models: CLEARANCE_MODEL_CACHE, default $XDG_CACHE_HOME or ~/.cache, /clearance/models. */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLEARANCE_MODEL_CACHE) return resolve(env.CLEARANCE_MODEL_CACHE);
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'clearance', 'models');
}
