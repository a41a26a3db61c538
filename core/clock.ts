/** Wall-clock parts of an instant in a time zone. weekday: 0 = Sunday ... 6 = Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    fmtCache.set(tz, f);
  }
  return f;
}

const WD: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const pad = (n: number) => String(n).padStart(2, "0");

/** The wall-clock parts of `instant` in `tz`. */
export function zonedParts(instant: Date, tz: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year), month = Number(parts.month), day = Number(parts.day);
  const hour = Number(parts.hour) % 24, minute = Number(parts.minute), second = Number(parts.second);
  return {
    year, month, day, hour, minute, second,
    weekday: WD[parts.weekday] ?? 0,
    date: `${year}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
  };
}

/** Offset of `tz` from UTC at `instant`, in minutes (Europe/Tirane: 60 in winter, 120 in summer). */
export function tzOffsetMin(instant: Date, tz: string): number {
  const p = zonedParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant when the wall clock in `tz` shows `date` (YYYY-MM-DD) at `time` (HH:MM).
 * A time skipped by a spring-forward gap maps to the instant just after the gap; an ambiguous
 * autumn time maps to its first occurrence.
 */
export function zonedToUtc(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Try the offsets around the guess; prefer the earliest instant whose wall clock matches.
  const guess = new Date(wall);
  const candidates = new Set<number>();
  for (const probe of [-36, -12, 0, 12, 36]) {
    const off = tzOffsetMin(new Date(wall + probe * 3600_000), tz);
    candidates.add(wall - off * 60_000);
  }
  const matches = [...candidates].filter((c) => {
    const p = zonedParts(new Date(c), tz);
    return p.date === date && p.time === `${pad(hh)}:${pad(mm)}`;
  });
  if (matches.length) return new Date(Math.min(...matches));
  // In a gap: use the offset before the gap, which lands after it.
  const before = tzOffsetMin(new Date(guess.getTime() - 6 * 3600_000), tz);
  return new Date(wall - before * 60_000);
}

/** Adds `days` calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Weekday (0 = Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday after a date (YYYY-MM-DD): the first day of the next week (a Monday's is a week later). */
export function nextMonday(date: string): string {
  return addDays(date, 7 - ((weekdayOf(date) + 6) % 7));
}

/** The source of "now" for the running app; tests pass their own. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
