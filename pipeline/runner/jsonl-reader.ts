// Pull-based JSON Lines reader: `next()` returns the next parsed line (blank lines skipped) or undefined at the end.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError } from '../util/cli-error.js';

export class JsonlReader<T = unknown> {
  private lines: AsyncIterator<string>;
  private line = 0;

  constructor(readonly path: string) {
    this.lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  async next(): Promise<T | undefined> {
    for (;;) {
      const r = await this.lines.next();
      if (r.done) return undefined;
      this.line++;
      if (!r.value.trim()) continue;
      try {
        return JSON.parse(r.value) as T;
      } catch (err) {
        throw new CliError(`${this.path} line ${this.line} is not JSON (${(err as Error).message}): rebuild that output`);
      }
    }
  }

  /** Like next(), but a missing line is an error naming the file. */
  async must(what: string): Promise<T> {
    const v = await this.next();
    if (v === undefined) throw new CliError(`${this.path} ended early (expected ${what}): rebuild that output`);
    return v;
  }
}
