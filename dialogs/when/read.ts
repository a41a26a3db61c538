import { z } from "zod";
import { addDays, zonedParts, zonedToUtc, weekdayOf } from "../../core/clock.ts";
import type { OpeningHours, Slot } from "../../core/availability/types.ts";
import type { TimeWish } from "../../core/nlu/when-wish.ts";
import { dayShift, destination, timeShift } from "../../core/nlu/move-to.ts";
import type { WhenResult } from "../../core/nlu/when.ts";
import { bareWeekday, saysSameDay, saysSameTime } from "../../core/nlu/same-time.ts";
import type { NluPort } from "../../core/nlu/port.ts";
import { lastSaid } from "../../core/nlu/correction.ts";
import { looksLikeUnreadDay } from "../../core/nlu/day-typos.ts";
import type { TurnContext } from "../engine/types.ts";

/** A day's free times narrowed to part of it ("pasdite", "pas orës 15"), and how it was said. */
export type DayWindow = Pick<TimeWish, "from" | "to" | "said">;

/** A day window as kept in a flow's data. */
export const DayWindowData = z.custom<DayWindow>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "a part of the day");

/** The free times of a day inside a window (local times of the business's zone). */
export function inWindow(slots: Slot[], window: DayWindow | undefined, tz: string): Slot[] {
  if (!window) return slots;
  return slots.filter((s) => {
    const at = zonedParts(s.start, tz).time;
    return (!window.from || at >= window.from) && (!window.to || at < window.to);
  });
}

/** What a typed day or time means for a service's calendar. */
export type WhenAnswer =
  /** A day with free times, no time given. */
  | { kind: "day"; date: string }
  /** The asked time is free; `picked` when it was asked for as the earliest or the latest free time. */
  | { kind: "slot"; date: string; start: Date; picked?: "earliest" | "latest" }
  /** A day's free times in part of the day (maybe none there: then the day's other free times). */
  | { kind: "window"; date: string; window: DayWindow }
  /** The asked time is not free: the nearest free ones. */
  | { kind: "taken"; date: string; asked: Date; nearest: Date[] }
  /** The asked time is the booking being moved. */
  | { kind: "same"; date: string }
  /** A day before today ("dje"), or a time of today that has gone. */
  | { kind: "pastDay"; date: string }
  | { kind: "pastTime"; date: string; asked: Date }
  /** A time said with a word that looks like a day's but could not be read ("this week at 10"): ask for the day. */
  | { kind: "dayNotRead" }
  /** "next Wednesday" said before this week's: this week's or next week's (with the time said, if any)? */
  | { kind: "whichWeek"; dates: [string, string]; time?: string }
  /** The business does not open that weekday, or the day has no free time left: the next free days. */
  | { kind: "closed" | "full"; date: string; next: string[]; asked?: Date };

