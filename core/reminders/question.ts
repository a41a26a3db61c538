import { t, type Lang } from "../../locales/i18n.ts";
import type { PendingQuestion } from "../conversation/state.ts";

/** Channels whose reminder is answered by typing PO/JO (numbered, no buttons), by the sender's phone. */
export const ANSWERED_BY_TEXT = ["sms", "whatsapp"] as const;
/** Chat channels whose reminder asks with buttons (confirm, cancel), answered by a press or by typing in the chat. */
export const ANSWERED_IN_CHAT = ["telegram", "web", "teams", "terminal"] as const;

/**
 * Who the question an SMS/WhatsApp reminder asks belongs to ("PO to confirm, JO to cancel"): set as the
 * conversation's pending question when the reminder is sent, answered by the reminder answers handler.
 */
export const REMINDER_ASKED = "reminder";
/** Who the reminder answers' own follow-up questions belong to ("which booking?", "cancel anyway?"). */
export const REMINDER_FOLLOW_UP = "reminder.followUp";
/** Choice ids of the reminder questions: "rr.<action>:<bookingId>" (y confirm, n cancel, x cancel anyway, k keep). */
export const REMINDER_PREFIX = "rr.";

/** One booking's choices in a reminder's question: confirm (PO, 1) and cancel (JO, 2). */
function choicesFor(lang: Lang, bookingId: string): PendingQuestion["choices"] {
  return [
    { id: `${REMINDER_PREFIX}y:${bookingId}`, label: t(lang, "reminders:answerConfirm") },
    { id: `${REMINDER_PREFIX}n:${bookingId}`, label: t(lang, "reminders:answerCancel") },
  ];
}

/**
 * The question a reminder of `bookingId` asks, given the question already pending in the conversation:
 * a reminder's question still unanswered (another booking reminded since the customer last wrote) is
 * joined, so PO then asks which booking; any other question is replaced (the most recent one wins).
 */
export function reminderQuestion(lang: Lang, bookingId: string): (current: PendingQuestion | undefined) => PendingQuestion {
  return (current) => {
    const earlier = current?.by === REMINDER_ASKED ? current.choices.filter((c) => !c.id.endsWith(`:${bookingId}`)) : [];
    return { by: REMINDER_ASKED, choices: [...earlier, ...choicesFor(lang, bookingId)] };
  };
}

/** The bookings a pending reminder question is about, in the order they were reminded. */
export function remindedIn(pending: PendingQuestion | undefined): string[] {
  if (pending?.by !== REMINDER_ASKED) return [];
  const ids = pending.choices.filter((c) => c.id.startsWith(REMINDER_PREFIX)).map((c) => c.id.slice(c.id.indexOf(":") + 1));
  return [...new Set(ids)];
}
