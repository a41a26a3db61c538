import type { Slot } from "../../core/availability/types.ts";
import { addDays, zonedToUtc } from "../../core/clock.ts";
import { formatLocalDate, formatTime } from "../../core/format.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import type { BookingData } from "./flow.ts";

/**
 * Other free times for a taken one: the nearest on the same day (up to 3), then the same time on the
 * next days (up to 3 within a week).
 */
async function alternatives(ctx: TurnContext, serviceId: string, date: string, start: Date, slots: Slot[], tz: string): Promise<number[]> {
  const sameDay = [...slots]
    .sort((a, b) => Math.abs(a.start.getTime() - start.getTime()) - Math.abs(b.start.getTime() - start.getTime()))
    .slice(0, 3)
    .map((s) => s.start.getTime())
    .sort((a, b) => a - b);
  const time = formatTime("sq", start, tz);
  const later: number[] = [];
  for (let i = 1; i <= 7 && later.length < 3; i++) {
    const day = addDays(date, i);
    const at = zonedToUtc(day, time, tz).getTime();
    const free = await ctx.services.availability.slots(serviceId, day, ctx.now);
    if (free.some((s) => s.start.getTime() === at)) later.push(at);
  }
  return [...sameDay, ...later];
}

/**
 * Free text at the day or time step ("nesër në 10", "të premten", "14:30"): picks the day, or the slot when
 * a time is given and free (saying which), or offers other free times when it is taken: the nearest that
 * day and the same time on the next days. `named` are what else was understood from the same message
 * (business, service), said first: "Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën 10:00 — e lirë."
 */
export async function pickDayOrTime(state: ConversationState, text: string, ctx: TurnContext, named: string[] = []): Promise<Outcome> {
  const nlu = ctx.services.nlu;
  const data = state.data as BookingData;
  if (!nlu || !data.serviceId) return { type: "unknown" };
  const b = await ctx.services.catalog.business(data.businessId ?? "");
  const tz = b?.timeZone ?? ctx.timeZone;
  const opts = { timeZone: tz, openingHours: b?.openingHours };
  let when = nlu.when(text, { ...opts, now: ctx.now });
  if (state.step === "time" && data.date) {
    // At the time step a bare time ("ora 3 pasdite") means the chosen day: read it from that day's start.
    const dayStart = zonedToUtc(data.date, "00:00", tz);
    const onDay = nlu.when(text, { ...opts, now: dayStart > ctx.now ? dayStart : ctx.now });
    if (onDay && onDay.date === data.date) when = onDay;
  }
  if (!when) return { type: "unknown" };
  const slots = await ctx.services.availability.slots(data.serviceId, when.date, ctx.now);
  if (!when.hasTime) {
    if (slots.length) return { type: "next", step: "time", data: { date: when.date, slotPage: 0 } };
    return { type: "retry", errorKey: "booking:dayNotFree", vars: { day: formatLocalDate(state.lang, when.date) } };
  }
  // A sentence starts with a capital, also when it starts with the day ("E martë, 1 dhjetor, ...").
  const said = [...named, t(state.lang, "booking:understoodAt", { day: formatLocalDate(state.lang, when.date), time: formatTime(state.lang, when.start, tz) })].join(", ");
  const what = said.charAt(0).toUpperCase() + said.slice(1);
  const exact = slots.find((s) => s.start.getTime() === when.start.getTime());
  if (exact) {
    const ready = data.name && data.email && data.phone;
    return {
      type: "next",
      step: ready ? "confirm" : "name",
      data: { date: when.date, start: exact.start.getTime() },
      say: [{ text: t(state.lang, "booking:understoodFree", { what }) }],
    };
  }
  let nearest = await alternatives(ctx, data.serviceId, when.date, when.start, slots, tz);
  if (!nearest.length) nearest = (await ctx.services.availability.nearest(data.serviceId, when.start, ctx.now, 3)).map((s) => s.start.getTime());
  return {
    type: "next",
    step: "taken",
    data: { date: when.date, nearest },
    say: [{ text: t(state.lang, "booking:understoodTaken", { what }) }],
  };
}
