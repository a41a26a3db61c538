import { formatDateIn, formatPrice } from "../../core/format.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import type { Flow, Outcome, Step, TurnContext } from "../engine/types.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import { back, bookingLabel, bookingText, choiceOf, current, ManageData, md, port, toMenu, withCalendar } from "./common.ts";
import { day, moveConfirm, nearest, time, week } from "./move.ts";
import { namedBookings } from "./named.ts";
import { withBooking } from "./pick.ts";
import { code, contactIn, sendCode, verify } from "./verify.ts";
import { mineReplies } from "../waitlist/common.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import { readNotifyWish } from "./notify-words.ts";
import { minutesSaid } from "../../core/nlu/intent.ts";
import { meansAll } from "../../core/nlu/all-of-them.ts";
import type { CancelTerms, ManagedBooking, RefundInfo } from "../../core/bookings/port.ts";

const NEXT_FOR_MODE: Record<string, string> = { cancel: "cancel", reschedule: "day", "running-late": "late" };

/** Card refunds of recently cancelled bookings, one line each, so the customer sees the money coming back. */
async function refundReplies(lang: Lang, ctx: TurnContext): Promise<Reply[]> {
  const lines = await port(ctx).refundLines(ctx.conversationId, ctx.now);
  if (!lines.length) return [];
  return [{ text: lines.map((r) => t(lang, `manage:refundLine.${r.status}`, { ref: r.ref, business: r.businessName, amount: formatPrice(lang, r.amountLek) })).join("\n") }];
}

/** "cancel all my bookings", «anuloni të dy terminet» with more than one: one question for all of them. */
function allAsked(mode: string | undefined, all: ManagedBooking[], text: string): Outcome | null {
  return mode === "cancel" && all.length > 1 && meansAll(text) ? { type: "next", step: "cancelAll", data: { mode, all: all.map((b) => b.id) } } : null;
}

/** My bookings: the upcoming bookings this conversation may manage. */
const list: Step = {
  async prompt(state, ctx) {
    const all = await port(ctx).upcoming(ctx.conversationId, ctx.now);
    const lang = state.lang;
    const mine = [...(await refundReplies(lang, ctx)), ...(await mineReplies(lang, ctx))];
    if (!all.length) {
      return [{
        text: t(lang, "manage:none"),
        choices: [{ id: "verify", label: t(lang, "manage:otherContact") }, { id: "g.book", label: t(lang, "common:menu.book") }, toMenu(lang)],
      }, ...mine];
    }
    const mode = md(state).mode;
    const head = mode && NEXT_FOR_MODE[mode] ? t(lang, `manage:pickFor.${mode}`) : t(lang, "manage:list", { count: all.length });
    return [{
      text: head,
      choices: [
        ...all.map((b) => ({ id: `b:${b.id}`, label: bookingLabel(lang, b) })),
        { id: "verify", label: t(lang, "manage:otherContact") },
        toMenu(lang),
      ],
    }, ...mine];
  },
  readsFirst: (text) => contactIn(text) !== null,
  async arrive(state, ctx) {
    // Come to cancel or move, or asking when or where a booking is: the only upcoming booking, or the one
    // the request named, needs no picking.
    const mode = md(state).mode;
    if (!mode || (!NEXT_FOR_MODE[mode] && mode !== "show")) return null;
    const all = await port(ctx).upcoming(ctx.conversationId, ctx.now);
    const text = md(state).wantText;
    const allOf = text ? allAsked(mode, all, text) : null;
    if (allOf) return allOf;
    const named = all.length > 1 && text ? await namedBookings(text, all, ctx) : all;
    return named.length === 1 ? withBooking(state, ctx, named[0], text) : null;
  },
  async handle(state, input, ctx) {
    const v = choiceOf(input);
    if (v === "verify") return { type: "next", step: "verify", data: { after: "list" } };
    if (v?.startsWith("b:")) {
      const b = await port(ctx).get(ctx.conversationId, v.slice(2), ctx.now);
      if (b) return withBooking(state, ctx, b);
    }
    // The email or phone the bookings were made with, typed under the list («Nëse keni rezervuar me një
    // numër tjetër…»), alone or in a sentence: its code is sent, as the button would ask for it.
    const given = input.kind === "text" ? contactIn(input.text) : null;
    if (given) return sendCode(given, state, ctx, "list");
    if (input.kind === "text") {
      // A booking named in words: "masazhi", "atë të martën", "the dentist one"; with what to do with it
      // ("move the haircut to Friday at the same time", "anuloje"), the only one needs no naming.
      const all = await port(ctx).upcoming(ctx.conversationId, ctx.now);
      const intent = ctx.services.nlu?.intent(input.text)?.intent;
      const mode = md(state).mode ?? (intent && NEXT_FOR_MODE[intent] ? intent : undefined);
      const allOf = allAsked(mode, all, input.text);
      if (allOf) return allOf;
      const named = await namedBookings(input.text, all, ctx);
      // «po», "yes", "that one" under a list of one: it is chosen.
      const yes = all.length === 1 && readYesNo(input.text, THAT_ONE) === "yes";
      const one = named.length === 1 ? named[0] : (mode || yes) && all.length === 1 ? all[0] : undefined;
      if (one) return withBooking({ ...state, data: { ...state.data, mode } }, ctx, one, input.text);
    }
    return { type: "unknown" };
  },
};

