// Answers to reminders: "PO"/"1"/"KONFIRMO"/"YES" confirm, "JO"/"2"/"ANULO"/"NO" cancel (any case, with or
// without diacritics), also said in a sentence ("po, do vij", "sorry, can't make it"); in a chat (Telegram,
// the web chat, Teams) also the reminder's buttons. Only the bookings of the sending phone (SMS, WhatsApp) or
// made in the chat are touched. A reminder sets its question ("PO to confirm, JO to cancel", with its booking) as the conversation's pending
// question when it is sent (question.ts); a question this handler asks in turn ("which booking?",
// "cancel anyway?") is kept the same way (choices "rr.<action>:<bookingId>"). The engine clears a pending
// question on any other turn, and a newer question replaces it.
import type { InboundMessage, Reply } from "../conversation/messages.ts";
import { optKeyword } from "../optout/service.ts";
import { normalize, withinOneEdit } from "../nlu/normalize.ts";
import { emojiWords, readYesNo } from "../nlu/yesno.ts";
import { detectIntent } from "../nlu/intent.ts";
import { asksSomething, asksWhenOrWhere, infoAsked } from "../nlu/asks.ts";
import { leavesWaitlist } from "../nlu/waitlist-leave.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import { ownPhone } from "../bookings/identity.ts";
import type { ManagedBooking } from "../bookings/port.ts";
import type { Clock } from "../clock.ts";
import type { Handled, HandleMessage, HandlerTurn } from "../conversation/dialog.ts";
import type { ConversationState } from "../conversation/state.ts";
import { formatDayTime } from "../format.ts";
import type { ReminderAnswersPort, ReminderOwner } from "./port.ts";
import { ANSWERED_BY_TEXT, ANSWERED_IN_CHAT, REMINDER_ASKED, REMINDER_FOLLOW_UP, REMINDER_PREFIX as PREFIX, remindedIn } from "./question.ts";

/** A text message, or in a chat a press of one of a reminder's buttons (the kinds that can answer a reminder). */
type AnswerMessage = InboundMessage & { content: { kind: "text"; text: string } | { kind: "choice"; id: string } };

const YES = new Set(["po", "1", "konfirmo", "konfirmoj", "yes", "y", "ok", "po konfirmoj"]);
const NO = new Set(["jo", "2", "anulo", "anuloj", "no", "n", "cancel"]);

/** Dependencies of the reminder answers. */
export interface ReminderAnswersDeps {
  answers: ReminderAnswersPort;
  clock: Clock;
}

type Word = "yes" | "no" | null;
/**
 * The bare answer word ("PO", "2", "anulo", or one of the reminder's own words typed with a slip: «konfrimoj»);
 * with a reminder's question pending, also one said in a sentence or by an emoji (👍).
 */
const wordOf = (text: string, asked: boolean): Word => {
  const w = normalize(text).replace(/[.!]+$/, "");
  if (YES.has(w)) return "yes";
  if (NO.has(w)) return "no";
  const slip = w.length >= 6 && !w.includes(" ") ? (OWN_WORDS.yes.some((x) => withinOneEdit(w, x)) ? "yes" : OWN_WORDS.no.some((x) => withinOneEdit(w, x)) ? "no" : null) : null;
  return slip ?? (asked ? answerIn(text).word : null);
};
/** The reminder's own words (long enough to read with a slip: one letter more, less, other or swapped). */
const OWN_WORDS = { yes: ["konfirmoj", "konfirmo", "konfirmoje", "confirm", "confirmed"], no: ["anuloje", "anulojeni", "cancel", "cancelled"] };

