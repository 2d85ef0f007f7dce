// Every environment variable Clearance reads, with its default and what it does, and one typed reader each: nothing
// else in pipeline/ or site/ reads process.env (test/architecture checks it; pipeline/README.md's table is VARIABLES).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from './cli-error.js';

/** Where settings are read from: process.env unless a caller (a test, a stage given `env`) passes another. */
export type Env = Readonly<Record<string, string | undefined>>;

const repoRoot = resolve(import.meta.dirname, '../..');

/** The documented variables: name → [default, what it does]. */
export const VARIABLES = {
  CLEARANCE_SAFETY: ['on', '`off`: build without the safety models; nudity and face scores are null, records say `models.safety: "off"`'],
  CLEARANCE_OCR: ['on', '`off`: no OCR of visible text (text PII is then read from metadata only); also off with `CLEARANCE_SAFETY=off`'],
  CLEARANCE_NSFW_BATCH: ['4', 'largest nudity-model batch; its first image waits ≤ 2 ms for more (whole number ≥ 1)'],
  CLEARANCE_SAFETY_DECODES: ['1', 'image decodes running beside inference in the safety stage (whole number ≥ 1)'],
  CLEARANCE_ORT_THREADS: ['1', 'onnxruntime intra-op threads per model session (whole number ≥ 1)'],
  CLEARANCE_FACE_MODEL: ['yunet', '`ultraface` switches the face detector'],
  CLEARANCE_NSFW_PRECISION: ['int8', '`float`: the nudity model as converted, unquantised (exact nsfwjs scores, ~1.5× its inference time)'],
  CLEARANCE_MODELS: ['`../shared/models` beside the repository', 'directory searched first for model files'],
  CLEARANCE_MODEL_CACHE: ['`$XDG_CACHE_HOME/clearance/models`', 'where downloaded and converted models are kept'],
  XDG_CACHE_HOME: ['`~/.cache`', 'base of the default model cache'],
  CLEARANCE_MODEL_MIRROR: ['(none)', 'base URL of a mirror serving the model registry’s file names'],
  CLEARANCE_ITEM_TIMEOUT_MS: ['60000', 'an item’s time budget in the stages, ms (0: none); over it the item is set aside as `image.timeout`'],
  CLEARANCE_FETCH_ALLOW_LOOPBACK: ['(unset)', '`1` lets fetches reach 127.0.0.0/8 and ::1 (tests, local servers); other private ranges stay refused'],
  SOURCE_DATE_EPOCH: ['(now)', 'the build time records carry, in seconds since 1970 (reproducible builds)'],
  CLEARANCE_DNT_API_KEY: ['(none)', '`clearance fetch-signals --registry`: API key of the Do Not Train registry'],
  CLEARANCE_DNT_API_URL: ['Spawning’s public endpoint', '`clearance fetch-signals --registry`: the registry endpoint (`--registry-url` wins)'],
  CLEARANCE_API_BASE: ['(same origin)', '`clearance site`: origin of the API the pages talk to (`--api-base` wins)'],
  CLEARANCE_PAGE_SIZE: ['48', '`clearance site`: cards per gallery page'],
  CLEARANCE_DEBUG: ['(unset)', '`clearance site`: any value prints the stack of a failure'],
  CLEARANCE_URL: ['http://127.0.0.1:8787', '`clearance admin`: the Worker to talk to (`--url` wins)'],
  ADMIN_TOKEN: ['`ADMIN_TOKEN` in `.dev.vars`', '`clearance admin`: the Worker’s admin token'],
  CLEARANCE_CORPUS: ['`../shared/corpus` beside the repository', 'the test corpus: read by `pipeline/sample/demo-curate.ts` (and by tests and benchmarks)'],
} as const satisfies Record<string, readonly [string, string]>;

export type Variable = keyof typeof VARIABLES;

/** A variable's value as set; the empty string counts as unset. */
export function setting(name: Variable, env: Env = process.env): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

/** A whole number ≥ `min` (a typo must stop the run with a message, not hang or unbatch a stage). */
function wholeNumber(name: Variable, env: Env, fallback: number, min: number, what: string): number {
  const raw = setting(name, env);
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new CliError(`${what}, got "${raw}"`);
  return n;
}