/** A yes to the only booking listed: «po», «atë», "yes", "that one", "this one". */
const THAT_ONE = { yes: ["ate", "kete", "ai", "ky", "one", "that", "this", "it"], no: [], filler: ["po", "yes", "the", "e", "pra", "please", "ju", "lutem"] };

/** One booking: what can be done with it. */
const booking: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    const lang = state.lang;
    if (!b) return [{ text: t(lang, "manage:lost"), choices: [toMenu(lang)] }];
    const choices = [
      { id: "move", label: t(lang, "manage:actions.reschedule") },
      { id: "cancel", label: t(lang, "manage:actions.cancel") },
    ];
    if (b.start.getTime() - ctx.now.getTime() < 12 * 3600_000) choices.push({ id: "late", label: t(lang, "manage:actions.late") });
    choices.push(back(lang));
    // Still waiting for its payment (the page closed, say): the same payment page again, not a calendar link.
    const pay = b.status === "pending_payment" ? await ctx.services.payments?.checkout(b.id, lang, ctx.now) : undefined;
    if (pay?.ok) {
      const amount = formatPrice(lang, pay.amountLek);
      return [{ text: `${bookingText(lang, b)}\n${t(lang, "manage:waitsPayment", { amount })}`, link: { url: pay.url, label: t(lang, "payments:payLink", { amount }) }, choices }];
    }
    return [{ ...withCalendar(lang, bookingText(lang, b), ctx, b), choices }];
  },
  async handle(state, input, ctx) {
    let v = choiceOf(input);
    if (input.kind === "text") {
      // "anuloje", "cancel it", "shtyje për të enjten në 11" on a booking's page act on that booking.
      const intent = ctx.services.nlu?.intent(input.text)?.intent;
      const b = await current(state, ctx);
      if (b && intent === "reschedule") return withBooking({ ...state, data: { ...state.data, mode: "reschedule" } }, ctx, b, input.text);
      v = intent === "cancel" ? "cancel" : intent === "running-late" ? "late" : null;
    }
    if (v === "move") return { type: "next", step: "day", data: { dayPage: 0 } };
    if (v === "cancel") return { type: "next", step: "cancel" };
    if (v === "late") return { type: "next", step: "late" };
    return { type: "unknown" };
  },
};

/** Typed answers to "cancel this booking?" besides the plain yes and no words. */
const CANCEL_WORDS = {
  yes: ["anulo", "anuloje", "anulojeni", "anuloni", "anuloj", "anulohet", "fshije", "cancel", "cancelled"],
  no: ["mbaje", "mbaj", "mbajeni", "keep", "leave"],
};