// "s'vij dot", «nuk mund të vij», "can't make it", "won't be able to come": a no to the reminder.
const CANT_COME = /(?:^| )(?:(?:nuk|s) (?:(?:do |mund )?(?:te )?(?:vij|vijme|arrij|jem)|(?:do )?(?:te )?mund te (?:vij|vijme|arrij))|(?:can t|cannot|can not|won t|will not|wont) (?:make(?: it)?|come|be there|be able to (?:come|make it))|unable to (?:come|make it))(?= |$)/;
// «po, do vij», «do jem aty», «po do jem», «jam rrugës», «shihemi në 4», Gheg «po vi», «kam me ardh», "I'll be there", "see
// you at 4", "on my way", "coming": a yes.
const COMING = /(?:^| )(?:(?:do )?(?:te )?(?:vij|vijme|jem aty|jam aty)|do (?:te )?jem(?:i)?|(?:po|do|ja) (?:vi|vijm)|(?:kam|kena|kemi) me ardh\w*|jam (?:ne )?rruge\w*|(?:i ll|i will|we ll|we will) (?:be there|come)|see you(?: then| there| tomorrow| soon| later| at \d{1,2}(?: \d{2})?(?: ?(?:am|pm))?)?|shihemi(?: (?:sot|neser|atje|aty|ne \d{1,2}(?: \d{2})?))?|on (?:my|our) way|coming)(?= |$)/;
/** Whether a message says the customer is coming («do jem aty», "I'll be there", "on my way"). */
export const saysComing = (norm: string): boolean => COMING.test(norm);

// The reminder's own words besides the plain yes and no ("konfirmoj", "anuloje"), and words that say neither
// in an answer to it: when, and apologies ("nuk vij dot sot, më fal", "yep, on my way shortly").
const ANSWER_WORDS = {
  yes: ["konfirmoj", "konfirmo", "konfirmojme", "konfirmuar", "konfirmohet", "confirm", "confirmed", "confirming"],
  no: ["anulo", "anuloj", "anuloje", "anulojeni", "cancel", "anulim", "dot", "sorry", "unfortunately", "fatkeqesisht", "vjen", "keq"],
  filler: ["sot", "sonte", "neser", "today", "tonight", "tomorrow", "shortly", "soon", "now", "tani", "shpejt", "just", "fal", "falni", "aty", "there", "then", "atehere", "see", "yall", "x", "ne", "kohe", "on", "time", "qe"],
};
// "faleminderit për kujtesën", "thanks for the reminder": thanks, not a request about reminders.
const THANKS_FOR_IT = /(?:^| )(?:faleminderit|flm|rrofsh|thanks|thank you|thx|ty)(?: (?:shume|so much|a lot|very much))? (?:per|for) (?:the |this |your )?(?:kujtes\w*|njoftim\w*|mesazh\w*|reminder|message|heads up)(?= |$)/g;
// «anulojeni», "please cancel it", "need to cancel": cancelling asked for, which answers the reminder no
// («po, anuloje» too); not "don't cancel", «mos e anuloni», nor a question ("can I cancel for free?").
const CANCEL_VERBS = ["anulo", "anuloj", "anuloje", "anulojeni", "anuloji", "anulojini", "anuloni", "anulojme", "anulojm", "cancel", "canceled", "cancelled"];
const CANCEL_ASKED = new RegExp(`(?:^| )(?:${CANCEL_VERBS.join("|")})(?= |$)`);
// «mos e anuloni», «s'e anuloj», "don't cancel", "no need to cancel" ("let's cancel" is no such thing).
const NOT_CANCEL = /(?:^| )(?:(?:mos|nuk)(?: \S+){0,2} anul\w*|s (?:e |i |ma |me )?anul\w*|(?:don t|dont|do not|no need to|not|never)(?: \S+){0,2} cancel\w*)(?= |$)/;
// What takes an answer back or adds a condition ("po, por vonohem", "yes but only if …"): no answer from its first word.
const BUT = /(?:^| )(?:por|mirepo|megjithate|vetem|but|however|only|unless|except|nese|if)(?= |$)/;
// "who is this?", "who are you?", "who's texting me?", «kush jeni?», «kush është?», «me kë flas?».
const WHO = /^(?:who(?: is| s| are)? (?:this|you|it|that|texting|messaging|writing)|who am i (?:talking|speaking|chatting|writing) (?:to|with)|kush (?:jeni|je|eshte|osht|esht|po (?:me )?shkruan|me shkruan|e ka)|me ke (?:flas|po flas|kam te bej))(?= |$)/;

