// The e2e tests' common start: a sample release built into out/ (once per run, copied per test), beside the state, dist
// and env file wrangler dev uses.
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import { startDevServer, type DevServer } from '../support/dev-server.js';
import { buildOnce } from '../support/build-once.js';
import { writeEnvFile } from '../support/dev-vars.js';
import { clearance } from './cli.js';

export interface SampleStack {
  tmp: string;
  release: string;
  out: string;
  cache: string;
  persist: string;
  dist: string;
  envFile: string;
  records: CatalogRecord[];
}

/** `clearance sample --count 4` and `clearance build` (release, output and cache) in `dir`. */
async function sampleBuild(dir: string): Promise<void> {
  await clearance(['sample', join(dir, 'release'), '--count', '4']);
  await clearance(['build', join(dir, 'release'), '--out', join(dir, 'out'), '--cache', join(dir, 'cache')]);
}

/** A built sample in a new temp dir: a copy of the run's one (built once, test/support/build-once.ts), so each test may
 *  change its release and rebuild; the admin token and a signing secret go into the env file. */
export async function builtSample(prefix: string, adminToken: string): Promise<SampleStack> {
  const tmp = await mkdtemp(join(tmpdir(), prefix));
  const s: SampleStack = {
    tmp,
    release: join(tmp, 'release'),
    out: join(tmp, 'out'),
    cache: join(tmp, 'cache'),
    persist: join(tmp, 'state'),
    dist: join(tmp, 'dist'),
    envFile: join(tmp, 'test.env'),
    records: [],
  };
  await writeEnvFile(s.envFile, adminToken);
  const shared = await buildOnce('e2e-sample-4', sampleBuild);
  if (shared) for (const part of ['release', 'out', 'cache'] as const) await cp(join(shared, part), s[part], { recursive: true });
  else await sampleBuild(tmp);
  s.records = (await readFile(join(s.out, 'catalog.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as CatalogRecord);
  return s;
}

/** The dev server (test/support/dev-server.ts) on a free port over the stack’s state and dist. */
export async function serveStack(s: SampleStack): Promise<DevServer> {
  return startDevServer({ persistTo: s.persist, envFile: s.envFile, assets: s.dist });
}
