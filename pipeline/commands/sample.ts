// `clearance sample <dir> [--count N]`: writes the generated sample release (deterministic for N).
import { DEFAULT_COUNT, writeSample } from '../sample/generate.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

const USAGE = 'usage: clearance sample <dir> [--count N]';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgsOrExplain({ args: argv, allowPositionals: true, options: { count: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }, USAGE);
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`expected one target directory (${USAGE})`);
  const count = values.count === undefined ? DEFAULT_COUNT : Number(values.count);
  if (!Number.isInteger(count) || count < 0) throw new CliError(`--count must be a whole number ≥ 0, got "${values.count}"`);
  const dir = positionals[0]!;
  let result;
  try {
    result = await writeSample(dir, count);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') throw new CliError(`cannot write the sample to ${dir} (${code}): choose a writable directory`);
    throw err;
  }
  console.log(`clearance sample: wrote ${result.items} items in ${result.release.sources.length} source(s) to ${dir} (expected decisions in ${dir}/expected.json)`);
  return 0;
}
