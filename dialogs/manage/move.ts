import type { ManagedBooking } from "../../core/bookings/port.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { zonedParts } from "../../core/clock.ts";
import type { Slot } from "../../core/availability/types.ts";
import { formatDateIn, formatDayTime, formatShortDate, formatTime } from "../../core/format.ts";
import { hasUnreadHour } from "../../core/nlu/unread-hour.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import { t } from "../../locales/i18n.ts";
import { slotChoice, slotFromId, slotId } from "../booking/labels.ts";
import type { Outcome, Step, TurnContext } from "../engine/types.ts";
import { answerWhen } from "../when/outcome.ts";
import { dayTimes } from "../when/list.ts";
import { weekAgrees, whichWeekStep } from "../when/week.ts";
import { namedBookings } from "./named.ts";
import { back, current, md, port, toMenu, withCalendar } from "./common.ts";

const DAYS_PER_PAGE = 7;
const SLOTS_PER_PAGE = 8;

/**
 * A new day or time typed while moving a booking ("të mërkurën në 14:00", "nesër", "pasnesër në 10"):
 * the day's free times, or the typed time to confirm, or the nearest free times. Null when no day or time.
 * `whole`: the customer's whole message, when `text` is the part of it that says where the booking goes.
 */
export async function moveTo(text: string, state: ConversationState, ctx: TurnContext, b: ManagedBooking, whole = text): Promise<Outcome | null> {
  const target = {
    serviceId: b.service.id,
    businessId: b.business.id,
    date: state.step === "time" || state.step === "nearest" ? md(state).date : undefined,
    keep: b.start,
    window: state.step === "time" ? md(state).window : undefined,
    week: state.step === "week" ? md(state).which?.picked : undefined,
  };
  const out = await answerWhen(text, target, state, ctx, {
    day: "day",
    time: "time",
    nearest: "nearest",
    week: "week",
    // A free time typed at the day's list is that time pressed: moved at once. A time typed with a new
    // day, or picked for the customer ("e para e lirë"), is said back first.
    chosen: (date, start, picked) =>
      state.step === "time" && date === md(state).date && !picked
        ? move(state, ctx, start)
        : { type: "next", step: "moveConfirm", data: { date, newStart: start.getTime() } },
  });
  // A day's times shown for a message with a number no one read as a time: no «yes» to the own time there.
  const timeUnread = hasUnreadHour(whole) || undefined;
  if (out?.type === "next" && out.step === "time") return { ...out, data: { ...out.data, timeUnread } };
  if (out?.type === "stay" && state.step === "time") return { ...out, data: { ...out.data, timeUnread } };
  return out;
}

/** Moves the booking now (a time pressed in a list, or a typed one confirmed). */
async function move(state: ConversationState, ctx: TurnContext, start: Date): Promise<Outcome> {
  const r = await port(ctx).reschedule(ctx.conversationId, md(state).bookingId ?? "", start, ctx.now);
  if (r.ok) {
    const b = r.booking;
    const text = t(state.lang, "manage:moved", { ref: b.ref, business: b.business.name, when: formatDateIn(state.lang, b.start, "acc", b.business.timeZone) });
    return { type: "end", say: [withCalendar(state.lang, text, ctx, b)] };
  }
  if (r.reason === "slot_taken" || r.reason === "too_soon") {
    const b = await current(state, ctx);
    const nearest = b ? (await ctx.services.availability.nearest(b.service.id, start, ctx.now, 4)).filter((s) => s.start.getTime() !== b.start.getTime()).slice(0, 3) : [];
    // Free a moment ago but now closer than the business's notice: said so, not as taken by someone.
    const why = r.reason === "too_soon" ? t(state.lang, "manage:nowTooSoon", { count: r.noticeMin }) : t(state.lang, "manage:slotTaken");
    return { type: "next", step: "nearest", data: { nearest: nearest.map((s) => s.start.getTime()) }, say: [{ text: why }] };
  }
  return { type: "end", say: [{ text: t(state.lang, r.reason === "past" ? "manage:tooLate" : "manage:lost") }] };
}

