// Answers to a waiting-list offer: its buttons ("wl.y:<offer>", "wl.n:<offer>") on any channel, and typed
// answers while the offer is the conversation's pending question (set when it was sent, cleared by any
// other turn): "PO"/"1"/"Rezervo" or a yes in words ("I'll take it", «e marr») accepts, "JO"/"2" or a no in
// words ("doesn't work for me", «s'mundem») declines (SMS and WhatsApp get the offer as a numbered list); a
// question about the place (its price, how long it is held) or a moment taken ("hmm") has the offer said
// again, still pending. Only offers made to this conversation are touched.
import type { InboundMessage, Reply } from "../conversation/messages.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { confirmationReply } from "../bookings/confirmation.ts";
import type { BookingInfo } from "../bookings/port.ts";
import type { Clock } from "../clock.ts";
import type { Handled, HandleMessage } from "../conversation/dialog.ts";
import { formatDateIn, formatDayTime, formatPrice, formatTime } from "../format.ts";
import { normalize } from "../nlu/normalize.ts";
import { readOfferAnswer } from "../nlu/offer-answer.ts";
import { paymentText } from "../payments/label.ts";
import { leavesWaitlist } from "../nlu/waitlist-leave.ts";
import type { PaymentsPort } from "../payments/port.ts";
import { OFFER_PENDING, OFFER_PREFIX, offerChoices } from "./notice.ts";
import type { ConversationState } from "../conversation/state.ts";
import type { WaitlistService } from "./service.ts";

const YES = new Set(["po", "1", "rezervo", "rezervoje", "rezervojeni", "po rezervo", "po rezervoje", "yes", "book", "book it", "ok", "pranoj"]);
const NO = new Set(["jo", "2", "jo faleminderit", "no", "no thanks", "nuk dua", "s e dua", "refuzoj"]);

/** Dependencies of the offer answers. */
export interface OfferReplyDeps {
  waitlist: WaitlistService;
  clock: Clock;
  /** Calendar link of a booking (managing bookings on). */
  icsLink?: (b: { id: string; ref: string; start: Date }) => string;
  /** Card payments, for a business that asks for one (the place is then held for the payment). */
  payments?: () => PaymentsPort | undefined;
  /** Whether the chat's state waits on no question of the bot's (see {@link offerAnswerIn}). */
  asksNothing?: (state: ConversationState) => boolean;
}

/** The offer this conversation's pending question is about (set when the offer was sent), or null. */
function askedOffer(state: ConversationState): string | null {
  if (state.pending?.by !== OFFER_PENDING) return null;
  const c = state.pending.choices.find((x) => x.id.startsWith(OFFER_PREFIX));
  return c ? c.id.slice(c.id.indexOf(":") + 1) : null;
}

/**
 * The message handler for answers to waiting-list offers: their buttons, and typed PO/JO while the offer
 * is the pending question (a reminder sent after the offer replaces it: the most recent question wins).
 */
export function offerAnswers(deps: OfferReplyDeps): HandleMessage {
  return async (msg, conv) => {
    const asked = offerAnswerIn(msg, conv.state, deps.asksNothing);
    if (!asked) return null;
    const offerId = asked.offerId ?? (await deps.waitlist.openOffer(conv.id, deps.clock()))?.id;
    if (!offerId) return null;
    if (asked.action === "again") return offerAgain(deps, offerId, conv.id, conv.lang);
    return answer(deps, asked.action, offerId, conv.id, msg.address.channel, conv.lang);
  };
}

/**
 * The answer to an offer a message gives (its button, or a typed yes or no while the offer is the pending
 * question; "again": a question about the place, or a moment taken), or null. Without `offerId` it is a
 * typed yes or no where the bot asks nothing (`asksNothing`: the main menu, say) after the offer stopped
 * being the question (something else asked in between): it answers the chat's open offer, if there is one.
 */
