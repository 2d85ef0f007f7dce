// Finds a registry model: the models directory, then the cache, else download into the cache with a SHA-256 check.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelSpec } from './registry.js';
import { modelCacheDir, modelMirror, modelsDir } from '../util/config.js';
import { downloadVerified } from './download.js';

export class ModelMissingError extends Error {
  constructor(spec: ModelSpec, dirs: string[], cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `model ${spec.file} not found in ${dirs.join(' or ')} and could not be downloaded from ${spec.url} (${why}); ` +
        `set CLEARANCE_MODELS to a directory containing ${spec.file}, or CLEARANCE_SAFETY=off to build without safety scores`,
    );
    this.name = 'ModelMissingError';
  }
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface LocateOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides the registry URL (tests point it at a local server). */
  url?: string;
  /** Verify the SHA-256 of a file found in the models dir or cache too (default true; files are small). */
  verifyLocal?: boolean;
}

/** Returns the path of a verified copy of the model, downloading it into the cache when needed. */
export async function locateModel(spec: ModelSpec, opts: LocateOptions = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const dirs = [modelsDir(env), modelCacheDir(env)];
  for (const dir of dirs) {
    const path = join(dir, spec.file);
    if (!existsSync(path)) continue;
    if (opts.verifyLocal === false) return path;
    const actual = await fileSha256(path);
    if (actual === spec.sha256) return path;
    throw new Error(`model ${path} has sha256 ${actual}, expected ${spec.sha256} (${spec.name}); replace the file or remove it`);
  }
  const dest = join(modelCacheDir(env), spec.file);
  // CLEARANCE_MODEL_MIRROR: a base URL serving the registry's file names (an internal mirror).
  const base = modelMirror(env);
  const mirror = base ? `${base}/${spec.file}` : undefined;
  const url = opts.url ?? mirror ?? spec.url;
  try {
    await downloadVerified(url, dest, spec.sha256);
  } catch (err) {
    throw new ModelMissingError({ ...spec, url }, dirs, err);
  }
  return dest;
}
