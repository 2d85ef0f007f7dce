// Writes decisions.jsonl, catalog.jsonl, reviews.jsonl and signals.jsonl in input order while items finish out of order (a small reorder buffer).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { CatalogRecord, Decision, ReviewRecord, SignalLine } from '../catalog/index.js';

interface Done {
  decision: Decision;
  record?: CatalogRecord;
  /** Held items: what a moderator needs (reviews.jsonl). */
  review?: ReviewRecord;
  /** The signal matrix row of every decision (signals.jsonl). */
  signals: SignalLine;
  /** A line for the extra file (shard builds: shard-items.jsonl). */
  extra?: string;
}

export class OrderedWriter {
  private next = 0;
  private pending = new Map<number, Done>();
  private decisions: WriteStream;
  private catalog: WriteStream;
  private reviews: WriteStream;
  private signals: WriteStream;
  private extra: WriteStream | undefined;

  constructor(dir: string, extraFile?: string) {
    this.decisions = createWriteStream(join(dir, 'decisions.jsonl'));
    this.catalog = createWriteStream(join(dir, 'catalog.jsonl'));
    this.reviews = createWriteStream(join(dir, 'reviews.jsonl'));
    this.signals = createWriteStream(join(dir, 'signals.jsonl'));
    this.extra = extraFile ? createWriteStream(join(dir, extraFile)) : undefined;
  }

  /** Hands in item `index`'s outcome; writes every outcome now contiguous with what was written. */
  async add(index: number, done: Done): Promise<void> {
    this.pending.set(index, done);
    let wait = false;
    for (let d = this.pending.get(this.next); d; d = this.pending.get(this.next)) {
      this.pending.delete(this.next++);
      wait = !this.decisions.write(`${JSON.stringify(d.decision)}\n`) || wait;
      if (d.record) wait = !this.catalog.write(`${JSON.stringify(d.record)}\n`) || wait;
      if (d.review) wait = !this.reviews.write(`${JSON.stringify(d.review)}\n`) || wait;
      wait = !this.signals.write(`${JSON.stringify(d.signals)}\n`) || wait;
      if (this.extra && d.extra !== undefined) wait = !this.extra.write(`${d.extra}\n`) || wait;
    }
    if (wait && this.decisions.writableNeedDrain) await once(this.decisions, 'drain');
    if (wait && this.catalog.writableNeedDrain) await once(this.catalog, 'drain');
    if (wait && this.reviews.writableNeedDrain) await once(this.reviews, 'drain');
    if (wait && this.signals.writableNeedDrain) await once(this.signals, 'drain');
    if (wait && this.extra?.writableNeedDrain) await once(this.extra, 'drain');
  }

  get buffered(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    if (this.pending.size) throw new Error(`internal: ${this.pending.size} outcomes never became contiguous (next index ${this.next})`);
    for (const s of [this.decisions, this.catalog, this.reviews, this.signals, ...(this.extra ? [this.extra] : [])]) {
      s.end();
      await once(s, 'close');
    }
  }
}
