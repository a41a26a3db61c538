import { addDays, weekdayOf, zonedParts } from "../clock.ts";
import { blockedIntervals, isBlocked, type Blocked } from "./busy.ts";
import type { AvailabilityInput, OpeningHours, Slot } from "./types.ts";
import { formatHm, parseHm, WallDay } from "./wallclock.ts";

/*
 * Slot rules (all pure; `now` comes from the input):
 * - Starts are wall-clock times every slotStepMin from each opening interval's open time. A time that
 *   does not exist on the day (spring-forward gap) is skipped; a repeated autumn time is offered once,
 *   at its first occurrence.
 * - The service runs durationMin real minutes and must end by the interval's close (breaks are the
 *   gaps between intervals).
 * - Bookable dates run from now's local date to now's local date + horizonDays (inclusive), except
 *   closed dates; a start must be at least minNoticeMin after now.
 * - A start is free when, at every moment of [start, end), fewer than `capacity` busy intervals overlap.
 */

interface Prepared {
  input: AvailabilityInput;
  today: string;
  lastDate: string;
  notBefore: number;
  closed: Set<string>;
  blocked: Blocked;
  durationMs: number;
  intervals: Map<number, [number, number][]>;
}

function intervalsByWeekday(hours: OpeningHours): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (let wd = 0; wd < 7; wd++) {
    const list: [number, number][] = [];
    for (const iv of hours[String(wd) as keyof OpeningHours] ?? []) {
      const open = parseHm(iv.open), close = parseHm(iv.close);
      if (Number.isFinite(open) && Number.isFinite(close) && open < close) list.push([open, close]);
    }
    out.set(wd, list.sort((a, b) => a[0] - b[0]));
  }
  return out;
}

function prepare(input: AvailabilityInput): Prepared {
  if (!(input.slotStepMin > 0) || !(input.durationMin > 0)) {
    throw new RangeError("slotStepMin and durationMin must be positive");
  }
  const today = zonedParts(input.now, input.timeZone).date;
  return {
    input,
    today,
    lastDate: addDays(today, Math.max(0, Math.floor(input.horizonDays))),
    notBefore: input.now.getTime() + input.minNoticeMin * 60_000,
    closed: new Set(input.closedDates),
    blocked: blockedIntervals(input.busy, input.capacity),
    durationMs: input.durationMin * 60_000,
    intervals: intervalsByWeekday(input.openingHours),
  };
}

/** Calls `emit` for each free start of `date`, in time order; returns how many there were. */
function scanDay(p: Prepared, date: string, emit?: (start: number, minutes: number) => void): number {
  const { input } = p;
  if (date < p.today || date > p.lastDate || p.closed.has(date) || input.capacity < 1) return 0;
  const intervals = p.intervals.get(weekdayOf(date))!;
  if (!intervals.length) return 0;
  const day = new WallDay(date, input.timeZone);
  // Overlapping intervals (a data slip) must not offer one start twice.
  const seen = intervals.length > 1 ? new Set<number>() : null;
  let count = 0;
  for (const [open, close] of intervals) {
    const closeAt = day.boundary(close);
    for (let m = open; m < close; m += input.slotStepMin) {
      const start = day.start(m);
      if (start === null || start < p.notBefore) continue;
      const end = start + p.durationMs;
      if (end > closeAt) break;
      if (seen) {
        if (seen.has(start)) continue;
        seen.add(start);
      }
      if (isBlocked(p.blocked, start, end)) continue;
      count++;
      emit?.(start, m);
    }
  }
  return count;
}

function daySlots(p: Prepared, date: string): Slot[] {
  const out: Slot[] = [];
  scanDay(p, date, (start, minutes) => {
    out.push({ start: new Date(start), end: new Date(start + p.durationMs), date, time: formatHm(minutes) });
  });
  return out;
}

/**
 * Where a wall-clock minute of a weekday stands against the opening hours, by the rules above: outside
 * every opening interval ("closed"), inside one but on no start of any ("offGrid": 16:15 where starts are
 * every 30 minutes from 09:00), or a start ("start"). Whether it is free is not asked.
 */
export function startAt(hours: OpeningHours, slotStepMin: number, weekday: number, minute: number): "closed" | "offGrid" | "start" {
  const within = (intervalsByWeekday(hours).get(weekday) ?? []).filter(([open, close]) => minute >= open && minute < close);
  if (!within.length) return "closed";
  return slotStepMin > 0 && within.every(([open]) => (minute - open) % slotStepMin !== 0) ? "offGrid" : "start";
}

/**
 * The first time bookings start at or after `minute` on that weekday (minutes after midnight: every
 * `slotStepMin` from an opening), or null when the day has none left. "Right after" a booking that ends at
 * 15:45 where bookings start every 30 minutes is 16:00.
 */
export function nextStartAt(hours: OpeningHours, slotStepMin: number, weekday: number, minute: number): number | null {
  const step = Math.max(1, slotStepMin);
  for (const [open, close] of (intervalsByWeekday(hours).get(weekday) ?? []).sort((a, b) => a[0] - b[0])) {
    const at = minute <= open ? open : open + Math.ceil((minute - open) / step) * step;
    if (at < close) return at;
  }
  return null;
}

/** The free start times of one local day (YYYY-MM-DD in the input's time zone), earliest first. */
export function freeSlots(input: AvailabilityInput, date: string): Slot[] {
  return daySlots(prepare(input), date);
}

/**
 * The next local dates, from today, that have at least one free slot, with how many; at most
 * `maxDays` of them and none past the horizon.
 */
export function freeDays(input: AvailabilityInput, maxDays: number): { date: string; count: number }[] {
  const p = prepare(input);
  const out: { date: string; count: number }[] = [];
  for (let date = p.today; date <= p.lastDate && out.length < maxDays; date = addDays(date, 1)) {
    const count = scanDay(p, date);
    if (count > 0) out.push({ date, count });
  }
  return out;
}

/**
 * The `n` free slots nearest to `target`: slots on target's local day first, then the days either
 * side (one day away, then two ...), each group by distance from target (ties: earlier first).
 * The result is in that order, nearest first.
 */
export function nearestSlots(input: AvailabilityInput, target: Date, n: number): Slot[] {
  if (n <= 0) return [];
  const p = prepare(input);
  const targetDate = zonedParts(target, input.timeZone).date;
  const t = target.getTime();
  const out: Slot[] = [];
  const byDistance = (a: Slot, b: Slot) =>
    Math.abs(a.start.getTime() - t) - Math.abs(b.start.getTime() - t) || a.start.getTime() - b.start.getTime();
  // Days outside [today, lastDate] have no slots: start at the first k that reaches the range.
  const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const tn = dayNo(targetDate), first = dayNo(p.today), last = dayNo(p.lastDate);
  const kStart = Math.max(0, first - tn, tn - last);
  for (let k = kStart; out.length < n; k++) {
    const before = addDays(targetDate, -k), after = addDays(targetDate, k);
    if (before < p.today && after > p.lastDate) break;
    const group = k === 0 ? daySlots(p, targetDate) : [...daySlots(p, before), ...daySlots(p, after)];
    out.push(...group.sort(byDistance));
  }
  return out.slice(0, n);
}
