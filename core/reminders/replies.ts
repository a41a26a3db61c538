// Answers to SMS/WhatsApp reminders: "PO"/"1"/"KONFIRMO"/"YES" confirm, "JO"/"2"/"ANULO"/"NO" cancel
// (any case, with or without diacritics), also said in a sentence ("po, do vij", "sorry, can't make it").
// Only the bookings of the sending phone are touched. A reminder sets its question ("PO to confirm, JO to cancel", with its booking) as the conversation's pending
// question when it is sent (question.ts); a question this handler asks in turn ("which booking?",
// "cancel anyway?") is kept the same way (choices "rr.<action>:<bookingId>"). The engine clears a pending
// question on any other turn, and a newer question replaces it.
import type { InboundMessage, Reply } from "../conversation/messages.ts";
import { optKeyword } from "../optout/service.ts";
import { normalize } from "../nlu/normalize.ts";
import { readYesNo } from "../nlu/yesno.ts";
import { detectIntent } from "../nlu/intent.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import { ownPhone } from "../bookings/identity.ts";
import type { ManagedBooking } from "../bookings/port.ts";
import type { Clock } from "../clock.ts";
import type { Handled, HandleMessage } from "../conversation/dialog.ts";
import type { ConversationState } from "../conversation/state.ts";
import { formatDayTime } from "../format.ts";
import type { ReminderAnswersPort } from "./port.ts";
import { REMINDER_FOLLOW_UP, REMINDER_PREFIX as PREFIX, remindedIn } from "./question.ts";

/** A text message (the only kind that can answer a reminder). */
type TextMessage = InboundMessage & { content: { kind: "text"; text: string } };

const YES = new Set(["po", "1", "konfirmo", "konfirmoj", "yes", "y", "ok", "po konfirmoj"]);
const NO = new Set(["jo", "2", "anulo", "anuloj", "no", "n", "cancel"]);

/** Dependencies of the reminder answers. */
export interface ReminderAnswersDeps {
  answers: ReminderAnswersPort;
  clock: Clock;
}

type Word = "yes" | "no" | null;
/** The bare answer word ("PO", "2", "anulo"); with a reminder's question pending, also one said in a sentence. */
const wordOf = (text: string, asked: boolean): Word => {
  const w = normalize(text).replace(/[.!]+$/, "");
  return YES.has(w) ? "yes" : NO.has(w) ? "no" : asked ? answerIn(text) : null;
};

// "s'vij dot", «nuk mund të vij», "can't make it", "won't be able to come": a no to the reminder.
const CANT_COME = /(?:^| )(?:(?:nuk|s) (?:(?:do |mund )?(?:te )?(?:vij|vijme|arrij|jem)|(?:do )?(?:te )?mund te (?:vij|vijme|arrij))|(?:can t|cannot|can not|won t|will not|wont) (?:make it|come|be there|be able to (?:come|make it))|unable to (?:come|make it))(?= |$)/;
// «po, do vij», «do jem aty», "I'll be there", "see you then", "coming": a yes.
const COMING = /(?:^| )(?:(?:do )?(?:te )?(?:vij|vijme|jem aty|jam aty)|(?:i ll|i will|we ll|we will) (?:be there|come)|see you(?: then| there| tomorrow)?|coming)(?= |$)/;
// The reminder's own words besides the plain yes and no ("konfirmoj", "anuloje").
const ANSWER_WORDS = {
  yes: ["konfirmoj", "konfirmo"],
  no: ["anulo", "anuloj", "anuloje", "anulojeni", "cancel", "anulim", "dot", "sorry", "unfortunately", "fatkeqesisht", "vjen", "keq"],
};

/** A yes or a no said in a sentence ("po, do vij", "sorry, can't make it"); null for anything else. */
function answerIn(text: string): Word {
  const norm = normalize(text);
  if (CANT_COME.test(norm)) return readYesNo(norm.replace(CANT_COME, " no "), ANSWER_WORDS) === "no" ? "no" : null;
  if (COMING.test(norm)) {
    const rest = norm.replace(new RegExp(COMING.source, "g"), " ").trim();
    return !rest || readYesNo(rest, ANSWER_WORDS) === "yes" ? "yes" : null;
  }
  return readYesNo(norm, ANSWER_WORDS);
}