/** Text at a move step: a day or time, else nothing understood. */
async function typed(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome> {
  const b = await current(state, ctx);
  if (!b) return { type: "end", say: [{ text: t(state.lang, "manage:lost") }] };
  const out = await moveTo(text, state, ctx, b);
  if (out) return out;
  // Naming the booking being moved ("the dentist one") is not an answer: ask again.
  return (await namedBookings(text, [b], ctx)).length ? { type: "stay" } : { type: "unknown" };
}

const lost = (state: ConversationState) => [{ text: t(state.lang, "manage:lost"), choices: [toMenu(state.lang)] }];

/** "next Thursday" said early in the week: this week's or next week's? */
export const week: Step = whichWeekStep({ which: (state) => md(state).which, typed });

/** Reschedule, first a new day of the same service (or a day and time typed). */
export const day: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    if (!b) return lost(state);
    const days = await ctx.services.availability.days(b.service.id, ctx.now, 60);
    if (!days.length) return [{ text: t(state.lang, "manage:noDays"), choices: [back(state.lang), toMenu(state.lang)] }];
    const page = md(state).dayPage ?? 0;
    const choices = days.slice(page * DAYS_PER_PAGE, (page + 1) * DAYS_PER_PAGE).map((x) => ({ id: `d:${x.date}`, label: formatShortDate(state.lang, x.date) }));
    if (days.length > (page + 1) * DAYS_PER_PAGE) choices.push({ id: "more", label: t(state.lang, "manage:moreDays") });
    choices.push(back(state.lang));
    const vars = {
      service: state.lang === "en" ? b.service.nameEn : b.service.nameSq,
      business: b.business.name,
      when: formatDateIn(state.lang, b.start, "acc", b.business.timeZone),
    };
    return [{ text: t(state.lang, "manage:askDay", vars), choices, kind: "days" }];
  },
  async handle(state, input, ctx) {
    const v = input.kind === "choice" ? input.value : null;
    if (v === "more") return { type: "stay", data: { dayPage: (md(state).dayPage ?? 0) + 1 } };
    if (v?.startsWith("d:")) return { type: "next", step: "time", data: { date: v.slice(2), slotPage: 0, window: undefined, timeUnread: undefined } };
    if (input.kind === "text") return typed(state, input.text, ctx);
    return { type: "unknown" };
  },
};

/** The free places of the day chosen for a move, without the booking's own. */
async function freeForMove(state: ConversationState, ctx: TurnContext, b: ManagedBooking): Promise<Slot[]> {
  return (await ctx.services.availability.slots(b.service.id, md(state).date ?? "", ctx.now)).filter((s) => s.start.getTime() !== b.start.getTime());
}

/** The free place at the booking's own time of day, on the day chosen for the move, if there is one. */
function sameTimeOf(b: ManagedBooking, free: Slot[]): Slot | undefined {
  const tz = b.business.timeZone;
  const time = zonedParts(b.start, tz).time;
  return free.find((s) => zonedParts(s.start, tz).time === time);
}

/**
 * Reschedule, then a free slot of that day; pressing one moves the booking, a typed one is confirmed first.
 * When the booking's own time is free that day, the list says so, and «yes» takes it.
 */