// «jam në rrugë», "on my way": coming, and no word of being late (the dialog reads it as running late).
const ON_THE_WAY = /(?:^| )(?:jam (?:ne )?rrug\w*|on (?:my|our) way)(?= |$)/g;

/** The text normalised, its emoji as their words (👍 "yes") and thanks for the reminder as plain thanks (not a request about reminders). */
const thanksAsThanks = (text: string) => normalize(emojiWords(text)).replace(THANKS_FOR_IT, " thanks ").trim();

/**
 * A yes or a no said in a sentence ("po, do vij", "sorry, can't make it", «JO, më doli një punë»), null for
 * anything else; `question`: a question asked after the answer («Konfirmoj. A mund të vij me një shoqe?»).
 */
function answerIn(text: string): { word: Word; question?: string } {
  // «mos e anuloni», "don't cancel": the booking kept, a yes to the reminder.
  const norm = thanksAsThanks(text).replace(new RegExp(NOT_CANCEL.source, "g"), " yes ").trim();
  if (CANCEL_ASKED.test(norm) && !asksSomething(text)) return { word: "no" };
  const said = saidIn(norm);
  if (said) return { word: said };
  // «JO, më doli një punë», "Po, faleminderit, shihemi": a clear first word, then its reason, courtesy or a
  // question, unless the rest takes it back or adds a condition.
  const cut = text.search(/[,.!;:\n–—]|\s-\s/);
  if (cut <= 0) return { word: null };
  const head = readYesNo(thanksAsThanks(text.slice(0, cut)), ANSWER_WORDS);
  const after = text.slice(cut + 1).trim();
  const rest = thanksAsThanks(after);
  if (!head || BUT.test(rest)) return { word: null };
  if (asksSomething(after)) return { word: head, question: after };
  const other = rest ? saidIn(rest) ?? readYesNo(rest, ANSWER_WORDS) : null;
  return { word: other && other !== head ? null : head };
}

/** The answer a (normalized) sentence gives by coming or not coming, or by its words alone; undefined when it says neither way. */
function saidIn(norm: string): Word | undefined {
  if (CANT_COME.test(norm)) return readYesNo(norm.replace(CANT_COME, " no "), ANSWER_WORDS) === "no" ? "no" : null;
  if (COMING.test(norm)) return readYesNo(norm.replace(new RegExp(COMING.source, "g"), " yes "), ANSWER_WORDS) === "yes" ? "yes" : null;
  return readYesNo(norm, ANSWER_WORDS) ?? undefined;
}

/** Requests the dialog answers even while a reminder waits for PO/JO ("can I move it to 5?", "I'm running late"). */
const FOR_THE_DIALOG = new Set(["reschedule", "running-late", "my-bookings", "human", "ticket", "privacy", "notifications", "language"]);

/** Of those, the requests that win over a yes or a no said with them ("po, por do vonohem" has none: "por" takes it back). */
const OVER_AN_ANSWER = new Set(["reschedule", "running-late", "human", "ticket", "privacy"]);

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
/**
 * Whether a message may answer a reminder: text by SMS or WhatsApp; in a chat (Telegram, the web chat,
 * Teams) text while a reminder's question is pending there, or a press of a reminder's button (any other
 * is passed on untouched).
 */