/** Requests the dialog answers even while a reminder waits for PO/JO ("can I move it to 5?", "I'm running late"). */
const FOR_THE_DIALOG = new Set(["reschedule", "running-late", "my-bookings", "human", "ticket", "privacy", "notifications", "language"]);

const upcoming = (b: ManagedBooking, now: Date) => b.start > now && HOLDING_STATUSES.includes(b.status);

/**
 * The message handler for answers to reminders (registered by the reminders module; the engine runs it
 * after its keywords, the ticket relay and the waiting-list offers' answers). What it answers:
 * - a follow-up question of its own (by number, or yes/no for "cancel anyway?");
 * - the reminder's question, pending since the reminder was sent: PO/JO (1/2), or a yes or no in a
 *   sentence, for its booking, or "which booking?" when several reminders came since the customer last
 *   wrote; a request of its own (a move, a person) is left to the dialog; other text gets short help and
 *   the question stays;
 * - with no question pending, a bare PO/JO while the chat is at the menu: the phone's reminded bookings.
 */
/** Whether a message may answer a reminder: text by SMS or WhatsApp (any other is passed on untouched). */
export const mayAnswerReminder = (msg: InboundMessage): msg is TextMessage =>
  (msg.address.channel === "sms" || msg.address.channel === "whatsapp") && msg.content.kind === "text";

export function reminderAnswers(deps: ReminderAnswersDeps): HandleMessage {
  return async (msg, turn) => {
    const { channel, externalId } = msg.address;
    if (!mayAnswerReminder(msg)) return null;
    const phone = ownPhone(channel, externalId);
    if (!phone) return null;
    const text = msg.content.text.trim();
    if (optKeyword(text)) return null; // STOP / NDALO / START belong to the opt-out handling
    const { lang, state } = turn;
    const now = deps.clock();
    const followUp = followUpChoices(state);
    if (followUp.length) {
      const picked = pickPending(text, followUp);
      if (picked) return asking(await act(deps.answers, phone, picked, lang, now));
    }
    const asked = remindedIn(state.pending);
    const word = wordOf(text, asked.length > 0);
    const rows = asked.length ? await deps.answers.bookings(phone, asked) : [];
    if (rows.length) {
      const open = rows.filter((b) => upcoming(b, now));
      if (!word) {
        if (!open.length) return null;
        // A request of its own goes to the dialog (the reminder's question is then dropped); other text gets
        // the short help and the question stays.
        const intent = detectIntent(text)?.intent;
        if (intent && FOR_THE_DIALOG.has(intent)) return null;
        return { replies: [{ text: t(lang, "reminders:replyHelp") }], pending: state.pending! };
      }
      if (!open.length && rows.length === 1) return act(deps.answers, phone, { action: word === "yes" ? "y" : "n", bookingId: rows[0].id }, lang, now);
      return asking(await decide(deps.answers, phone, word, open, rows.length > 0, lang, now));
    }
    // No reminder question pending: a bare PO/JO at the menu still answers the phone's reminded bookings.
    const idle = state.flow === "menu" || state.prompt === 0;
    if (!word || !idle) return null;
    const reminded = await deps.answers.reminded(phone, now);
    const ids = [...new Set(reminded.filter((r) => r.upcoming).map((r) => r.bookingId))];
    const open = await deps.answers.bookings(phone, ids);
    return asking(await decide(deps.answers, phone, word, open, reminded.length > 0, lang, now));
  };
}

