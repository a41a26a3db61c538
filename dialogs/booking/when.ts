import { zonedToUtc } from "../../core/clock.ts";
import { formatLocalDate } from "../../core/format.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import type { BookingData } from "./flow.ts";

/**
 * Free text at the day or time step ("nesër në 10", "të premten", "14:30"): picks the day, or the slot when
 * a time is given and free, or offers the nearest free slots around the asked time.
 */
export async function pickDayOrTime(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome> {
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
  const exact = slots.find((s) => s.start.getTime() === when.start.getTime());
  if (exact) {
    const ready = data.name && data.email && data.phone;
    return { type: "next", step: ready ? "confirm" : "name", data: { date: when.date, start: exact.start.getTime() } };
  }
  const nearest = await ctx.services.availability.nearest(data.serviceId, when.start, ctx.now, 3);
  return {
    type: "next",
    step: "taken",
    data: { date: when.date, nearest: nearest.map((s) => s.start.getTime()) },
    say: [{ text: t(state.lang, "booking:askedTimeTaken") }],
  };
}
