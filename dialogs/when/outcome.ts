import type { Reply } from "../../core/conversation/messages.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { weekdayOf, zonedParts } from "../../core/clock.ts";
import { startAt } from "../../core/availability/slots.ts";
import type { BusinessInfo } from "../../core/catalog/port.ts";
import { formatDateIn, formatLocalDate, formatTime } from "../../core/format.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import { notifyChoice } from "../waitlist/common.ts";
import { readWhen, type WhenAnswer, type WhenTarget } from "./read.ts";

/**
 * Why a time that is not free is not: the business is closed then, or its bookings do not start then
 * (every 30 minutes from the opening: 16:15 is no start), or it is taken ("taken").
 */
export function whyNotFree(b: BusinessInfo | null | undefined, date: string, start: Date, tz: string): "closed" | "offGrid" | "taken" {
  if (!b) return "taken";
  const { hour, minute } = zonedParts(start, tz);
  const at = startAt(b.openingHours, b.slotStepMin, weekdayOf(date), hour * 60 + minute);
  return at === "start" ? "taken" : at;
}

/** The message for a time that is not free, by why (see {@link whyNotFree}). */
const TAKEN_KEY = { taken: "taken", closed: "takenClosed", offGrid: "takenOffGrid" } as const;

/** The steps of a flow that ask for a day, a time and one of the nearest free times. */
export interface WhenSteps {
  day: string;
  time: string;
  nearest: string;
  /** The step that asks which week "next Wednesday" meant (see week.ts). */
  week: string;
  /** Where a free time the customer typed leads (the name step, a confirmation ...). */
  chosen(date: string, start: Date, picked?: "earliest" | "latest"): Outcome | Promise<Outcome>;
  /** A flow's own answer to a taken time (default: the nearest free times, at the nearest step). */
  taken?(date: string, asked: Date, nearest: Date[]): Outcome | Promise<Outcome>;
}

/**
 * A day or time typed at any step that asks for one, as that flow's outcome: the day's free times, the
 * typed time, the nearest free times, or why not (the day has passed, the business is closed that day, the
 * day is full) with the days that are free. Null when the text names no day or time.
 */
export async function answerWhen(text: string, target: WhenTarget, state: ConversationState, ctx: TurnContext, steps: WhenSteps): Promise<Outcome | null> {
  const answer = await readWhen(text, target, ctx);
  if (answer?.kind === "whichWeek") return { type: "next", step: steps.week, data: { which: { dates: answer.dates, time: answer.time, text } } };
  return answer ? whenOutcome(answer, target, state, ctx, steps, text) : null;
}

async function whenOutcome(a: Exclude<WhenAnswer, { kind: "whichWeek" }>, target: WhenTarget, state: ConversationState, ctx: TurnContext, steps: WhenSteps, text: string): Promise<Outcome> {
  const lang = state.lang;
  const b = await ctx.services.catalog.business(target.businessId);
  const tz = b?.timeZone ?? ctx.timeZone;
  const toDays = (text: string, choices?: Reply["choices"], data: Record<string, unknown> = {}): Outcome =>
    state.step === steps.day
      ? { type: "stay", data: { dayPage: 0, ...data }, say: [{ text, ...(choices ? { choices } : {}) }] }
      : { type: "next", step: steps.day, data: { dayPage: 0, ...data }, say: [{ text, ...(choices ? { choices } : {}) }] };
  switch (a.kind) {
    case "day":
      return { type: "next", step: steps.time, data: { date: a.date, slotPage: 0, window: undefined } };
    case "window":
      // "pasdite" at the time step narrows the list in place; with a day, that day's list, narrowed.
      if (state.step === steps.time && (state.data as { date?: string }).date === a.date) return { type: "stay", data: { slotPage: 0, window: a.window } };
      return { type: "next", step: steps.time, data: { date: a.date, slotPage: 0, window: a.window } };
    case "slot":
      return steps.chosen(a.date, a.start, a.picked);
    case "taken":
      if (steps.taken) return steps.taken(a.date, a.asked, a.nearest);
      return {
        type: "next",
        step: steps.nearest,
        data: { date: a.date, nearest: a.nearest.map((d) => d.getTime()) },
        say: [{ text: t(lang, `when:${TAKEN_KEY[whyNotFree(b, a.date, a.asked, tz)]}`, { time: formatTime(lang, a.asked, tz), day: formatDateIn(lang, a.date, "gen"), count: b?.slotStepMin ?? 0 }) }],
      };
    case "same":
      return { type: "retry", errorKey: "when:same" };
    case "dayNotRead":
      return toDays(t(lang, "when:dayNotRead"));
    case "pastDay":
      return toDays(t(lang, "when:pastDay", { day: formatLocalDate(lang, a.date) }));
    case "pastTime": {
      const text = t(lang, "when:pastTime", { time: formatTime(lang, a.asked, tz) });
      if (state.step === steps.time && state.data.date === a.date) return { type: "stay", say: [{ text }] };
      return { type: "next", step: steps.time, data: { date: a.date, slotPage: 0 }, say: [{ text }] };
    }
    case "closed":
    case "full": {
      const why = a.kind === "closed"
        ? t(lang, "when:closed", { business: b?.name ?? "", day: formatDateIn(lang, a.date, "acc") })
        : t(lang, "when:full", { day: formatDateIn(lang, a.date, "acc") });
      const next = a.next.length ? ` ${t(lang, "when:nextDays", { days: a.next.map((d) => formatLocalDate(lang, d)).join("; ") })}` : "";
      // A full day of a new booking can be waited for ("Më njoftoni"); a closed one or a move cannot.
      const wait = a.kind === "full" && !target.keep && ctx.services.waitlist ? [notifyChoice(lang, target.serviceId, a.date)] : undefined;
      // The day (and time) asked for is kept: "the same time" and a weekday after it are read from it; the
      // words it was asked in too, for the part of the day a wait for it then takes («të premten pasdite»).
      return toDays(`${why}${next}`, wait, { notFree: { date: a.date, ...(a.asked ? { at: a.asked.getTime() } : {}), said: text } });
    }
  }
}