/** Where the typed day or time goes. */
export interface WhenTarget {
  serviceId: string;
  businessId: string;
  /** The day already chosen: a bare time ("ora 3") is read on it. */
  date?: string;
  /** The booking being moved: its own time is neither free nor taken. */
  keep?: Date;
  /** The time chosen so far (at the booking's summary): "the same time" on another day is its time of day. */
  sameAs?: Date;
  /**
   * A day asked for that had no free time, in a later week: a weekday named alone that comes after it in
   * its week is that week's ("is there anything on Tuesday instead?" after a full Monday next week).
   */
  near?: string;
  /** The part of the chosen day the list shows ("pasdite"): "the earliest" then means the earliest of it. */
  window?: DayWindow;
  /** Which week "next Wednesday" means, once the customer answered that question. */
  week?: "this" | "following";
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
  const opts = { timeZone: tz, openingHours: hours, nextWeekday: target.week };
  // "në 8... jo, më mirë në 9": what the message says last.
  text = lastSaid(text, (part) => !!nlu.when(part, { ...opts, now: ctx.now }));
  // Moving a booking "nga e mërkura te e enjtja" (from one day to another): the day it goes to.
  if (target.keep) text = destination(text, (part) => !!nlu.when(part, { ...opts, now: ctx.now }));
  // Moving a booking "një orë më vonë" (an hour later): its own time moved by that much.
  const shift = target.keep ? timeShift(text) : null;
  if (target.keep && shift !== null) {
    const start = new Date(target.keep.getTime() + shift * 60_000);
    const { date, time } = zonedParts(start, tz);
    return answerAt({ start, hasTime: true, date, time }, target, ctx, { tz, hours });
  }
  // Moving a booking "një javë më vonë", "shtyje një javë", "the day after": its own day moved by that
  // many days, at the time said or else its own.
  const days = target.keep ? dayShift(text) : null;
  if (target.keep && days !== null) {
    const { date: ownDate, time: ownTime } = zonedParts(target.keep, tz);
    const date = addDays(ownDate, days);
    const said = nlu.when(text, { ...opts, now: zonedToUtc(date, "00:00", tz) });
    const time = said?.hasTime && said.time ? said.time : ownTime;
    return answerAt({ start: zonedToUtc(date, time, tz), hasTime: true, date, time }, target, ctx, { tz, hours });
  }
  let when = nlu.when(text, { ...opts, now: ctx.now });
  if (when && target.near) when = inWeekOf(target.near, when, text, { ...opts, now: ctx.now }, nlu) ?? when;
  // A time with a day word not read ("this week at 10", "javën në 10") is neither today's time nor the
  // chosen day's: the day is asked for.
  if (when?.hasTime && !when.daySaid && looksLikeUnreadDay(text)) return { kind: "dayNotRead" };
  // A bare time means the chosen day, and in a move the booking's own day ("a mund ta kaloj në 12?"):
  // read it from that day's start.
  const day = target.date ?? (target.keep && when?.hasTime && !when.daySaid ? zonedParts(target.keep, tz).date : undefined);
  if (day) {
    const dayStart = zonedToUtc(day, "00:00", tz);
    const onDay = nlu.when(text, { ...opts, now: dayStart > ctx.now ? dayStart : ctx.now });
    if (onDay && onDay.date === day) when = onDay;
  }
  const own = target.keep ?? target.sameAs;
  // Moving a booking "në të njëjtën ditë" (its own day) or "javën tjetër, në të njëjtën ditë (dhe orë)" /
  // "same day next week" (its weekday in the week said): at the time said, or its own when asked too.
  const sameDay = own ? saysSameDay(text) : null;
  if (own && sameDay) {
    const { date: ownDate, time: ownTime } = zonedParts(own, tz);
    let date = ownDate;
    if (sameDay.week) {
      date = when && when.date > ownDate ? when.date : addDays(ownDate, 1);
      while (weekdayOf(date) !== weekdayOf(ownDate)) date = addDays(date, 1);
    }
    const time = sameDay.time ? ownTime : when?.hasTime ? when.time : undefined;
    when = { start: zonedToUtc(date, time ?? "00:00", tz), hasTime: !!time, date, ...(time ? { time } : {}) };
  }
  // Moving a booking (or the time chosen so far) to another day "at the same time": its time of day on that
  // day. A day alone said as a correction of the time chosen so far ("no wait, I said Friday not Thursday"
  // at the summary) keeps its time of day too; a part of the day said with it asks for that part instead.
  const correction = !!target.sameAs && !target.keep && !when?.partOfDay;
  // At a chosen day's times, "the same time" alone is on that day.
  if (!when && own && target.date && saysSameTime(text)) when = { start: zonedToUtc(target.date, "00:00", tz), hasTime: false, date: target.date };
  if (when && !when.hasTime && own && (saysSameTime(text) || correction)) {
    const time = zonedParts(own, tz).time;
    when = { ...when, start: zonedToUtc(when.date, time, tz), hasTime: true, time };
  }
  // "next Tuesday" said of a booking on this Tuesday (moving it, or booking the same again): next week's.
  if (when?.orWeekLater && own && zonedParts(own, tz).date === when.date) {
    const date = when.orWeekLater;
    when = { ...when, date, start: zonedToUtc(date, when.time ?? "00:00", tz), orWeekLater: undefined };
  }
  // "next Wednesday" on a Monday: the day after tomorrow or next week's? Asked, unless the business does
  // not work either of them (then that is the answer).
  if (when?.orWeekLater) {
    const both: [string, string] = [when.date, when.orWeekLater];
    const free = await Promise.all(both.map((d) => freeSlots(target, d, ctx)));
    if (free.some((f) => f.length)) return { kind: "whichWeek", dates: both, ...(when.hasTime ? { time: when.time } : {}) };
  }
  // "pasdite", "pas orës 15", "më e hershmja": part of a day, or its first or last free time.
  const wish = nlu.wish(text, { ...opts, now: ctx.now });
  if (wish) {
    const date = when?.date ?? target.date ?? (await firstFreeDay(target, ctx));
    if (date) return wished(wish, date, target, ctx, { tz, hours });
  }
  if (!when) return null;
  return answerAt(when, target, ctx, { tz, hours });
}

