// Fixtures built once per test run and shared by every file that asks: the first asker builds, the others wait.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by the run's global setup (test/support/fixtures-setup.ts): the directory where shared fixtures are built. */
export const SHARED_FIXTURES_ENV = 'TEST_SHARED_FIXTURES';

/** The directory of the fixture `name` (unique per kind and arguments), built by `build(dir)` in the first test file of
 *  the run that asks (others wait for it, up to 280 s); undefined without the run's global setup (build your own). */
export async function buildOnce(name: string, build: (dir: string) => Promise<void>): Promise<string | undefined> {
  const root = process.env[SHARED_FIXTURES_ENV];
  if (!root) return undefined;
  const dir = join(root, name);
  const [built, failed] = [join(dir, '.built'), join(dir, '.failed')];
  if (await claim(dir)) {
    try {
      await build(dir);
      await writeFile(built, '');
    } catch (err) {
      await writeFile(failed, err instanceof Error ? (err.stack ?? err.message) : String(err));
      throw err;
    }
    return dir;
  }
  for (const deadline = Date.now() + 280_000; !existsSync(built); await new Promise((r) => setTimeout(r, 100))) {
    if (existsSync(failed)) throw new Error(`shared fixture ${name} failed to build in another test file:\n${await readFile(failed, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`shared fixture ${name}: still not built in ${dir}`);
  }
  return dir;
}

const own = new Map<string, Promise<string>>();

/** The directory of the fixture `name`: the run's (buildOnce) or, without the run's global setup, one this process
 *  builds once into a temporary directory. */
export async function fixtureDir(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const shared = await buildOnce(name, build);
  if (shared) return shared;
  let dir = own.get(name);
  if (!dir) {
    dir = mkdtemp(join(tmpdir(), `clearance-${name}-`)).then(async (d) => {
      await build(d);
      return d;
    });
    own.set(name, dir);
  }
  return dir;
}

/** True for the one caller that creates `dir` (and so builds into it). */
async function claim(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}
