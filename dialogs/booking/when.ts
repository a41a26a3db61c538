import { addDays, zonedToUtc } from "../../core/clock.ts";
import { formatLocalDate, formatTime } from "../../core/format.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import { digresses } from "../digression.ts";
import { answerWhen, whyNotFree } from "../when/outcome.ts";
import { BookingData } from "./flow.ts";

/**
 * Other free times for a taken one: the nearest on the same day (up to 3), then the same time on the
 * next days (up to 3 within a week).
 */
async function alternatives(ctx: TurnContext, serviceId: string, date: string, start: Date, tz: string): Promise<number[]> {
  const slots = await ctx.services.availability.slots(serviceId, date, ctx.now);
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

/** Whether the text names services of the chosen business, none of them the chosen one. */
async function namesOtherService(text: string, data: BookingData, ctx: TurnContext): Promise<boolean> {
  const index = await ctx.services.catalog.entities();
  const here = index.recognize(text).services.filter((id) => index.services.get(id)?.businessId === data.businessId);
  return here.length > 0 && !here.includes(data.serviceId ?? "");
}

/**
 * Where a typed day or time leads in a booking: a free time goes on to the name (or the summary, with the
 * details known), saying what was understood ("Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën
 * 10:00 — e lirë."); a taken one offers the nearest free times that day and the same time on the next days.
 * `named` are what else was understood from the same message (business, service), said first.
 */
async function whenSteps(state: ConversationState, ctx: TurnContext, named: string[]) {
  const data = BookingData.parse(state.data);
  const lang = state.lang;
  const b = await ctx.services.catalog.business(data.businessId ?? "");
  const tz = b?.timeZone ?? ctx.timeZone;
  // A sentence starts with a capital, also when it starts with the day ("E martë, 1 dhjetor, ...").
  const what = (date: string, start: Date) => {
    const said = [...named, t(lang, "booking:understoodAt", { day: formatLocalDate(lang, date), time: formatTime(lang, start, tz) })].join(", ");
    return said.charAt(0).toUpperCase() + said.slice(1);
  };
  return {
    chosen(date: string, start: Date): Outcome {
      const ready = data.name && data.email && data.phone;
      return {
        type: "next",
        step: ready ? "confirm" : "name",
        data: { date, start: start.getTime() },
        say: [{ text: t(lang, "booking:understoodFree", { what: what(date, start) }) }],
      };
    },
    async taken(date: string, asked: Date, nearest: Date[]): Promise<Outcome> {
      let offered = await alternatives(ctx, data.serviceId!, date, asked, tz);
      if (!offered.length) offered = nearest.map((d) => d.getTime());
      const why = whyNotFree(b, date, asked, tz);
      const key = why === "closed" ? "booking:understoodClosedThen" : why === "offGrid" ? "booking:understoodOffGrid" : "booking:understoodTaken";
      return { type: "next", step: "taken", data: { date, nearest: offered }, say: [{ text: t(lang, key, { what: what(date, asked), count: b?.slotStepMin ?? 0 }) }] };
    },
  };
}

/**
 * The time chosen before, for a service chosen anew at a later step ("jo, më mirë prerje flokësh dhe
 * mjekre" at the name step): kept when the new service is free then, else its nearest free times.
 */
export async function keepChosen(state: ConversationState, ctx: TurnContext, named: string[], start: Date): Promise<Outcome> {
  const data = BookingData.parse(state.data);
  const steps = await whenSteps(state, ctx, named);
  const free = await ctx.services.availability.slots(data.serviceId ?? "", data.date ?? "", ctx.now);
  if (free.some((s) => s.start.getTime() === start.getTime())) return steps.chosen(data.date ?? "", start);
  return steps.taken(data.date ?? "", start, []);
}

/**
 * Free text at the day, time or nearest-times step ("nesër në 10", "të premten", "14:30"), read by the
 * shared day/time reader: picks the day, or the slot when a time is given and free (saying which), or
 * offers other free times when it is taken: the nearest that day and the same time on the next days.
 * `named` are what else was understood from the same message (business, service), said first. `sameAs`:
 * the time chosen so far, which "në të njëjtën orë" keeps.
 */
export async function pickDayOrTime(state: ConversationState, text: string, ctx: TurnContext, named: string[] = [], sameAs?: Date): Promise<Outcome> {
  const data = BookingData.parse(state.data);
  if (!data.serviceId || (await digresses(text, state.lang, ctx, { questions: false, bookings: false, inProgress: true }))) return { type: "unknown" };
  // Another service of this business named with the time ("rruajtje me brisk në 11") is a new request:
  // the router takes it, keeping the business.
  if (named.length === 0 && (await namesOtherService(text, data, ctx))) return { type: "unknown" };
  const target = {
    serviceId: data.serviceId,
    businessId: data.businessId ?? "",
    date: state.step === "time" || state.step === "taken" ? data.date : undefined,
    window: state.step === "time" ? data.window : undefined,
    sameAs,
    week: state.step === "week" ? data.which?.picked : undefined,
    near: state.step === "day" ? data.notFree?.date : undefined,
  };
  const { chosen, taken } = await whenSteps(state, ctx, named);
  const out = await answerWhen(text, target, state, ctx, { day: "day", time: "time", nearest: "taken", week: "week", chosen, taken });
  return out ?? { type: "unknown" };
}
