// The build's signal matrix for the item pages: signal-sources.json, and signals.jsonl read in step with catalog.jsonl (both in input order).
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SignalLine, SignalSources } from '../../pipeline/catalog/signals.js';
import type { ItemSignals } from '../src/render/signal-matrix.js';

/** Finds each accepted item's line by reading forward: catalog.jsonl lists a subset of signals.jsonl's ids, in the same order. */
export class SignalsCursor {
  private lines: AsyncIterator<string> | undefined;
  private line = 0;
  readonly sources: SignalSources;

  constructor(outDir: string) {
    const matrix = join(outDir, 'signals.jsonl');
    const sources = join(outDir, 'signal-sources.json');
    this.sources = existsSync(sources) ? SignalSources.parse(JSON.parse(readFileSync(sources, 'utf8'))) : {};
    if (existsSync(matrix)) this.lines = createInterface({ input: createReadStream(matrix, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  /** The item's checks, or undefined when the output has no matrix (built before it existed) or no line for it. */
  async for(id: string): Promise<ItemSignals | undefined> {
    while (this.lines) {
      const r = await this.lines.next();
      if (r.done) {
        this.lines = undefined;
        break;
      }
      this.line++;
      if (!r.value.trim()) continue;
      const parsed = SignalLine.safeParse(JSON.parse(r.value));
      if (!parsed.success) throw new Error(`signals.jsonl:${this.line}: not a signal matrix line: ${parsed.error.issues[0]?.message}`);
      if (parsed.data.id === id) return { checks: parsed.data.checks, sources: this.sources };
    }
    return undefined;
  }
}
