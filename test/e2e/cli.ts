// Runs `clearance <args>` in-process (the run() pipeline/bin.mjs calls) and returns its output; a failure throws with it.
import { runInProcess } from '../support/run-cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function clearance(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = await runInProcess(args, env);
  if (result.code !== 0) throw new Error(`clearance ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}
