/** Runs calls with at most `limit` of them in flight; the others wait their turn, in order. */
export type Gate = <T>(fn: () => Promise<T>) => Promise<T>;

/** A {@link Gate} of `limit` places. */
export function gate(limit: number): Gate {
  let free = Math.max(1, limit);
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      // The place goes straight to the next in line, or back to the pool.
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