/** Replies that ask a question of our own ("which booking?", "cancel anyway?") keep it pending for the next message. */
function asking(replies: Reply[] | null): Reply[] | Handled | null {
  if (!replies) return null;
  const asked = replies.flatMap((r) => r.choices ?? []).filter((c) => c.id.startsWith(PREFIX));
  return asked.length ? { replies, pending: { by: REMINDER_FOLLOW_UP, choices: asked.map(({ id, label }) => ({ id, label })) } } : replies;
}

/** PO/JO for these upcoming bookings: act on the only one, or ask which; none left: it is past (or nothing to say). */
async function decide(answers: ReminderAnswersPort, phone: string, word: "yes" | "no", open: ManagedBooking[], anyReminded: boolean, lang: Lang, now: Date): Promise<Reply[] | null> {
  if (!open.length) return anyReminded ? [{ text: t(lang, "reminders:replyPast") }] : null;
  if (open.length === 1) return act(answers, phone, { action: word === "yes" ? "y" : "n", bookingId: open[0].id }, lang, now);
  return [{
    text: t(lang, word === "yes" ? "reminders:whichConfirm" : "reminders:whichCancel"),
    choices: open.map((b) => ({
      id: `${PREFIX}${word === "yes" ? "y" : "n"}:${b.id}`,
      label: `${formatDayTime(lang, b.start, b.business.timeZone)} · ${b.business.name}`,
    })),
  }];
}

type Picked = { action: string; bookingId: string };

/** The choices of the follow-up question this conversation is waiting for an answer to (from the state). */
function followUpChoices(state: ConversationState): Picked[] {
  if (state.pending?.by !== REMINDER_FOLLOW_UP) return [];
  return state.pending.choices.filter((c) => c.id.startsWith(PREFIX)).map((c) => {
    const [action, bookingId] = c.id.slice(PREFIX.length).split(":", 2);
    return { action, bookingId };
  });
}

/** The pending choice a reply picks: by number, or yes/no for a two-way question. */
function pickPending(text: string, pending: Picked[]): Picked | null {
  const n = text.trim().replace(/[.)]$/, "");
  if (/^\d{1,2}$/.test(n)) return pending[Number(n) - 1] ?? null;
  const word = wordOf(text, true);
  const twoWay = pending.length === 2 && pending[0].action === "x" && pending[1].action === "k";
  if (twoWay && word) return pending[word === "yes" ? 0 : 1];
  return null;
}

/** Applies a confirm (y), cancel (n), cancel-with-fee (x) or keep (k) to a booking of this phone. */
async function act(answers: ReminderAnswersPort, phone: string, picked: Picked, lang: Lang, now: Date): Promise<Reply[]> {
  const [b] = await answers.bookings(phone, [picked.bookingId]);
  if (!b) return [{ text: t(lang, "reminders:replyNotFound") }];
  const vars = { when: formatDayTime(lang, b.start, b.business.timeZone), business: b.business.name, ref: b.ref };
  if (!HOLDING_STATUSES.includes(b.status)) return [{ text: t(lang, "reminders:replyAlreadyCancelled", vars) }];
  if (b.start <= now) return [{ text: t(lang, "reminders:replyPast") }];
  if (picked.action === "y") {
    await answers.confirmAttendance(b.id, now);
    return [{ text: t(lang, "reminders:replyConfirmed", vars) }];
  }
  if (picked.action === "k") return [{ text: t(lang, "reminders:replyKept", vars) }];
  const result = await answers.cancelBooking(b, now, { acceptFee: picked.action === "x" });
  if (result.ok) return [{ text: t(lang, "reminders:replyCancelled", vars) }];
  if (result.reason === "needs_confirmation") {
    const terms = answers.cancelTerms(b, now);
    return [{
      text: t(lang, "reminders:replyFeeAsk", { ...vars, count: terms.windowHours }),
      choices: [
        { id: `${PREFIX}x:${b.id}`, label: t(lang, "reminders:replyFeeYes") },
        { id: `${PREFIX}k:${b.id}`, label: t(lang, "reminders:replyFeeNo") },
      ],
    }];
  }
  return [{ text: t(lang, "reminders:replyAlreadyCancelled", vars) }];
}