/** Cancel: free before the business's window; inside it the fee rule is explained and a yes is needed. */
const cancel: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    const lang = state.lang;
    if (!b) return [{ text: t(lang, "manage:lost"), choices: [toMenu(lang)] }];
    const terms = port(ctx).cancelTerms(b, ctx.now);
    const vars = { count: terms.windowHours, business: b.business.name, when: formatDateIn(lang, b.start, "gen", b.business.timeZone) };
    const paid = formatPrice(lang, terms.paidLek);
    // A place held for a payment not made yet: letting it go costs nothing, whatever the window.
    if (b.status === "pending_payment") {
      return [{ text: t(lang, "manage:cancelUnpaid", vars), choices: [{ id: "yes", label: t(lang, "manage:cancelYes") }, { id: "no", label: t(lang, "manage:cancelNo") }] }];
    }
    let text = t(lang, "manage:cancelFree", vars);
    // Paid online and cancelled in time: the customer learns before saying yes that the money comes back.
    if (!terms.insideWindow && terms.paidLek > 0) text = `${text} ${t(lang, "manage:refundPromise", { amount: paid })}`;
    if (terms.insideWindow) {
      const rule = terms.paidLek > 0
        ? t(lang, "manage:fee.paidNoRefund", { amount: paid })
        : terms.paymentMode === "deposit"
          ? t(lang, "manage:fee.deposit", { amount: formatPrice(lang, terms.depositLek ?? 0) })
          : terms.paymentMode === "card" ? t(lang, "manage:fee.card") : t(lang, "manage:fee.onSite");
      text = `${t(lang, "manage:cancelInside", vars)} ${rule}`;
    }
    return [{
      text,
      choices: [
        { id: "yes", label: t(lang, terms.insideWindow ? "manage:cancelYesFee" : "manage:cancelYes") },
        { id: "no", label: t(lang, "manage:cancelNo") },
      ],
    }];
  },
  async handle(state, input, ctx) {
    const v = (input.kind === "text" ? readYesNo(input.text, CANCEL_WORDS) : null) ?? choiceOf(input);
    if (v === "no") return { type: "end", say: [{ text: t(state.lang, "manage:kept") }] };
    const b = await current(state, ctx);
    if (v !== "yes") {
      // Naming the booking again ("servisi i makinës") is not an answer: ask again.
      if (b && input.kind === "text" && (await namedBookings(input.text, [b], ctx)).length) return { type: "stay" };
      return { type: "unknown" };
    }
    if (!b) return { type: "end", say: [{ text: t(state.lang, "manage:lost") }] };
    const inside = port(ctx).cancelTerms(b, ctx.now).insideWindow;
    const r = await port(ctx).cancel(ctx.conversationId, b.id, ctx.now, { acceptFee: inside });
    if (r.ok) return { type: "end", say: [{ text: cancelledLines(state.lang, b, r).join("\n") }] };
    if (r.reason === "needs_confirmation") return { type: "stay" };
    return { type: "end", say: [{ text: t(state.lang, r.reason === "past" ? "manage:tooLate" : "manage:lost") }] };
  },
};

/** What a cancelled booking is told by: its cancel, and its money back (or why none). */
function cancelledLines(lang: Lang, b: ManagedBooking, r: { terms: CancelTerms; refund?: RefundInfo }): string[] {
  const lines = [t(lang, "manage:cancelled", { ref: b.ref, business: b.business.name, when: formatDateIn(lang, b.start, "gen", b.business.timeZone) })];
  if (r.refund) lines.push(t(lang, r.refund.done ? "manage:refundDone" : "manage:refundPending", { amount: formatPrice(lang, r.refund.amountLek) }));
  else if (r.terms.insideWindow && r.terms.paidLek > 0) lines.push(t(lang, "manage:noRefund", { amount: formatPrice(lang, r.terms.paidLek) }));
  return lines;
}

/** The bookings "cancel all my bookings" asked about that are still there to cancel. */
async function toCancel(state: ConversationState, ctx: TurnContext) {
  const ids = md(state).all ?? [];
  const upcoming = await port(ctx).upcoming(ctx.conversationId, ctx.now);
  return upcoming.filter((b) => ids.includes(b.id));
}

/**
 * Cancel all of them: one question listing them (with the fee rule when one is past its free window), and
 * one yes cancels each, said booking by booking.
 */
