// Collects single requests into batches: a batch runs when it is full or when the first request has waited maxWaitMs.

export class Batcher<In, Out> {
  private queue: Array<{ input: In; resolve: (o: Out) => void; reject: (e: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  batches = 0;
  items = 0;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    readonly maxBatch: number,
    readonly maxWaitMs: number,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Runs what is queued now; batches run one after another (one session, no oversubscription). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    if (this.queue.length > 0) this.timer = setTimeout(() => this.flush(), this.maxWaitMs);
    this.running = this.running.then(async () => {
      try {
        const outs = await this.run(batch.map((b) => b.input));
        this.batches++;
        this.items += batch.length;
        batch.forEach((b, i) => b.resolve(outs[i]!));
      } catch (err) {
        batch.forEach((b) => b.reject(err));
      }
    });
  }
}
