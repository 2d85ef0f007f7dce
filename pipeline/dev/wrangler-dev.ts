// Runs `wrangler dev` as a child process: start on an address, wait until it answers, stop it and its workerd.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { wranglerBin } from '../publish/wrangler-runner.js';
import { removeServeLock, writeServeLock } from '../publish/serve-lock.js';

export interface WranglerDevOptions {
  cwd: string;
  /** A wrangler config other than the one in cwd (`--config`), e.g. one serving an already bundled Worker. */
  config?: string;
  ip?: string;
  /** The port to listen on; 'free': a free one, picked again for another attempt when a process started meanwhile takes
   *  it first (tests, where several servers and runtimes start side by side). */
  port: number | 'free';
  /** Local state root (default .wrangler/state beside wrangler.toml). */
  persistTo?: string;
  /** Static assets directory instead of wrangler.toml's (site/dist). */
  assets?: string;
  /** A .env-format file with secrets; without it wrangler reads .dev.vars beside wrangler.toml. */
  envFile?: string;
  /** Vars over wrangler.toml's [vars] (`--var NAME:value`), e.g. the dev-only VERIFY_SCHEME=http of the holder tests. */
  vars?: Record<string, string>;
  /** Where wrangler's own output goes: inherited (the user sees it) or kept for error messages. */
  output?: 'inherit' | 'capture';
  /** Own process group (default): stopped by group id. `false` (npm start): shares the terminal's group, so Ctrl-C
   *  reaches wrangler directly even if this process is killed first. */
  ownGroup?: boolean;
  /** wrangler's --log-level (default error: hides the offline "Request.cf" warning). */
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error' | 'none';
  timeoutMs?: number;
}

export interface WranglerDev {
  url: string;
  child: ChildProcess;
  /** Recent output (capture mode), for error messages. */
  log(): string;
  /** Stops wrangler (SIGTERM by default), then anything left in its process group (workerd), and waits. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `wrangler dev` and waits until it answers. When the process dies while starting (another `wrangler dev` or
 *  runtime starting at the same moment can take a port it picked), it is started again, up to three attempts in all;
 *  a given port already in use stays in use and is not retried (a 'free' one is picked anew), nor is a server that
 *  never answers. */
export async function startWranglerDev(opts: WranglerDevOptions): Promise<WranglerDev> {
  for (let attempt = 1; ; attempt++) {
    const port = opts.port === 'free' ? await freePort(opts.ip) : opts.port;
    try {
      return await startOnce({ ...opts, port });
    } catch (err) {
      const ownPortBusy = err instanceof Error && err.message.includes(`Address already in use (${opts.ip ?? '127.0.0.1'}:${port})`);
      if (!(err instanceof ExitedWhileStarting) || (ownPortBusy && opts.port !== 'free') || attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

class ExitedWhileStarting extends Error {}

async function startOnce(opts: WranglerDevOptions & { port: number }): Promise<WranglerDev> {
  const ip = opts.ip ?? '127.0.0.1';
  const args = [wranglerBin(), 'dev', '--ip', ip, '--port', String(opts.port), '--local', '--show-interactive-dev-session=false', '--log-level', opts.logLevel ?? 'error'];
  // the devtools inspector on a port of its own: two servers starting at once both took the default 9229, and one died
  args.push('--inspector-port', String(await freePort()));
  if (opts.config) args.push('--config', opts.config);
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  if (opts.envFile) args.push('--env-file', opts.envFile);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  if (opts.assets) args.push('--assets', opts.assets);
  const ownGroup = opts.ownGroup ?? true;
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    detached: ownGroup,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    stdio: opts.output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  const url = `http://${ip}:${opts.port}`;

  const groupAlive = (): boolean => {
    try {
      if (!ownGroup) return child.exitCode === null && child.signalCode === null;
      process.kill(-(child.pid as number), 0);
      return true;
    } catch {
      return false;
    }
  };
  const killGroup = (): void => {
    if (groupAlive()) process.kill(ownGroup ? -(child.pid as number) : (child.pid as number), 'SIGKILL');
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    // Ask wrangler first (it shuts workerd down and reaps it); then clear whatever is left of the group.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(killGroup, 5000);
      await exited;
      clearTimeout(timer);
    }
    for (let i = 0; i < 20 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
    killGroup();
  };

  const persistRoot = opts.persistTo ?? join(opts.cwd, '.wrangler', 'state');
  mkdirSync(persistRoot, { recursive: true });
  writeServeLock(persistRoot, { pid: child.pid as number, url });
  // Never outlive this process, however it ends without stop() (an awaited step that never settles, an exception):
  // wrangler in a group of its own would otherwise keep serving, and holding its state, after us. Synchronous, as an
  // 'exit' handler must be: SIGKILL to its own group, else SIGTERM to wrangler (which then shuts workerd down itself).
  const killNow = (): void => {
    if (groupAlive()) process.kill(ownGroup ? -(child.pid as number) : (child.pid as number), ownGroup ? 'SIGKILL' : 'SIGTERM');
    removeServeLock(persistRoot, child.pid as number);
  };
  process.once('exit', killNow);
  child.once('exit', () => {
    process.removeListener('exit', killNow);
    removeServeLock(persistRoot, child.pid as number);
  });
  try {
    await waitForHttp(url, opts.timeoutMs ?? 60_000, () => child.exitCode !== null);
  } catch (err) {
    const died = child.exitCode !== null;
    await stop('SIGKILL');
    const message = `wrangler dev did not start on ${url}: ${(err as Error).message}\n${output.trim()}`;
    throw died ? new ExitedWhileStarting(message) : new Error(message);
  }
  return { url, child, log: () => output, stop };
}

/** Polls until `url` answers any HTTP response (or `gaveUp()` says the server died). */
async function waitForHttp(url: string, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error('the process exited');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`no answer within ${timeoutMs} ms`);
}
