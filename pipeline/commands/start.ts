// `clearance start` (npm start): demo release (or the generated sample with --count) → pull --local → build → site → publish --local → .dev.vars → wrangler dev → demo key.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgsOrExplain } from '../util/parse-args.js';
import { AdminClient } from '../admin/admin-client.js';
import { ensureDemoAccount } from '../dev/demo-account.js';
import { ensureAdminToken } from '../dev/dev-vars.js';
import { fingerprint, StepStamps } from '../dev/fingerprint.js';
import { watchLaunchers } from '../dev/launcher-watch.js';
import { portIsFree } from '../dev/free-port.js';
import { printReady } from '../dev/ready-banner.js';
import { startWranglerDev } from '../dev/wrangler-dev.js';
import { CliError } from '../util/cli-error.js';
import { modelCacheDir, modelsDir, setting } from '../util/config.js';
import { YUNET } from '../models/registry.js';
import { ensureDemoCopy } from '../sample/demo-release.js';

function faceModelAvailable(): boolean {
  return [modelsDir(), modelCacheDir()].some((dir) => existsSync(join(dir, YUNET.file)));
}

type Run = (argv: string[]) => Promise<number>;

async function step(name: string, fn: () => Promise<string | void>): Promise<void> {
  const t0 = Date.now();
  process.stdout.write(`▸ ${name}\n`);
  const note = await fn();
  console.log(`  ${name}: ${note ?? 'done'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** Runs `clearance <args>` in a child process with this terminal's output. */
function runChild(args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin.mjs'), ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolvePromise() : reject(new CliError(`clearance ${args[0]} failed (${signal ?? `exit ${code}`})`, code ?? 1))));
  });
}

async function sub(load: () => Promise<{ run: Run }>, argv: string[]): Promise<void> {
  const code = await (await load()).run(argv);
  if (code !== 0) throw new CliError(`clearance ${argv.join(' ')} exited with ${code}`, code);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgsOrExplain({
    args: argv,
    options: {
      release: { type: 'string' },
      out: { type: 'string', default: 'out' },
      port: { type: 'string', default: '8787' },
      count: { type: 'string' },
      'no-serve': { type: 'boolean', default: false },
    },
  });
  const root = process.cwd();
  const signalListeners = new Map((['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => [sig, process.listeners(sig)]));
  if (!existsSync(join(root, 'wrangler.toml'))) throw new CliError('run npm start from the repository root (no wrangler.toml here)');
  const started = Date.now();
  // Default: the committed demo of real works (a working copy in demo-release/); --count: the generated sample.
  const releaseName = values.release ?? (values.count ? 'sample-release' : 'demo-release');
  const release = resolve(releaseName);
  const out = resolve(values.out);
  const port = Number(values.port);
  const stamps = await new StepStamps(join(root, '.wrangler', 'clearance-start.json')).load();

  if (!(await portIsFree(port))) throw new CliError(`port ${port} on 127.0.0.1 is in use (another npm start?); stop it or pass --port`);

  await step('release', async () => {
    if (!values.release && !values.count) return `${await ensureDemoCopy(release)} ${releaseName}/ (100 USDA Pomological Watercolors, public domain)`;
    if (existsSync(join(release, 'release.json'))) return `using ${releaseName}/`;
    await sub(() => import('./sample.js'), [release, ...(values.count ? ['--count', values.count] : [])]);
    return `generated ${releaseName}/`;
  });

  // Safety models come from ../shared/models (or CLEARANCE_MODELS / the cache). Without them the demo still runs,
  // with scores off and said so, rather than stopping; `clearance build` itself refuses to run without them.
  if (!setting('CLEARANCE_SAFETY') && !faceModelAvailable()) {
    process.env.CLEARANCE_SAFETY = 'off';
    console.log(`start: no face model in ${modelsDir()} or ${modelCacheDir()}: building with CLEARANCE_SAFETY=off (no safety scores); set CLEARANCE_MODELS to enable them`);
  }

  // Moderators' decisions and withdrawals made in the console since the last run go into the release before it is built.
  await step('pull --local', async () => {
    const state = join(root, '.wrangler', 'state');
    if (!existsSync(join(state, 'v3', 'd1'))) return 'no local state yet (first run): nothing to pull';
    await sub(() => import('./pull.js'), [release, '--local']);
  });

  await step('build', async () => {
    const print = await fingerprint([release, join(root, 'pipeline')], root);
    if (stamps.fresh('build', print) && existsSync(join(out, 'catalog.jsonl'))) return 'up to date (release and pipeline unchanged)';
    await sub(() => import('./build.js'), [release, '--out', out]);
    await stamps.record('build', print);
  });

  await step('site', async () => {
    const print = await fingerprint([join(out, 'catalog.jsonl'), join(root, 'site', 'src'), join(root, 'site', 'generator')], root);
    if (stamps.fresh('site', print) && existsSync(join(root, 'site', 'dist', 'index.html'))) return 'up to date (catalogue and site unchanged)';
    // A child process: the Pagefind processes and the records' memory end with it.
    await runChild(['site', out, '--dist', join(root, 'site', 'dist')]);
    await stamps.record('site', print);
  });

  await step('publish --local', async () => {
    // Publishing the same output again changes nothing; skip it unless the output, the migrations or the state changed.
    const state = join(root, '.wrangler', 'state', 'v3');
    // With the site: its item pages go to R2 when it leaves them out of the static assets (a very large catalogue).
    const dist = join(root, 'site', 'dist');
    const print = await fingerprint(
      [join(out, 'catalog.jsonl'), join(out, 'decisions.jsonl'), join(out, 'reviews.jsonl'), join(root, 'edge', 'migrations'), join(dist, '.assetsignore'), join(root, 'site', 'src'), join(root, 'site', 'generator')],
      root,
    );
    const stateThere = existsSync(join(state, 'd1')) && existsSync(join(state, 'r2'));
    if (stamps.fresh('publish', print) && stateThere) return 'up to date (same output already published)';
    await sub(() => import('./publish.js'), [out, '--local', '--site', dist]);
    await stamps.record('publish', print);
  });

  const { token, created } = await ensureAdminToken(join(root, '.dev.vars'));
  console.log(created ? '  .dev.vars: created with a random ADMIN_TOKEN' : '  .dev.vars: using the existing ADMIN_TOKEN');
  if (values['no-serve']) return 0;

  console.log(`▸ wrangler dev on http://127.0.0.1:${port}`);
  // Steps run in-process may have left signal listeners (e.g. one that exits): ours alone decide from here.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) for (const l of process.listeners(sig)) if (!signalListeners.get(sig)?.includes(l)) process.off(sig, l);
  const dev = await startWranglerDev({ cwd: root, port, output: 'inherit', ownGroup: false });
  // Ctrl-C reaches us twice (from the terminal and relayed by tsx): handle every delivery, stop once.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nstopping (${signal})…`);
    void dev.stop('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  watchLaunchers(() => stop('SIGHUP'));
  // If this process dies some other way, startWranglerDev's own 'exit' hook still stops wrangler.
  try {
    const demo = await ensureDemoAccount(new AdminClient(dev.url, token), join(root, '.wrangler', 'clearance-demo.json'));
    const catalog = (await readFile(join(out, 'catalog.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const first = catalog.length ? (JSON.parse(catalog[0] as string) as { id: string; format: string }) : undefined;
    printReady({ url: dev.url, demo, item: first, seconds: (Date.now() - started) / 1000 });
  } catch (err) {
    await dev.stop();
    throw err;
  }
  const [code, signal] = (await new Promise((r) => dev.child.once('exit', (c, s) => r([c, s])))) as [number | null, NodeJS.Signals | null];
  return signal || code === null ? 0 : code;
}