const cancelAll: Step = {
  async prompt(state, ctx) {
    const lang = state.lang;
    const bookings = await toCancel(state, ctx);
    if (!bookings.length) return [{ text: t(lang, "manage:lost"), choices: [toMenu(lang)] }];
    const inside = bookings.some((b) => port(ctx).cancelTerms(b, ctx.now).insideWindow);
    const lines = [t(lang, "manage:cancelAllAsk", { count: bookings.length }), ...bookings.map((b) => `• ${bookingLabel(lang, b)} · ${lang === "en" ? b.service.nameEn : b.service.nameSq}`)];
    if (inside) lines.push(t(lang, "manage:cancelAllFee"));
    return [{ text: lines.join("\n"), choices: [{ id: "yes", label: t(lang, "manage:cancelAllYes", { count: bookings.length }) }, { id: "no", label: t(lang, "manage:cancelNo") }] }];
  },
  async handle(state, input, ctx) {
    const v = (input.kind === "text" ? readYesNo(input.text, CANCEL_WORDS) : null) ?? choiceOf(input);
    if (v === "no") return { type: "end", say: [{ text: t(state.lang, "manage:keptAll") }] };
    if (v !== "yes") return { type: "unknown" };
    const lang = state.lang;
    const lines: string[] = [];
    for (const b of await toCancel(state, ctx)) {
      const inside = port(ctx).cancelTerms(b, ctx.now).insideWindow;
      const r = await port(ctx).cancel(ctx.conversationId, b.id, ctx.now, { acceptFee: inside });
      if (r.ok) lines.push(...cancelledLines(lang, b, r));
    }
    return { type: "end", say: [{ text: lines.length ? lines.join("\n") : t(lang, "manage:lost") }] };
  },
};

/** The business told that the customer runs `minutes` late, and what the customer learns of its tolerance. */
async function tellLate(state: ConversationState, ctx: TurnContext, minutes: number): Promise<Outcome> {
  if (minutes < 1 || minutes > 180) return { type: "retry", errorKey: "manage:badMinutes" };
  const r = await port(ctx).runningLate(ctx.conversationId, md(state).bookingId ?? "", minutes, ctx.now);
  if (!r.ok) return { type: "end", say: [{ text: t(state.lang, r.reason === "past" ? "manage:tooLate" : "manage:lost") }] };
  const b = r.booking;
  const lang = state.lang;
  const lines = [
    t(lang, r.businessNotified ? "manage:lateSent" : "manage:lateNoted2", { count: minutes, business: b.business.name }),
    t(lang, "manage:tolerance", { count: b.business.lateToleranceMin, phone: b.business.phone }),
  ];
  if (minutes > b.business.lateToleranceMin) lines.push(t(lang, "manage:overTolerance"));
  // "yes I'll be there, might be 5 min late": that they come is their answer to the reminder too.
  if (md(state).coming && !b.customerConfirmedAt && (await port(ctx).confirmComing(ctx.conversationId, b.id, ctx.now))) lines.push(t(lang, "manage:comingConfirmed"));
  return { type: "end", say: [{ text: lines.join("\n") }] };
}

/** Running late: how many minutes; the business is told and the customer learns the tolerance. */
const late: Step = {
  // The minutes said with the delay ("running about 15 min late", «vonohem 20 minuta») are not asked again.
  async arrive(state, ctx) {
    const known = md(state).minutes;
    return known && known >= 1 && known <= 180 ? tellLate(state, ctx, known) : null;
  },
  async prompt(state) {
    const lang = state.lang;
    const known = md(state).minutes;
    const values = [...new Set([...(known ? [known] : []), 5, 10, 15, 20, 30])];
    return [{ text: t(lang, "manage:askMinutes"), choices: [...values.map((m) => ({ id: `m:${m}`, label: t(lang, "manage:minutes", { count: m }) })), back(lang)] }];
  },
  async handle(state, input, ctx) {
    const v = choiceOf(input);
    // A button, or typed: "10 min", «një çerek ore», "about half an hour", or a bare number of minutes.
    const raw = v?.startsWith("m:") ? v.slice(2) : input.kind === "text" ? (minutesSaid(input.text) ?? input.text.match(/\d{1,3}/)?.[0]) : undefined;
    const minutes = raw ? Number(raw) : NaN;
    if (!Number.isInteger(minutes)) return { type: "unknown" };
    return tellLate(state, ctx, minutes);
  },
};

const CHANNEL_LABEL_KEYS: Record<string, string> = { sms: "SMS", whatsapp: "WhatsApp", telegram: "Telegram", email: "Email" };

