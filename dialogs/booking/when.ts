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
  let when = nlu.when(text, { now: ctx.now, timeZone: tz, openingHours: b?.openingHours });
  // A bare time at the time step means that day.
  if (!when && state.step === "time" && data.date) when = nlu.when(`${data.date.split("-").reverse().join(".")} ${text}`, { now: ctx.now, timeZone: tz, openingHours: b?.openingHours });
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
