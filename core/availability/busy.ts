import type { Busy } from "./types.ts";

/**
 * The instants at which every unit of capacity is taken, as sorted, disjoint half-open intervals
 * [starts[i], ends[i]) in epoch milliseconds. A slot is free when it meets none of them.
 */
export interface Blocked {
  starts: number[];
  ends: number[];
}

/** Sweeps the busy intervals once (O(n log n)) and keeps the stretches where `capacity` of them overlap. */
export function blockedIntervals(busy: Busy[], capacity: number): Blocked {
  const events: [number, number][] = [];
  for (const b of busy) {
    const s = b.start.getTime(), e = b.end.getTime();
    if (e > s) events.push([s, 1], [e, -1]);
  }
  // At equal instants, ends come first: back-to-back bookings do not overlap.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const starts: number[] = [], ends: number[] = [];
  const need = Math.max(1, capacity);
  let count = 0, openedAt = -1;
  for (const [t, delta] of events) {
    const before = count;
    count += delta;
    if (before < need && count >= need) {
      // Merge with a blocked stretch that ended at this same instant.
      if (ends.length && ends[ends.length - 1] === t) openedAt = starts.pop()!, ends.pop();
      else openedAt = t;
    } else if (before >= need && count < need) {
      starts.push(openedAt);
      ends.push(t);
    }
  }
  return { starts, ends };
}

/** Whether [start, end) meets a blocked interval (binary search for the first one ending after start). */
export function isBlocked(blocked: Blocked, start: number, end: number): boolean {
  const { starts, ends } = blocked;
  let lo = 0, hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] > start) hi = mid;
    else lo = mid + 1;
  }
  return lo < starts.length && starts[lo] < end;
}