export const time: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    if (!b) return lost(state);
    const data = md(state);
    const free = await freeForMove(state, ctx, b);
    if (!free.length) return [{ text: t(state.lang, "manage:dayFull"), choices: [{ id: "days", label: t(state.lang, "manage:otherDay") }] }];
    const { slots, text } = dayTimes(state.lang, data.date ?? "", free, data.window, b.business.timeZone, "manage:askTime");
    const page = data.slotPage ?? 0;
    const choices = slots.slice(page * SLOTS_PER_PAGE, (page + 1) * SLOTS_PER_PAGE).map((s) => slotChoice(state.lang, s, b.business.timeZone));
    if (slots.length > (page + 1) * SLOTS_PER_PAGE) choices.push({ id: "more", label: t(state.lang, "manage:moreTimes") });
    choices.push({ id: "days", label: t(state.lang, "manage:otherDay") });
    const same = data.timeUnread ? undefined : sameTimeOf(b, free);
    const offer = same ? [{ text: t(state.lang, "manage:sameTimeFree", { time: formatTime(state.lang, same.start, b.business.timeZone) }) }] : [];
    return [...offer, { text, choices, kind: "slots" }];
  },
  async handle(state, input, ctx) {
    const v = input.kind === "choice" ? input.value : null;
    if (v === "more") return { type: "stay", data: { slotPage: (md(state).slotPage ?? 0) + 1 } };
    if (v === "days") return { type: "next", step: "day", data: { dayPage: 0 } };
    const start = v ? slotFromId(v) : null;
    if (start) return move(state, ctx, start);
    if (input.kind !== "text") return { type: "unknown" };
    // «yes» to the line that offers the booking's own time ("same time" is read like any typed time).
    if (readYesNo(input.text) === "yes" && !md(state).timeUnread) {
      const b = await current(state, ctx);
      const same = b ? sameTimeOf(b, await freeForMove(state, ctx, b)) : undefined;
      if (same) return move(state, ctx, same.start);
    }
    return typed(state, input.text, ctx);
  },
};

/** The asked time was not free: the nearest free ones, or another day or time typed. */
export const nearest: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    if (!b) return lost(state);
    const list = md(state).nearest ?? [];
    const choices = list.map((ms) => ({ id: slotId(new Date(ms)), label: formatDayTime(state.lang, new Date(ms), b.business.timeZone) }));
    choices.push({ id: "days", label: t(state.lang, "manage:otherDay") });
    return [{ text: t(state.lang, list.length ? "booking:nearestFree" : "booking:noNearest"), choices, kind: "slots" }];
  },
  async handle(state, input, ctx) {
    const v = input.kind === "choice" ? input.value : null;
    if (v === "days") return { type: "next", step: "day", data: { dayPage: 0 } };
    const start = v ? slotFromId(v) : null;
    if (start && (md(state).nearest ?? []).includes(start.getTime())) return move(state, ctx, start);
    if (input.kind === "text") return typed(state, input.text, ctx);
    return { type: "unknown" };
  },
};

const MOVE_WORDS = { yes: ["zhvendose", "zhvendoseni", "shtyje", "ndryshoje", "kaloje", "move"], no: [] };

/** A typed new time, said back before the booking is moved. */
export const moveConfirm: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    const to = md(state).newStart;
    if (!b || !to) return lost(state);
    const lang = state.lang;
    const tz = b.business.timeZone;
    const text = t(lang, "manage:confirmMove", {
      from: formatDateIn(lang, b.start, "gen", tz),
      business: b.business.name,
      service: lang === "en" ? b.service.nameEn : b.service.nameSq,
      to: formatDateIn(lang, new Date(to), "acc", tz),
    });
    return [{ text, choices: [{ id: "yes", label: t(lang, "manage:moveYes") }, { id: "no", label: t(lang, "manage:moveOther") }, back(lang)] }];
  },
  async handle(state, input, ctx) {
    const v = (input.kind === "text" ? readYesNo(input.text, MOVE_WORDS) : null) ?? (input.kind === "choice" ? input.value : null);
    if (v === "no") return { type: "next", step: "day", data: { dayPage: 0, newStart: undefined } };
    if (v === "yes" && md(state).newStart) return move(state, ctx, new Date(md(state).newStart!));
    // "next week" said of a new day that is next week's: that day, asked again (not the week's Monday).
    const to = md(state).newStart;
    if (input.kind === "text" && to) {
      const tz = (await current(state, ctx))?.business.timeZone ?? ctx.timeZone;
      if (weekAgrees(input.text, zonedParts(new Date(to), tz).date, zonedParts(ctx.now, tz).date)) return { type: "stay" };
    }
    if (input.kind === "text") return typed(state, input.text, ctx);
    return { type: "unknown" };
  },
};
