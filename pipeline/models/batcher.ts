// Collects single requests into batches: one batch runs at a time; requests arriving meanwhile form the next, which starts as soon as it ends.

export class Batcher<In, Out> {
  private queue: Array<{ input: In; resolve: (o: Out) => void; reject: (e: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  batches = 0;
  items = 0;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    readonly maxBatch: number,
    /** How long the first request waits for more when no batch is running. */
    readonly maxWaitMs: number,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.busy) return; // the running batch's end starts the next
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Runs up to maxBatch queued requests now, unless a batch is running (one session: no oversubscription). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.busy) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.busy = true;
    this.run(batch.map((b) => b.input))
      .then(
        (outs) => {
          this.batches++;
          this.items += batch.length;
          batch.forEach((b, i) => b.resolve(outs[i]!));
        },
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      )
      .finally(() => {
        this.busy = false;
        // What queued while this batch ran has waited long enough: it goes now.
        if (this.queue.length > 0) this.flush();
      });
  }
}