export function offerAnswerIn(
  msg: InboundMessage, state: ConversationState, asksNothing?: (state: ConversationState) => boolean,
): { action: "y" | "n" | "again"; offerId?: string } | null {
  const c = msg.content;
  let action: "y" | "n" | "again" | null = null;
  let offerId: string | null = null;
  if (c.kind === "choice" && c.id.startsWith(OFFER_PREFIX)) {
    const [a, id] = c.id.slice(OFFER_PREFIX.length).split(":", 2);
    action = a === "y" ? "y" : a === "n" ? "n" : null;
    offerId = id ?? null;
  } else if (c.kind === "text") {
    // Read only where it may answer an offer: the offer is the question, or the bot asks nothing.
    const asked = askedOffer(state);
    if (!asked && !asksNothing?.(state)) return null;
    const w = normalize(c.text).replace(/[.!]+$/, "");
    // Leaving the waiting list ("no thanks, take me off the list") is the list's own request: it gives the place up too.
    const read = YES.has(w) || NO.has(w) || leavesWaitlist(c.text) ? null : readOfferAnswer(c.text);
    const word = YES.has(w) || read === "yes" ? "y" : NO.has(w) || read === "no" ? "n" : read === "again" ? "again" : null;
    if (word && asked) {
      offerId = asked;
      action = word;
    }
    // The offer was left for another question: a yes or no where the bot asks nothing can only be about it.
    if (word && !asked && word !== "again" && read) return { action: word };
  }
  return action && offerId ? { action, offerId } : null;
}

async function answer(deps: OfferReplyDeps, action: "y" | "n", offerId: string, conversationId: string, channel: string, lang: Lang): Promise<Reply[]> {
  const now = deps.clock();
  const menu = { id: "g.menu", label: t(lang, "common:actions.menu") };
  if (action === "n") {
    const r = await deps.waitlist.decline(offerId, conversationId);
    if (r.kind === "not_found") return [{ text: t(lang, "waitlist:offerNotFound"), choices: [menu] }];
    const day = formatDateIn(lang, r.entry.date, "acc");
    return [{ text: t(lang, r.kind === "declined" ? "waitlist:declined" : "waitlist:offerGone", { day }), choices: [{ id: "g.mybookings", label: t(lang, "common:menu.myBookings") }, menu] }];
  }
  const r = await deps.waitlist.accept(offerId, conversationId, channel, now);
  if (r.kind === "not_found") return [{ text: t(lang, "waitlist:offerNotFound"), choices: [menu] }];
  if (r.kind !== "booked") {
    return [{ text: t(lang, "waitlist:offerGone", { day: formatDateIn(lang, r.entry.date, "acc") }), choices: [{ id: "g.mybookings", label: t(lang, "common:menu.myBookings") }, menu] }];
  }
  const b = r.booking;
  const payments = deps.payments?.();
  if (b.status === "pending_payment" && payments) return payFirst(payments, lang, b, now);
  return [confirmationReply(lang, b, now, deps.icsLink?.(b))];
}

/**
 * The offer said again with what a customer asks about it (price, address, how long it is held), its
 * question still pending; a place no longer held says so.
 */
async function offerAgain(deps: OfferReplyDeps, offerId: string, conversationId: string, lang: Lang): Promise<Reply[] | Handled> {
  const found = await deps.waitlist.offered(offerId, conversationId);
  if (!found) return [{ text: t(lang, "waitlist:offerNotFound") }];
  const { offer: o, service: svc } = found;
  if (o.status !== "open" || o.heldUntil <= deps.clock()) {
    return [{ text: t(lang, "waitlist:offerGone", { day: formatDateIn(lang, o.entry.date, "acc") }), choices: [{ id: "g.mybookings", label: t(lang, "common:menu.myBookings") }] }];
  }
  const tz = svc.business.timeZone;
  const text = t(lang, "waitlist:offerAgain", {
    business: svc.business.name, address: svc.business.address, service: lang === "en" ? svc.nameEn : svc.nameSq,
    when: formatDayTime(lang, o.start, tz), price: formatPrice(lang, svc.priceLek), until: formatTime(lang, o.heldUntil, tz),
    payment: paymentText(lang, svc.business, svc.priceLek, !!deps.payments?.()),
  });
  const choices = offerChoices(lang, o.id);
  return { replies: [{ text, choices }], pending: { by: OFFER_PENDING, choices } };
}

/** A booking that waits for its card payment: the payment link and how long the place is kept. */
async function payFirst(payments: PaymentsPort, lang: Lang, b: BookingInfo, now: Date): Promise<Reply[]> {
  const pay = await payments.checkout(b.id, lang, now);
  if (!pay.ok) return [{ text: t(lang, "payments:unavailable") }];
  const amount = formatPrice(lang, pay.amountLek);
  const text = t(lang, pay.kind === "deposit" ? "payments:holdDeposit" : "payments:holdFull", {
    ref: b.ref, business: b.business.name, service: lang === "en" ? b.service.nameEn : b.service.nameSq,
    when: formatDayTime(lang, b.start, b.business.timeZone), amount,
    rest: formatPrice(lang, Math.max(b.priceLek - pay.amountLek, 0)), count: pay.holdMinutes,
  });
  return [{ text, link: { url: pay.url, label: t(lang, "payments:payLink", { amount }) } }];
}
