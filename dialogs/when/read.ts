import { zonedParts, zonedToUtc, weekdayOf } from "../../core/clock.ts";
import type { OpeningHours } from "../../core/availability/types.ts";
import type { TurnContext } from "../engine/types.ts";

/** What a typed day or time means for a service's calendar. */
export type WhenAnswer =
  /** A day with free times, no time given. */
  | { kind: "day"; date: string }
  /** The asked time is free. */
  | { kind: "slot"; date: string; start: Date }
  /** The asked time is not free: the nearest free ones. */
  | { kind: "taken"; date: string; asked: Date; nearest: Date[] }
  /** The asked time is the booking being moved. */
  | { kind: "same"; date: string }
  /** A day before today ("dje"), or a time of today that has gone. */
  | { kind: "pastDay"; date: string }
  | { kind: "pastTime"; date: string; asked: Date }
  /** The business does not open that weekday, or the day has no free time left: the next free days. */
  | { kind: "closed" | "full"; date: string; next: string[] };

/** Where the typed day or time goes. */
export interface WhenTarget {
  serviceId: string;
  businessId: string;
  /** The day already chosen: a bare time ("ora 3") is read on it. */
  date?: string;
  /** The booking being moved: its own time is neither free nor taken. */
  keep?: Date;
}

/** The business's zone and weekly hours, for reading "në 4" as 16:00 and telling closed days. */
async function place(target: WhenTarget, ctx: TurnContext): Promise<{ tz: string; hours?: OpeningHours }> {
  const b = await ctx.services.catalog.business(target.businessId);
  return { tz: b?.timeZone ?? ctx.timeZone, hours: b?.openingHours };
}

/**
 * Reads a day or a time typed at any step that asks for one ("nesër", "të mërkurën në 14:00", "pasnesër
 * në 10", "dje", "ora 3 pasdite") against the service's free times. Null when the text names no day or time.
 */
export async function readWhen(text: string, target: WhenTarget, ctx: TurnContext): Promise<WhenAnswer | null> {
  const nlu = ctx.services.nlu;
  if (!nlu || !target.serviceId) return null;
  const { tz, hours } = await place(target, ctx);
  const opts = { timeZone: tz, openingHours: hours };
  let when = nlu.when(text, { ...opts, now: ctx.now });
  if (target.date) {
    // A bare time means the chosen day: read it from that day's start.
    const dayStart = zonedToUtc(target.date, "00:00", tz);
    const onDay = nlu.when(text, { ...opts, now: dayStart > ctx.now ? dayStart : ctx.now });
    if (onDay && onDay.date === target.date) when = onDay;
  }
  if (!when) return null;
  const today = zonedParts(ctx.now, tz).date;
  if (when.date < today) return { kind: "pastDay", date: when.date };
  if (when.hasTime && when.start.getTime() <= ctx.now.getTime()) return { kind: "pastTime", date: when.date, asked: when.start };
  if (when.hasTime && target.keep && when.start.getTime() === target.keep.getTime()) return { kind: "same", date: when.date };
  const kept = (s: { start: Date }) => !target.keep || s.start.getTime() !== target.keep.getTime();
  const slots = (await ctx.services.availability.slots(target.serviceId, when.date, ctx.now)).filter(kept);
  if (!slots.length) {
    const next = (await ctx.services.availability.days(target.serviceId, ctx.now, 60))
      .filter((d) => d.date > when.date)
      .slice(0, 3)
      .map((d) => d.date);
    const open = hours?.[String(weekdayOf(when.date)) as keyof OpeningHours];
    return { kind: hours && !open?.length ? "closed" : "full", date: when.date, next };
  }
  if (!when.hasTime) return { kind: "day", date: when.date };
  const exact = slots.find((s) => s.start.getTime() === when.start.getTime());
  if (exact) return { kind: "slot", date: when.date, start: exact.start };
  const nearest = (await ctx.services.availability.nearest(target.serviceId, when.start, ctx.now, 4)).filter(kept).slice(0, 3);
  return { kind: "taken", date: when.date, asked: when.start, nearest: nearest.map((s) => s.start) };
}