export const safetyOff = (env: Env = process.env): boolean => (setting('CLEARANCE_SAFETY', env) ?? '').toLowerCase() === 'off';

export const ocrOff = (env: Env = process.env): boolean => (setting('CLEARANCE_OCR', env) ?? '').toLowerCase() === 'off';

export const nsfwBatch = (env: Env = process.env, fallback = 4): number =>
  wholeNumber('CLEARANCE_NSFW_BATCH', env, fallback, 1, 'safety: CLEARANCE_NSFW_BATCH must be a whole number >= 1');

export const safetyDecodes = (env: Env = process.env): number =>
  wholeNumber('CLEARANCE_SAFETY_DECODES', env, 1, 1, 'safety: CLEARANCE_SAFETY_DECODES must be a whole number >= 1');

export const ortThreads = (env: Env = process.env): number =>
  wholeNumber('CLEARANCE_ORT_THREADS', env, 1, 1, 'safety: CLEARANCE_ORT_THREADS must be a whole number >= 1');

export const nsfwPrecision = (env: Env = process.env): 'int8' | 'float' => (setting('CLEARANCE_NSFW_PRECISION', env) === 'float' ? 'float' : 'int8');

export const faceModel = (env: Env = process.env): 'yunet' | 'ultraface' => (setting('CLEARANCE_FACE_MODEL', env) === 'ultraface' ? 'ultraface' : 'yunet');

/** The shared models directory. */
export const modelsDir = (env: Env = process.env): string => resolve(setting('CLEARANCE_MODELS', env) ?? resolve(repoRoot, '../shared/models'));

/** The test corpus (the demo release is curated from it). */
export const corpusDir = (env: Env = process.env): string => resolve(setting('CLEARANCE_CORPUS', env) ?? resolve(repoRoot, '../shared/corpus'));

/** Downloaded and converted models. */
export function modelCacheDir(env: Env = process.env): string {
  const dir = setting('CLEARANCE_MODEL_CACHE', env);
  return dir ? resolve(dir) : join(setting('XDG_CACHE_HOME', env) ?? join(homedir(), '.cache'), 'clearance', 'models');
}

/** Base URL of a model mirror, without trailing slashes. */
export const modelMirror = (env: Env = process.env): string | undefined => setting('CLEARANCE_MODEL_MIRROR', env)?.replace(/\/+$/, '');

export const itemTimeoutMs = (env: Env = process.env): number =>
  wholeNumber('CLEARANCE_ITEM_TIMEOUT_MS', env, 60_000, 0, 'CLEARANCE_ITEM_TIMEOUT_MS must be a whole number of milliseconds ≥ 0 (0: no limit)');

/** Read at every check, so a process (or a test) can switch it. */
export const fetchAllowLoopback = (env: Env = process.env): boolean => env.CLEARANCE_FETCH_ALLOW_LOOPBACK === '1';

/** SOURCE_DATE_EPOCH in seconds, when set to a number. */
export function sourceDateEpoch(env: Env = process.env): number | undefined {
  const raw = setting('SOURCE_DATE_EPOCH', env);
  return raw !== undefined && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
}

export const dntApiKey = (env: Env = process.env): string | undefined => setting('CLEARANCE_DNT_API_KEY', env);
export const dntApiUrl = (env: Env = process.env): string | undefined => env.CLEARANCE_DNT_API_URL;
export const apiBase = (env: Env = process.env): string | undefined => env.CLEARANCE_API_BASE;
export const pageSize = (env: Env = process.env): number => Number(env.CLEARANCE_PAGE_SIZE) || 48;
export const debug = (env: Env = process.env): boolean => !!env.CLEARANCE_DEBUG;
export const adminUrl = (env: Env = process.env): string => env.CLEARANCE_URL ?? 'http://127.0.0.1:8787';
export const adminToken = (env: Env = process.env): string | undefined => setting('ADMIN_TOKEN', env);

/** Every CLEARANCE_* variable set, documented or not, as sorted `name=value` lines: part of a build's fingerprint. */
export function clearanceSettings(env: Env = process.env): string {
  return Object.entries(env)
    .filter(([k]) => k.startsWith('CLEARANCE_'))
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
