import { z } from "zod";
import { bookingVars } from "../../core/bookings/confirmation.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { formatDayTime } from "../../core/format.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { flowData } from "../engine/data.ts";
import type { StepInput, TurnContext } from "../engine/types.ts";
import type { ManagedBooking, ManagePort } from "../../core/bookings/port.ts";
import { DayWindowData } from "../when/read.ts";
import { WhichWeekData } from "../when/week.ts";

/** Data the manage flow keeps in the conversation state. */
export const ManageData = z.object({
  /**
   * What the customer came to do: "cancel" | "reschedule" | "running-late" (from an intent or button), or
   * "show" (a question about a booking: "when is my appointment?").
   */
  mode: z.string().optional(),
  bookingId: z.string().optional(),
  date: z.string().optional(),
  dayPage: z.number().int().nonnegative().optional(),
  slotPage: z.number().int().nonnegative().optional(),
  /** The part of the day asked for at the time step ("pasdite"): the list shows only it. */
  window: DayWindowData.optional(),
  minutes: z.number().optional(),
  /** Running late said with "I'll be there" («po, do jem aty, por vonohem 5 minuta»): the booking is confirmed too. */
  coming: z.boolean().optional(),
  /** A new time typed while moving, waiting for the customer's yes (epoch ms). */
  newStart: z.number().optional(),
  /** The nearest free times offered when the asked one was taken (epoch ms). */
  nearest: z.array(z.number()).optional(),
  /**
   * The message that chose the day had a number not read as a time ("Thursday morning instead? 10 if
   * possible", with "10" unread): the booking's own time is not offered for a «yes» then.
   */
  timeUnread: z.boolean().optional(),
  /** The bookings "cancel all my bookings" asked about (ids), for the one question that cancels them together. */
  all: z.array(z.string()).optional(),
  /** The message that opened the flow ("shtyje për të enjten në 11"): which booking, which new time. */
  wantText: z.string().optional(),
  /** "next Thursday" said early in the week: which week is being asked (see dialogs/when/week.ts). */
  which: WhichWeekData.optional(),
  /** Step to go back to after a phone/email is proved. */
  after: z.string().optional(),
  target: z.string().optional(),
  /** A new code was sent to the same contact ("I didn't get it"): the code is asked for as the new one. */
  resent: z.boolean().optional(),
});
/** Data the manage flow keeps in the conversation state. */
export type ManageData = z.infer<typeof ManageData>;

export const md = flowData(ManageData);
export const choiceOf = (input: StepInput) => (input.kind === "choice" ? input.value : null);
export const back = (lang: Lang) => ({ id: "g.back", label: t(lang, "common:actions.back") });
export const toMenu = (lang: Lang) => ({ id: "g.menu", label: t(lang, "common:actions.menu") });

/** The manage port; the flow cannot work without it. */
export function port(ctx: TurnContext): ManagePort {
  const m = ctx.services.manage;
  if (!m) throw new Error("manage port not registered");
  return m;
}

/** "e enjte, 26 nëntor në 10:00 · Berberi Ardit" */
export function bookingLabel(lang: Lang, b: ManagedBooking): string {
  return `${formatDayTime(lang, b.start, b.business.timeZone)} · ${b.business.name}`;
}

/** A booking's details, as one block of text. */
export function bookingText(lang: Lang, b: ManagedBooking): string {
  const lines = [
    t(lang, "manage:details", bookingVars(lang, b)),
  ];
  if (b.customerConfirmedAt) lines.push(t(lang, "manage:youConfirmed"));
  if (b.lateMinutes) lines.push(t(lang, "manage:lateNoted", { count: b.lateMinutes }));
  return lines.join("\n");
}

/** A confirmation with the calendar link. */
export function withCalendar(lang: Lang, text: string, ctx: TurnContext, b: ManagedBooking): Reply {
  return { text, link: { url: port(ctx).icsLink(b), label: t(lang, "manage:calendar") } };
}

/** The booking picked earlier in this flow, still manageable by this conversation. */
export async function current(state: ConversationState, ctx: TurnContext): Promise<ManagedBooking | null> {
  const id = md(state).bookingId;
  return id ? port(ctx).get(ctx.conversationId, id, ctx.now) : null;
}
