// node:util parseArgs with its errors (unknown option, missing value) turned into one-line CLI errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

export function parseArgsOrExplain<T extends ParseArgsConfig>(config: T, usage = 'see clearance --help'): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new CliError(`${(err as Error).message} (${usage})`);
  }
}
