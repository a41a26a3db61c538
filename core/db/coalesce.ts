/** A group-committed call: one item at a time, or {@link Coalesced.many} for items known together. */
export interface Coalesced<T, R> {
  (item: T): Promise<R>;
  /** Queues all `items` at once, so they go in as few batches as `max` allows (results in order). */
  many(items: T[]): Promise<R[]>;
}

/**
 * Group commit: calls made while earlier batches are still running are gathered and run as one batch,
 * so a burst of N small writes costs a few round trips instead of N. Nothing waits for a timer: a
 * call made when fewer than `parallel` batches are running starts a batch at once.
 * `run` gets the items and returns one result per item, in order; if it throws, every call of that
 * batch rejects with its error.
 */
export function coalesce<T, R>(run: (items: T[]) => Promise<R[]>, opts: { max?: number; parallel?: number } = {}): Coalesced<T, R> {
  const max = opts.max ?? 200;
  const parallel = opts.parallel ?? 2;
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let running = 0;
  const flush = (): void => {
    while (running < parallel && queue.length) {
      const batch = queue.splice(0, max);
      running++;
      run(batch.map((w) => w.item))
        .then(
          (out) => batch.forEach((w, i) => w.resolve(out[i]!)),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          running--;
          flush();
        });
    }
  };
  const enqueue = (item: T) => new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject }));
  const one = ((item: T) => {
    const p = enqueue(item);
    flush();
    return p;
  }) as Coalesced<T, R>;
  one.many = (items) => {
    if (!items.length) return Promise.resolve([]);
    const all = Promise.all(items.map(enqueue));
    flush();
    return all;
  };
  return one;
}
