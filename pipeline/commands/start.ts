// `clearance start` (npm start): sample release → build → publish --local → site → .dev.vars → wrangler dev → demo key.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AdminClient } from '../dev/admin-client.js';
import { ensureDemoAccount } from '../dev/demo-account.js';
import { ensureAdminToken } from '../dev/dev-vars.js';
import { fingerprint, StepStamps } from '../dev/fingerprint.js';
import { portIsFree } from '../dev/free-port.js';
import { printReady } from '../dev/ready-banner.js';
import { startWranglerDev } from '../dev/wrangler-dev.js';
import { CliError } from '../util/cli-error.js';

type Run = (argv: string[]) => Promise<number>;

async function step(name: string, fn: () => Promise<string | void>): Promise<void> {
  const t0 = Date.now();
  process.stdout.write(`▸ ${name}\n`);
  const note = await fn();
  console.log(`  ${name}: ${note ?? 'done'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

async function sub(load: () => Promise<{ run: Run }>, argv: string[]): Promise<void> {
  const code = await (await load()).run(argv);
  if (code !== 0) throw new CliError(`clearance ${argv.join(' ')} exited with ${code}`, code);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      release: { type: 'string', default: 'sample-release' },
      out: { type: 'string', default: 'out' },
      port: { type: 'string', default: '8787' },
      count: { type: 'string' },
      'no-serve': { type: 'boolean', default: false },
    },
  });
  const root = process.cwd();
  if (!existsSync(join(root, 'wrangler.toml'))) throw new CliError('run npm start from the repository root (no wrangler.toml here)');
  const started = Date.now();
  const release = resolve(values.release);
  const out = resolve(values.out);
  const port = Number(values.port);
  const stamps = await new StepStamps(join(root, '.wrangler', 'clearance-start.json')).load();

  if (!(await portIsFree(port))) throw new CliError(`port ${port} on 127.0.0.1 is in use (another npm start?); stop it or pass --port`);

  await step('sample release', async () => {
    if (existsSync(join(release, 'release.json'))) return `using ${values.release}/`;
    await sub(() => import('./sample.js'), [release, ...(values.count ? ['--count', values.count] : [])]);
    return `generated ${values.release}/`;
  });

  await step('build', async () => {
    const print = await fingerprint([release, join(root, 'pipeline')], root);
    if (stamps.fresh('build', print) && existsSync(join(out, 'catalog.jsonl'))) return 'up to date (release and pipeline unchanged)';
    await sub(() => import('./build.js'), [release, '--out', out]);
    await stamps.record('build', print);
  });

  await step('publish --local', () => sub(() => import('./publish.js'), [out, '--local']));

  await step('site', async () => {
    const print = await fingerprint([join(out, 'catalog.jsonl'), join(out, 'report.json'), join(root, 'site', 'src'), join(root, 'astro.config.mjs')], root);
    if (stamps.fresh('site', print) && existsSync(join(root, 'site', 'dist', 'index.html'))) return 'up to date (catalogue and site unchanged)';
    await sub(() => import('./site.js'), [out, '--dist', join(root, 'site', 'dist')]);
    await stamps.record('site', print);
  });

  const { token, created } = await ensureAdminToken(join(root, '.dev.vars'));
  console.log(created ? '  .dev.vars: created with a random ADMIN_TOKEN' : '  .dev.vars: using the existing ADMIN_TOKEN');
  if (values['no-serve']) return 0;

  console.log(`▸ wrangler dev on http://127.0.0.1:${port}`);
  const dev = await startWranglerDev({ cwd: root, port, output: 'inherit' });
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`\nstopping (${signal})…`);
    void dev.stop('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