export const mayAnswerReminder = (msg: InboundMessage, state: ConversationState): msg is AnswerMessage => {
  const { channel } = msg.address;
  if (msg.content.kind === "text") return isIn(ANSWERED_BY_TEXT, channel) || (isIn(ANSWERED_IN_CHAT, channel) && REMINDER_QUESTIONS.has(state.pending?.by ?? ""));
  return msg.content.kind === "choice" && msg.content.id.startsWith(PREFIX) && isIn(ANSWERED_IN_CHAT, channel);
};
const REMINDER_QUESTIONS = new Set([REMINDER_ASKED, REMINDER_FOLLOW_UP]);
const isIn = (list: readonly string[], channel: string) => list.includes(channel);

export function reminderAnswers(deps: ReminderAnswersDeps): HandleMessage {
  return async (msg, turn) => {
    const { channel, externalId } = msg.address;
    if (!mayAnswerReminder(msg, turn.state)) return null;
    // In a chat, the bookings made in it (their reminders came there); by SMS or WhatsApp, the sender's phone's.
    const inChat = isIn(ANSWERED_IN_CHAT, channel);
    const phone = inChat ? null : ownPhone(channel, externalId);
    const owner: ReminderOwner | null = inChat ? { conversationId: turn.id } : phone ? { phone } : null;
    if (!owner) return null;
    const { lang, state } = turn;
    const now = deps.clock();
    if (msg.content.kind === "choice") {
      // A reminder's button pressed (confirm, cancel) or one of its follow-up's ("cancel anyway?").
      const picked = pickedOf(msg.content.id);
      return picked ? asking(await act(deps.answers, owner, picked, lang, now)) : null;
    }
    const text = msg.content.text.trim();
    if (optKeyword(text)) return null; // STOP / NDALO / START belong to the opt-out handling
    // In a chat the dialog's own steps come first: typing answers a reminder only while no step waits («po»
    // at "shall I book it?" is the booking's).
    if (inChat && !(state.flow === "menu" || state.prompt === 0)) return null;
    const followUp = followUpChoices(state);
    if (followUp.length) {
      const picked = pickPending(text, followUp);
      if (picked) return asking(await act(deps.answers, owner, picked, lang, now));
      // "Which one?" answered by naming it («atë te berberi», "the makeup one") or with "both".
      const which = await whichNamed(text, followUp, deps.answers, owner, turn);
      if (which) return asking(await actOn(deps.answers, owner, which.action, which.bookings, lang, now));
    }
    const asked = remindedIn(state.pending);
    const rows = asked.length ? await deps.answers.bookings(owner, asked) : [];
    const open = rows.filter((b) => upcoming(b, now));
    const bare = wordOf(text, false);
    const word = bare ?? wordOf(text, asked.length > 0);
    // A request of its own goes to the dialog (the reminder's question is then dropped); a move, being late
    // or asking for a person even when said with a yes or a no («jo, a mund ta shtyjmë për nesër?»).
    const intent = bare || !open.length ? undefined : detectIntent(thanksAsThanks(text).replace(ON_THE_WAY, " "))?.intent;
    if (intent && FOR_THE_DIALOG.has(intent) && (!word || OVER_AN_ANSWER.has(intent))) return null;
    // "take me off the waiting list": the dialog gives the place up.
    if (!bare && open.length && leavesWaitlist(text)) return null;
    if (rows.length) {
      // Several bookings reminded: an answer for the ones it names, or for both («po për të dyja», "cancel the
      // pedicure please", «po për fenirimin, jo për trajtimin e fytyrës»).
      const parts = open.length > 1 && !bare ? await answersFor(text, open, turn) : null;
      if (parts) {
        const replies: Reply[] = [];
        for (const part of parts) replies.push(...(await actOn(deps.answers, owner, part.word === "yes" ? "y" : "n", part.bookings, lang, now)));
        return asking(replies);
      }
      if (!word) {
        if (!open.length) return null;
        // A question about the booking is answered, and the reminder's question stays; other text gets the
        // short help and the question stays too.
        const answer = open.length === 1 && asksSomething(text) ? await aboutBooking(text, open[0], turn, lang) : null;
        // In a chat anything else is the dialog's (a new booking, a question it answers); the buttons stay.
        if (inChat && !answer) return null;
        const replies = answer ? [...answer, { text: t(lang, "reminders:replyStillAsked") }] : [{ text: t(lang, "reminders:replyHelp") }];
        return { replies, pending: state.pending! };
      }
      if (!open.length && rows.length === 1) return act(deps.answers, owner, { action: word === "yes" ? "y" : "n", bookingId: rows[0].id }, lang, now);
      const done = asking(await decide(deps.answers, owner, word, open, rows.length > 0, lang, now));
      // A question asked after the answer is answered after it («Konfirmoj. Ku ndodheni saktësisht?»).
      const question = bare ? undefined : answerIn(text).question;
      const answer = done && question && open.length === 1 ? await aboutBooking(question, open[0], turn, lang) : null;
      if (!done || !answer) return done;
      return Array.isArray(done) ? [...done, ...answer] : { ...done, replies: [...done.replies, ...answer] };
    }
    // No reminder question pending: a bare PO/JO at the menu still answers the phone's reminded bookings (in
    // a chat, its buttons still do).
    const idle = state.flow === "menu" || state.prompt === 0;
    if (!word || !idle || inChat) return null;
    const reminded = await deps.answers.reminded(owner, now);
    const ids = [...new Set(reminded.filter((r) => r.upcoming).map((r) => r.bookingId))];
    const theirs = await deps.answers.bookings(owner, ids);
    return asking(await decide(deps.answers, owner, word, theirs, reminded.length > 0, lang, now));
  };
}