/** "njoftimet": where reminders go. Toggles the channels the customer can be reached on. */
const notify: Step = {
  // Said with the request ("only send me reminders here in the chat", «kujtesat vetëm me email»): done at once.
  async arrive(state, ctx) {
    const text = md(state).wantText;
    const prefs = text && readNotifyWish(text)?.kind === "set" ? await port(ctx).notifyChannels(ctx.conversationId) : null;
    if (!text || !prefs) return null;
    const done = await typedChannels(state, text, prefs, ctx);
    return done.type === "stay" ? { ...done, data: { wantText: undefined } } : done;
  },
  async prompt(state, ctx) {
    const lang = state.lang;
    const prefs = await port(ctx).notifyChannels(ctx.conversationId);
    if (!prefs) return [{ text: t(lang, "manage:notifyUnknown"), choices: [{ id: "verify", label: t(lang, "manage:otherContact") }, toMenu(lang)] }];
    const label = (c: string) => CHANNEL_LABEL_KEYS[c] ?? t(lang, `manage:channel.${c}`);
    const current = prefs.current.length ? prefs.current.map(label).join(", ") : t(lang, "manage:notifyDefault");
    return [{
      text: t(lang, "manage:notifyNow", { channels: current }),
      choices: [
        ...prefs.available.map((c) => ({ id: `ch:${c}`, label: `${prefs.current.includes(c) ? "✓ " : ""}${label(c)}` })),
        { id: "reset", label: t(lang, "manage:notifyReset") },
        { id: "done", label: t(lang, "manage:notifyDone") },
      ],
    }];
  },
  async handle(state, input, ctx) {
    const v = choiceOf(input);
    if (v === "verify") return { type: "next", step: "verify", data: { after: "notify" } };
    if (v === "done") return { type: "end", say: [{ text: t(state.lang, "manage:notifySaved") }] };
    const prefs = await port(ctx).notifyChannels(ctx.conversationId);
    if (!prefs) return { type: "unknown" };
    if (v === "reset") {
      await port(ctx).setNotifyChannels(ctx.conversationId, []);
      return { type: "stay" };
    }
    if (v?.startsWith("ch:")) {
      const c = v.slice(3);
      const next = prefs.current.includes(c) ? prefs.current.filter((x) => x !== c) : [...prefs.current, c];
      await port(ctx).setNotifyChannels(ctx.conversationId, next);
      return { type: "stay" };
    }
    return input.kind === "text" ? typedChannels(state, input.text, prefs, ctx) : { type: "unknown" };
  },
};

/**
 * A typed answer at the reminder channels: «vetëm me email», "also SMS", «pa SMS», «si më parë», "that's
 * all". A channel the customer cannot get here is said so and left out; nothing else said is not understood.
 */
async function typedChannels(state: ConversationState, text: string, prefs: { current: string[]; available: string[] }, ctx: TurnContext): Promise<Outcome> {
  const wish = readNotifyWish(text);
  if (!wish) return { type: "unknown" };
  const lang = state.lang;
  if (wish.kind === "done") return { type: "end", say: [{ text: t(lang, "manage:notifySaved") }] };
  if (wish.kind === "reset") {
    await port(ctx).setNotifyChannels(ctx.conversationId, []);
    return { type: "stay" };
  }
  const missing = wish.add.filter((c) => !prefs.available.includes(c));
  const add = wish.add.filter((c) => prefs.available.includes(c));
  const kept = wish.only && add.length ? [] : prefs.current.filter((c) => !wish.remove.includes(c));
  const next = [...new Set([...kept, ...add])];
  if (next.join() !== prefs.current.join()) await port(ctx).setNotifyChannels(ctx.conversationId, next);
  const label = (c: string) => CHANNEL_LABEL_KEYS[c] ?? t(lang, `manage:channel.${c}`);
  const say = missing.length ? [{ text: t(lang, "manage:notifyNotAvailable", { channels: missing.map(label).join(", ") }) }] : undefined;
  return { type: "stay", ...(say ? { say } : {}) };
}

/** My bookings: list -> booking -> reschedule (day, time) / cancel / running late; reminder channels. */
export const manageFlow: Flow = {
  start: "list",
  steps: { list, booking, day, week, time, nearest, moveConfirm, cancel, cancelAll, late, notify, verify, code },
  data: ManageData,
  init(data) {
    return { ...data };
  },
};
