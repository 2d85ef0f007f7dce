// Bounded concurrency pool over an async iterable: takes items in order, at most `limit` in flight.

/**
 * `begin` runs synchronously for each item in input order before its work starts (e.g. to claim ordered-stage
 * turns); `work` runs concurrently. Rejections of `work` propagate (the runner's work function never rejects).
 */
export async function runPool<T>(
  items: AsyncIterable<T>,
  limit: number,
  begin: (item: T) => void,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: unknown;
  for await (const item of items) {
    while (running.size >= limit) await Promise.race(running);
    if (failure !== undefined) break;
    begin(item);
    const p: Promise<void> = work(item).then(
      () => void running.delete(p),
      (err) => {
        running.delete(p);
        failure ??= err;
      },
    );
    running.add(p);
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure;
}
