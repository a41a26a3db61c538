import { addDays, tzOffsetMin, zonedParts, zonedToUtc } from "../clock.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** "HH:MM" -> minutes after midnight (24:00 allowed as a closing time); NaN when malformed. */
export function parseHm(hm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hm);
  if (!m) return NaN;
  const h = Number(m[1]), min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return NaN;
  return h * 60 + min;
}

/** Minutes after midnight -> "HH:MM". */
export function formatHm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

// Per time zone and local date: the UTC offset (minutes) when it is the same all day, or null on a
// day with a transition. Offsets of a past or future date never change while the process runs.
const dayOffsetCache = new Map<string, number | null>();

function dayOffset(date: string, tz: string): number | null {
  const key = `${tz}|${date}`;
  const hit = dayOffsetCache.get(key);
  if (hit !== undefined) return hit;
  const [y, m, d] = date.split("-").map(Number);
  const w0 = Date.UTC(y, m - 1, d);
  // Offsets lie within -12 h .. +14 h, so these two instants bracket the whole local day.
  const a = tzOffsetMin(new Date(w0 - 14 * 3600_000), tz);
  const b = tzOffsetMin(new Date(w0 + 36 * 3600_000), tz);
  const value = a === b ? a : null;
  if (dayOffsetCache.size > 20_000) dayOffsetCache.clear();
  dayOffsetCache.set(key, value);
  return value;
}

/**
 * Converts wall-clock times of one local date to instants, fast on ordinary days (one fixed offset)
 * and exact on transition days.
 */
export class WallDay {
  readonly date: string;
  private readonly tz: string;
  private readonly wall0: number;
  private readonly offset: number | null;

  constructor(date: string, tz: string) {
    this.date = date;
    this.tz = tz;
    const [y, m, d] = date.split("-").map(Number);
    this.wall0 = Date.UTC(y, m - 1, d);
    this.offset = dayOffset(date, tz);
  }

  /**
   * The instant the wall clock shows `minutes` after midnight of this date, or null when that time
   * does not exist (skipped by a spring-forward gap). A repeated autumn time maps to its first occurrence.
   */
  start(minutes: number): number | null {
    if (this.offset !== null) return this.wall0 + (minutes - this.offset) * 60_000;
    if (minutes >= 1440) return new WallDay(addDays(this.date, 1), this.tz).start(minutes - 1440);
    const hm = formatHm(minutes);
    const t = zonedToUtc(this.date, hm, this.tz).getTime();
    const p = zonedParts(new Date(t), this.tz);
    return p.date === this.date && p.time === hm ? t : null;
  }

  /**
   * The first instant at which the wall clock reads `minutes` or later (a closing time): the time
   * itself when it exists, otherwise the end of the gap that swallowed it.
   */
  boundary(minutes: number): number {
    const exact = this.start(minutes);
    if (exact !== null) return exact;
    // In a gap: zonedToUtc lands after the gap; the transition lies at most one offset step earlier.
    let hi = zonedToUtc(this.date, formatHm(minutes), this.tz).getTime();
    const after = tzOffsetMin(new Date(hi), this.tz);
    let lo = hi - 3 * 3600_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (tzOffsetMin(new Date(mid), this.tz) === after) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}