/**
 * The answer to a question about the reminded booking: when and where it is ("what time was it again?",
 * «ku ndodheni?»: its day, time and address), else what the dialog answers about its business and service
 * (the price, how it is paid, the FAQ); null when it is no such question.
 */
async function aboutBooking(text: string, b: ManagedBooking, turn: HandlerTurn, lang: Lang): Promise<Reply[] | null> {
  const info = infoAsked(text);
  const vars = {
    service: lang === "en" ? b.service.nameEn : b.service.nameSq, business: b.business.name,
    when: formatDayTime(lang, b.start, b.business.timeZone), address: `${b.business.address}, ${b.business.city}`,
  };
  // "who is this?", «kush jeni?»: a message from an unknown number is asked who sends it.
  if (WHO.test(normalize(text))) return [{ text: t(lang, "reminders:replyWho", vars) }];
  if (asksWhenOrWhere(text) && (!info || info === "where")) return [{ text: t(lang, "reminders:replyWhen", vars) }];
  return (await turn.answerAbout?.(text, { businessId: b.business.id, serviceId: b.service.id })) ?? null;
}

// «të dyja», «të dy», «të gjitha», "both", "all of them", "each".
const BOTH = /(?:^| )(?:te dyja|te dy|dyja|te gjitha|te gjithe|gjithe|both|all of them|all|each|secil\w*)(?= |$)/;
const YES_WORDS = new Set(["po", "yes", "yeah", "yep", "ok", "okay", "sure", "konfirmo", "konfirmoj", "konfirmoje", "konfirmoji", "konfirmojini", "confirm", "confirmed", "sigurisht", "patjeter"]);
const NO_WORDS = new Set(["jo", "no", "nope", "nah"]);

/** The way a clause leans: a cancel asked or can't-come is no, a yes word or coming is yes, a no word no; null when it says neither or both. */
function leaning(clause: string): "yes" | "no" | null {
  const norm = thanksAsThanks(clause);
  if (CANCEL_ASKED.test(norm) && !NOT_CANCEL.test(norm)) return "no";
  if (CANT_COME.test(norm)) return "no";
  const words = norm.split(" ");
  const yes = words.some((w) => YES_WORDS.has(w)) || COMING.test(norm);
  const no = words.some((w) => NO_WORDS.has(w));
  return yes === no ? null : yes ? "yes" : "no";
}