/**
 * A weekday named alone (no "next", no date) read from the coming week, where the conversation is about a
 * day of a later week (`near`): that weekday in near's week when it comes after near ("Tuesday" after a
 * full Monday the 7th is the 8th). Null when that does not apply.
 */
function inWeekOf(near: string, when: WhenResult, text: string, opts: Parameters<NluPort["when"]>[1], nlu: NluPort): WhenResult | null {
  if (when.date >= near || !bareWeekday(text)) return null;
  const monday = addDays(near, -((weekdayOf(near) + 6) % 7));
  if (when.date >= monday) return null;
  const again = nlu.when(text, { ...opts, now: zonedToUtc(near, "00:00", opts.timeZone ?? "Europe/Tirane") });
  return again && again.date > near && again.date < addDays(monday, 7) ? again : null;
}

/** What a read day or time means for the service's calendar (see {@link readWhen}). */
async function answerAt(when: WhenResult, target: WhenTarget, ctx: TurnContext, { tz, hours }: { tz: string; hours?: OpeningHours }): Promise<WhenAnswer> {
  const today = zonedParts(ctx.now, tz).date;
  if (when.date < today) return { kind: "pastDay", date: when.date };
  if (when.hasTime && when.start.getTime() <= ctx.now.getTime()) return { kind: "pastTime", date: when.date, asked: when.start };
  if (when.hasTime && target.keep && when.start.getTime() === target.keep.getTime()) return { kind: "same", date: when.date };
  const slots = await freeSlots(target, when.date, ctx);
  if (!slots.length) return { ...(await noFreeTimes(target, when.date, ctx, hours)), ...(when.hasTime ? { asked: when.start } : {}) };
  if (!when.hasTime) return { kind: "day", date: when.date };
  const exact = slots.find((s) => s.start.getTime() === when.start.getTime());
  if (exact) return { kind: "slot", date: when.date, start: exact.start };
  const nearest = (await ctx.services.availability.nearest(target.serviceId, when.start, ctx.now, 4)).filter((s) => kept(target, s)).slice(0, 3);
  return { kind: "taken", date: when.date, asked: when.start, nearest: nearest.map((s) => s.start) };
}

const kept = (target: WhenTarget, s: { start: Date }) => !target.keep || s.start.getTime() !== target.keep.getTime();

/** The day's free times, without the booking being moved. */
async function freeSlots(target: WhenTarget, date: string, ctx: TurnContext): Promise<Slot[]> {
  return (await ctx.services.availability.slots(target.serviceId, date, ctx.now)).filter((s) => kept(target, s));
}

async function freeDays(target: WhenTarget, ctx: TurnContext): Promise<string[]> {
  return (await ctx.services.availability.days(target.serviceId, ctx.now, 60)).map((d) => d.date);
}

/** "The earliest" said before any day: the first day with a free time. */
async function firstFreeDay(target: WhenTarget, ctx: TurnContext): Promise<string | undefined> {
  return (await freeDays(target, ctx))[0];
}

/** A day without free times: closed that weekday, or full; with the next free days. */
async function noFreeTimes(target: WhenTarget, date: string, ctx: TurnContext, hours?: OpeningHours): Promise<WhenAnswer> {
  const next = (await freeDays(target, ctx)).filter((d) => d > date).slice(0, 3);
  const open = hours?.[String(weekdayOf(date)) as keyof OpeningHours];
  return { kind: hours && !open?.length ? "closed" : "full", date, next };
}

/** A wish on a day: its earliest or latest free time (inside the window, if one was said), or the window's list. */
async function wished(wish: TimeWish, date: string, target: WhenTarget, ctx: TurnContext, where: { tz: string; hours?: OpeningHours }): Promise<WhenAnswer> {
  if (date < zonedParts(ctx.now, where.tz).date) return { kind: "pastDay", date };
  const slots = await freeSlots(target, date, ctx);
  if (!slots.length) return noFreeTimes(target, date, ctx, where.hours);
  const window: DayWindow | undefined = wish.said ? { from: wish.from, to: wish.to, said: wish.said } : date === target.date ? target.window : undefined;
  const pool = inWindow(slots, window, where.tz).sort((a, b) => a.start.getTime() - b.start.getTime());
  if (wish.pick && pool.length) {
    const slot = wish.pick === "earliest" ? pool[0] : pool[pool.length - 1];
    return { kind: "slot", date, start: slot.start, picked: wish.pick };
  }
  return window ? { kind: "window", date, window } : { kind: "day", date };
}
