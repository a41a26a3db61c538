/**
 * Group commit: calls made while earlier batches are still running are gathered and run as one batch,
 * so a burst of N small writes costs a few round trips instead of N. Nothing waits for a timer: a
 * call made when fewer than `parallel` batches are running starts a batch at once.
 * `run` gets the items and returns one result per item, in order; if it throws, every call of that
 * batch rejects with its error.
 */
export function coalesce<T, R>(run: (items: T[]) => Promise<R[]>, opts: { max?: number; parallel?: number } = {}): (item: T) => Promise<R> {
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
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      flush();
    });
}