/**
 * Answers for several reminded bookings in one message, a clause each: its yes or no and the bookings it
 * names (or all of them, for "both"); null when no clause both answers and names.
 */
async function answersFor(text: string, open: ManagedBooking[], turn: HandlerTurn): Promise<{ word: "yes" | "no"; bookings: ManagedBooking[] }[] | null> {
  if (asksSomething(text)) return null;
  const clauses = text.split(/[,;.!]|\s(?:but|por|and|dhe|edhe|while|ndersa|ndërsa)\s/i).map((c) => c.trim()).filter(Boolean);
  const parts: { word: "yes" | "no"; bookings: ManagedBooking[] }[] = [];
  const taken = new Set<string>();
  // A yes or no said alone goes with the bookings the next clause names («po, të dyja»).
  let said: "yes" | "no" | null = null;
  for (const clause of clauses) {
    const word: "yes" | "no" | null = leaning(clause) ?? said;
    if (!word) continue;
    const named = BOTH.test(thanksAsThanks(clause)) ? open : ((await turn.namedBookings?.(clause, open)) ?? []);
    const fresh = named.filter((b) => !taken.has(b.id));
    said = fresh.length ? null : word;
    if (!fresh.length) continue;
    for (const b of fresh) taken.add(b.id);
    parts.push({ word, bookings: fresh });
  }
  return parts.length ? parts : null;
}

/** The bookings a "which one?" answer names («atë te berberi», "the one in Vlora"), or all of them for "both". */
async function whichNamed(text: string, followUp: Picked[], answers: ReminderAnswersPort, owner: ReminderOwner, turn: HandlerTurn): Promise<{ action: string; bookings: ManagedBooking[] } | null> {
  const actions = [...new Set(followUp.map((p) => p.action))];
  if (actions.length !== 1 || !["y", "n"].includes(actions[0])) return null;
  const bookings = await answers.bookings(owner, followUp.map((p) => p.bookingId));
  if (bookings.length < 2) return null;
  const chosen = BOTH.test(thanksAsThanks(text)) ? bookings : ((await turn.namedBookings?.(text, bookings)) ?? []);
  return chosen.length ? { action: actions[0], bookings: chosen } : null;
}

/**
 * Confirms (y) or cancels (n) these bookings of the phone: each confirmed or cancelled is said; those that
 * may carry a fee are asked about together ("cancel anyway?", one question for all of them).
 */
async function actOn(answers: ReminderAnswersPort, owner: ReminderOwner, action: string, bookings: ManagedBooking[], lang: Lang, now: Date): Promise<Reply[]> {
  if (bookings.length === 1) return act(answers, owner, { action, bookingId: bookings[0].id }, lang, now);
  const replies: Reply[] = [];
  // Those answered with a question (the fee's): asked one by one when alone, together when several.
  const asked: { b: ManagedBooking; out: Reply[] }[] = [];
  for (const b of bookings) {
    const out = await act(answers, owner, { action, bookingId: b.id }, lang, now);
    if (out.some((r) => r.choices?.length)) asked.push({ b, out });
    else replies.push(...out);
  }
  if (asked.length === 1) replies.push(...asked[0].out);
  if (asked.length > 1) {
    const ids = asked.map(({ b }) => b.id).join("+");
    const list = asked.map(({ b }) => `${b.business.name}, ${formatDayTime(lang, b.start, b.business.timeZone)}`).join("; ");
    replies.push({
      text: t(lang, "reminders:replyFeeAskMany", { list, count: answers.cancelTerms(asked[0].b, now).windowHours }),
      choices: [{ id: `${PREFIX}x:${ids}`, label: t(lang, "reminders:replyFeeYesAll") }, { id: `${PREFIX}k:${ids}`, label: t(lang, "reminders:replyFeeNoAll") }],
    });
  }
  return replies;
}

