import type { ConversationState } from "../../core/conversation/state.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import { digresses } from "../digression.ts";
import { answerWhen } from "../when/outcome.ts";
import type { BookingData } from "./flow.ts";

/**
 * Free text at the day, time or nearest-times step ("nesër në 10", "të premten", "14:30"): picks the day,
 * or the slot when a time is given and free, or offers the nearest free slots around the asked time.
 */
export async function pickDayOrTime(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome> {
  const data = state.data as BookingData;
  if (!data.serviceId || digresses(text, state.lang, ctx, { questions: false })) return { type: "unknown" };
  const target = { serviceId: data.serviceId, businessId: data.businessId ?? "", date: state.step === "time" || state.step === "taken" ? data.date : undefined };
  const out = await answerWhen(text, target, state, ctx, {
    day: "day",
    time: "time",
    nearest: "taken",
    chosen(date, start) {
      const ready = data.name && data.email && data.phone;
      return { type: "next", step: ready ? "confirm" : "name", data: { date, start: start.getTime() } };
    },
  });
  return out ?? { type: "unknown" };
}
