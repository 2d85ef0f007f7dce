// Runs `clearance <args>` inside the test process: the run() that pipeline/bin.mjs calls, with the given environment
// and its own stdout/stderr, one run at a time per process (the environment is process-wide).
import { run } from '../../pipeline/cli.js';
import { repoRoot } from './shared.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** `clearance <args>` with `env` laid over process.env for the run; resolves with its exit code and output. */
export function runInProcess(args: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  const turn = queue.then(() => runNow(args, env));
  queue = turn.catch(() => undefined);
  return turn;
}

async function runNow(args: string[], env: Record<string, string>): Promise<InProcessResult> {
  if (process.cwd() !== repoRoot) throw new Error(`in-process CLI runs need the repository as cwd (it is ${process.cwd()})`);
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  try {
    const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
