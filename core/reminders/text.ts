import type { Reply } from "../conversation/messages.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { formatDayTime } from "../format.ts";
import { zonedParts } from "../clock.ts";
import { reminderQuestion } from "./question.ts";

/** Reminder kinds and how long before the start each is sent. */
export const REMINDER_KINDS = { "24h": 24 * 3600_000, "2h": 2 * 3600_000 } as const;
export type ReminderKind = keyof typeof REMINDER_KINDS;

/** What the reminder text needs about a booking. */
export interface ReminderBooking {
  id: string;
  ref: string;
  start: Date;
  business: { name: string; address: string; city: string; phone: string; timeZone: string };
  service: { nameSq: string; nameEn: string };
}

/**
 * The reminder message in Tirana wall-clock time (the business's zone). Text channels (SMS, WhatsApp)
 * say how to answer; chat channels get buttons instead: confirm, cancel (the question of
 * {@link reminderQuestion}, answered by a press or by typing) and the customer's bookings. A 24 h
 * reminder sent late, on the booking's own day (`now`: when it is sent), says "today", not "tomorrow".
 */
export function reminderReplies(lang: Lang, kind: ReminderKind, b: ReminderBooking, opts: { answerBy: "text" | "buttons" | "none"; icsUrl?: string; now?: Date }): Reply[] {
  const vars = {
    business: b.business.name,
    service: lang === "en" ? b.service.nameEn : b.service.nameSq,
    when: formatDayTime(lang, b.start, b.business.timeZone),
    address: `${b.business.address}, ${b.business.city}`,
    phone: b.business.phone,
    ref: b.ref,
  };
  const sameDay = !!opts.now && zonedParts(opts.now, b.business.timeZone).date === zonedParts(b.start, b.business.timeZone).date;
  let text = t(lang, kind === "2h" ? "reminders:text2h" : sameDay ? "reminders:text24hToday" : "reminders:text24h", vars);
  if (opts.answerBy === "text") text += `\n${t(lang, "reminders:howToAnswer")}`;
  const reply: Reply = { text };
  if (opts.answerBy === "buttons") {
    reply.choices = [
      ...reminderQuestion(lang, b.id)(undefined).choices,
      { id: "g.mybookings", label: t(lang, "reminders:manageButton") },
    ];
  }
  if (opts.icsUrl && opts.answerBy !== "text") reply.link = { url: opts.icsUrl, label: t(lang, "reminders:calendar") };
  return [reply];
}