/** Replies that ask a question of our own ("which booking?", "cancel anyway?") keep it pending for the next message. */
function asking(replies: Reply[] | null): Reply[] | Handled | null {
  if (!replies) return null;
  const asked = replies.flatMap((r) => r.choices ?? []).filter((c) => c.id.startsWith(PREFIX));
  return asked.length ? { replies, pending: { by: REMINDER_FOLLOW_UP, choices: asked.map(({ id, label }) => ({ id, label })) } } : replies;
}

/** PO/JO for these upcoming bookings: act on the only one, or ask which; none left: it is past (or nothing to say). */
async function decide(answers: ReminderAnswersPort, owner: ReminderOwner, word: "yes" | "no", open: ManagedBooking[], anyReminded: boolean, lang: Lang, now: Date): Promise<Reply[] | null> {
  if (!open.length) return anyReminded ? [{ text: t(lang, "reminders:replyPast") }] : null;
  if (open.length === 1) return act(answers, owner, { action: word === "yes" ? "y" : "n", bookingId: open[0].id }, lang, now);
  return [{
    text: t(lang, word === "yes" ? "reminders:whichConfirm" : "reminders:whichCancel"),
    choices: open.map((b) => ({
      id: `${PREFIX}${word === "yes" ? "y" : "n"}:${b.id}`,
      label: `${formatDayTime(lang, b.start, b.business.timeZone)} · ${b.business.name}`,
    })),
  }];
}

type Picked = { action: string; bookingId: string };

/** The words of the question whether to cancel anyway (inside the fee window): cancelling says yes to it. */
const FEE_WORDS = {
  yes: CANCEL_VERBS,
  no: ["mbaje", "mbajeni", "mbaj", "keep", "leave", "lere", "lereni"],
  // "yes, cancel anyway", «po, anuloje gjithsesi».
  filler: [...ANSWER_WORDS.filler, "anyway", "gjithsesi", "still", "it"],
};

/** The choices of the follow-up question this conversation is waiting for an answer to (from the state). */
function followUpChoices(state: ConversationState): Picked[] {
  if (state.pending?.by !== REMINDER_FOLLOW_UP) return [];
  return state.pending.choices.map((c) => pickedOf(c.id)).filter((p): p is Picked => !!p);
}

/** The booking and action of a reminder question's choice id ("rr.y:<bookingId>"), or null for another id. */
function pickedOf(id: string): Picked | null {
  if (!id.startsWith(PREFIX)) return null;
  const [action, bookingId] = id.slice(PREFIX.length).split(":", 2);
  return ["y", "n", "x", "k"].includes(action) && bookingId ? { action, bookingId } : null;
}

/** The pending choice a reply picks: by number, or yes/no for a two-way question. */
function pickPending(text: string, pending: Picked[]): Picked | null {
  const n = text.trim().replace(/[.)]$/, "");
  if (/^\d{1,2}$/.test(n)) return pending[Number(n) - 1] ?? null;
  const twoWay = pending.length === 2 && pending[0].action === "x" && pending[1].action === "k";
  if (!twoWay) return null;
  // "Cancel anyway?": «po, anuloje», "yes cancel it" say yes; «jo, mbaje», "keep it" say no.
  const word = readYesNo(thanksAsThanks(text), FEE_WORDS) ?? wordOf(text, false);
  return word ? pending[word === "yes" ? 0 : 1] : null;
}

/** Applies a confirm (y), cancel (n), cancel-with-fee (x) or keep (k) to a booking of this phone. */
async function act(answers: ReminderAnswersPort, owner: ReminderOwner, picked: Picked, lang: Lang, now: Date): Promise<Reply[]> {
  // One answer to "cancel them anyway?" for several bookings: each of them.
  if (picked.bookingId.includes("+")) {
    const replies: Reply[] = [];
    for (const bookingId of picked.bookingId.split("+")) replies.push(...(await act(answers, owner, { action: picked.action, bookingId }, lang, now)));
    return replies;
  }
  const [b] = await answers.bookings(owner, [picked.bookingId]);
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
