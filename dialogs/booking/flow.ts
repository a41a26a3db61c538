import { z } from "zod";
import type { Reply } from "../../core/conversation/messages.ts";
import { confirmationReply } from "../../core/bookings/confirmation.ts";
import { formatDateIn, formatDayTime, formatPrice, formatShortDate } from "../../core/format.ts";
import { addDays, zonedParts, zonedToUtc } from "../../core/clock.ts";
import { t } from "../../locales/i18n.ts";
import { flowData } from "../engine/data.ts";
import type { Flow, Outcome, Step, StepInput, TurnContext } from "../engine/types.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import type { BookingInfo } from "../../core/bookings/port.ts";
import { businessWithCity, serviceLabel, slotChoice, slotFromId, slotId, summaryText } from "./labels.ts";
import { pickDayOrTime } from "./when.ts";
import { advance } from "./oneshot.ts";
import { looksLikeName, validEmail, validName, validPhone } from "./validate.ts";
import { NO_EMAIL, SKIP, contactGivenEarly, detailsOf, contactIn, contactsTogether, givenEarly, nextContact, whenWith } from "./early.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import { leavesItToUs } from "../../core/nlu/any.ts";
import { changesThisOne, digresses } from "../digression.ts";
import { infoAnswer } from "../info.ts";
import { dayTimes } from "../when/list.ts";
import { DayWindowData } from "../when/read.ts";
import { WhichWeekData, weekAgrees, whichWeekStep } from "../when/week.ts";
import { notifyChoice } from "../waitlist/common.ts";
import { waitWish } from "../waitlist/wish.ts";
import { saysSameTime } from "../../core/nlu/same-time.ts";

const DAYS_PER_PAGE = 7;
const SLOTS_PER_PAGE = 8;

/** Booking data kept in the conversation state while the customer books. */
export const BookingData = z.object({
  categoryId: z.string().optional(),
  businessId: z.string().optional(),
  serviceId: z.string().optional(),
  /** The day picked (YYYY-MM-DD, the business's time zone). */
  date: z.string().optional(),
  /** The time picked (epoch ms). */
  start: z.number().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  /** The customer has no email (said so at the email step): booked without one, confirmed in the chat. */
  noEmail: z.boolean().optional(),
  phone: z.string().optional(),
  dayPage: z.number().int().nonnegative().optional(),
  slotPage: z.number().int().nonnegative().optional(),
  /** The part of the day asked for at the time step ("pasdite", "pas orës 15"): the list shows only it. */
  window: DayWindowData.optional(),
  /**
   * The day asked for that had no free time (full, or closed that weekday), and the time asked then (epoch
   * ms): at the day step "the same time" is that time, and a weekday named alone is read next to that day.
   * `said`: the words it was asked in, whose part of the day a wait for it takes ("Friday afternoon").
   */
  notFree: z.object({ date: z.string(), at: z.number().optional(), said: z.string().optional() }).optional(),
  /** The nearest free times offered when the asked one was taken (epoch ms). */
  nearest: z.array(z.number()).optional(),
  /** The customer's first message ("nesër në 10"), used to pre-select the day and time. */
  wantText: z.string().optional(),
  /** A day or time typed before the service was chosen ("nesër" at the business step); read before wantText's. */
  wantWhen: z.string().optional(),
  /** "next Wednesday" said early in the week: which week is being asked (see dialogs/when/week.ts). */
  which: WhichWeekData.optional(),
  /** The people the request was for ("for me and my wife": 2), this booking's person among them: one place is booked at a time. */
  party: z.number().int().min(2).max(10).optional(),
  /**
   * The booking just made in this run for one of the party or one day of a series (the next one is asked
   * about): a "no" to the next one leaves it booked.
   */
  booked: z.string().optional(),
  /** This booking is for the next person of a party: the name is theirs, so the last booking's is not offered. */
  another: z.boolean().optional(),
  /** This booking is for someone else than the customer ("a haircut for my son"): the name asked is theirs. */
  forOther: z.boolean().optional(),
  /** The other person of "for me and my little boy", as said ("my little boy"): their service may be their own. */
  companion: z.string().optional(),
  /**
   * The further days the request listed for the same service («dy seanca, të enjten dhe të premten»), in
   * order (YYYY-MM-DD): once this one is booked, the next is offered at the same time of day.
   */
  series: z.array(z.string()).optional(),
  /**
   * The same day and time each week, this many in all («çdo të martë për 4 javë», "every Tuesday"): the
   * series is the weeks after the day this one is booked on, once it is.
   */
  weekly: z.number().int().min(2).max(12).optional(),
  /** A second service asked right after this one («një qethje dhe pastaj një rruajtje»): offered once this is booked. */
  then: z.string().optional(),
});
/** Booking data kept in the conversation state while the customer books. */
export type BookingData = z.infer<typeof BookingData>;

const d = flowData(BookingData);
const choice = (input: StepInput) => (input.kind === "choice" ? input.value : null);
const backChoice = (lang: "sq" | "en") => ({ id: "g.back", label: t(lang, "common:actions.back") });

/**
 * A choice made after the first message or an early day said more than it: the request goes as far as
 * they allow with the slots now `known` (see advance); null when nothing was said beyond the choices.
 */
async function takeUp(state: ConversationState, known: BookingData, ctx: TurnContext): Promise<Outcome | null> {
  const { wantText, wantWhen } = d(state);
  return wantText || wantWhen ? advance(state, wantText ?? "", known, ctx) : null;
}

const category: Step = {
  async prompt(state, ctx) {
    const cats = await ctx.services.catalog.categories();
    return [{
      text: t(state.lang, "booking:askCategory"),
      choices: cats.map((c) => ({ id: `c:${c.id}`, label: state.lang === "en" ? c.nameEn : c.nameSq, terms: [c.nameSq, c.nameEn, ...c.aliases] })),
    }];
  },
  async handle(state, input, ctx) {
    const v = choice(input);
    if (!v?.startsWith("c:")) return input.kind === "text" ? (await givenEarly(state, input.text, ctx)) ?? { type: "unknown" } : { type: "unknown" };
    return (await takeUp(state, { categoryId: v.slice(2) }, ctx)) ?? { type: "next", step: "business", data: { categoryId: v.slice(2) } };
  },
};

const business: Step = {
  async prompt(state, ctx) {
    const list = await ctx.services.catalog.businesses(d(state).categoryId ?? "");
    return [{
      text: t(state.lang, "booking:askBusiness"),
      choices: [...list.map((b) => ({ id: `b:${b.id}`, label: businessWithCity(b), terms: [b.city, ...b.aliases] })), backChoice(state.lang)],
    }];
  },
  async handle(state, input, ctx) {
    const v = choice(input);
    if (!v?.startsWith("b:")) {
      if (input.kind !== "text") return { type: "unknown" };
      return (await cityOfOne(state, input.text, ctx)) ?? (await anyPlace(state, input.text, ctx)) ?? (await givenEarly(state, input.text, ctx)) ?? { type: "unknown" };
    }
    // A service or a time named in the first message is taken up once the business is known.
    return (await takeUp(state, { categoryId: d(state).categoryId, businessId: v.slice(2) }, ctx)) ?? { type: "next", step: "service", data: { businessId: v.slice(2) } };
  },
};

/**
 * A city said in a sentence at the business step ("I live in Tirana", «ai që është më afër Tiranës»): the
 * one business of the kind there. Null when the text names no city, or one with none or several of them.
 */
async function cityOfOne(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  const { categoryId, wantText } = d(state);
  const index = await ctx.services.catalog.entities();
  const cities = index.recognize(text).cities;
  const there = cities.length ? [...index.businesses.values()].filter((b) => b.categoryId === categoryId && cities.includes(b.city)) : [];
  if (there.length !== 1) return null;
  return advance(state, wantText ? `${wantText}, ${text}` : text, { categoryId, businessId: there[0].id }, ctx);
}

/**
 * "doesn't matter, you choose", «cilido» at the business step: where each place is, and which is nearest
 * asked (the customer's city decides; the bot does not pick one for them).
 */
async function anyPlace(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  if (!leavesItToUs(text)) return null;
  const list = await ctx.services.catalog.businesses(d(state).categoryId ?? "");
  const where = list.map((b) => `${b.name} — ${b.address}, ${b.city}`).join("; ");
  return { type: "stay", say: [{ text: t(state.lang, "booking:anyPlace", { list: where }) }] };
}

const service: Step = {
  async prompt(state, ctx) {
    const b = await ctx.services.catalog.business(d(state).businessId ?? "");
    const list = b ? await ctx.services.catalog.services(b.id) : [];
    return [{
      text: t(state.lang, "booking:askService", { business: b?.name ?? "", address: b ? `${b.address}, ${b.city}` : "" }),
      choices: [...list.map((s) => ({ id: `v:${s.id}`, label: serviceLabel(state.lang, s), terms: [s.nameSq, s.nameEn, ...s.aliases] })), backChoice(state.lang)],
    }];
  },
  async handle(state, input, ctx) {
    const v = choice(input);
    if (v?.startsWith("v:")) {
      // "nesër në 10" said at the start: go straight to that day or slot, saying which. The day and time
      // chosen before another service was asked for ("jo, më mirë mjekër" at the name step) stay.
      const { categoryId, businessId, date, start } = d(state);
      return (await takeUp(state, { categoryId, businessId, serviceId: v.slice(2), date, start }, ctx)) ?? { type: "next", step: "day", data: { serviceId: v.slice(2), dayPage: 0 } };
    }
    if (input.kind !== "text") return { type: "unknown" };
    // A service named loosely ("masazh për gjithë trupin"), maybe with a day: taken with what the first message said.
    const data = d(state);
    const index = await ctx.services.catalog.entities();
    if (index.servicesAt(input.text, data.businessId ?? "").length === 1) {
      const said = data.wantText ? `${data.wantText}, ${input.text}` : input.text;
      const next = await advance(state, said, { categoryId: data.categoryId, businessId: data.businessId }, ctx);
      // "and how much is a check-up there?": its price (or length) said, then the booking goes on with it.
      const info = await infoAnswer(input.text, state, ctx);
      return info && (info.kind === "price" || info.kind === "duration") ? { ...next, say: [info.reply, ...(next.say ?? [])] } : next;
    }
    return (await otherCity(state, input.text, ctx)) ?? (await givenEarly(state, input.text, ctx)) ?? { type: "unknown" };
  },
};

/**
 * Text at the day or time step: a day or time, else another city (the business there), else a contact
 * detail given early, else not understood.
 */
async function typedWhen(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome> {
  // Asking to wait where the full day's «Më njoftoni» is offered: the waiting list, before the day said.
  const wish = await waitWish(text, state, ctx);
  if (wish) return wish;
  // "what about Saturday at the same time?" after a full day asked with a time: that time.
  const { notFree, start, wantWhen } = d(state);
  const same = state.step === "day" && !start && notFree?.at && saysSameTime(text) ? new Date(notFree.at) : undefined;
  // A time alone at the day step is on the day asked about before («çfarë orari keni nesër?», then «ora 12»).
  const when = state.step === "day" ? whenWith(wantWhen, text, ctx) : text;
  const out = await pickDayOrTime(state, when, ctx, [], same);
  if (out.type === "next") return { ...out, data: { ...out.data, wantWhen: undefined } };
  if (out.type !== "unknown") return out;
  return (await otherCity(state, text, ctx)) ?? (await contactGivenEarly(state, text, ctx)) ?? out;
}

/**
 * A city typed after the business was chosen, the business being elsewhere ("Shkodër" at the day step of
 * a booking in Tirana): the booking starts again from the business, in that city, keeping the kind of
 * service; the service is asked again unless the text names one there or the city's only business of the
 * kind has the one chosen. Null when the text names no other
 * city, or names a business.
 */
async function otherCity(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  const data = d(state);
  const index = await ctx.services.catalog.entities();
  const m = index.recognize(text);
  const current = index.businesses.get(data.businessId ?? "");
  if (!current || !m.cities.length || m.businesses.length || m.cities.includes(current.city)) return null;
  const there = [...index.businesses.values()].filter((b) => b.categoryId === current.categoryId && m.cities.includes(b.city));
  if (!there.length) return null;
  // The only business of the kind there has the service chosen: it goes along ("the one in Vlora instead"
  // after a manicure: that salon's gel manicure).
  const carried = there.length === 1 && data.serviceId && !m.services.length ? index.sameServiceAt(data.serviceId, there[0].id) : undefined;
  const reset = {
    categoryId: current.categoryId, businessId: carried ? there[0].id : undefined, serviceId: carried, date: undefined, start: undefined, window: undefined, nearest: undefined,
  };
  const service = carried ? index.services.get(carried) : undefined;
  const said = service ? [there[0].name, state.lang === "en" ? service.nameEn : service.nameSq] : undefined;
  return advance({ ...state, data: { ...state.data, ...reset } }, text, reset, ctx, { said });
}

const day: Step = {
  async prompt(state, ctx) {
    const data = d(state);
    const days = await ctx.services.availability.days(data.serviceId ?? "", ctx.now, 60);
    if (days.length === 0) {
      return [{ text: t(state.lang, "booking:noDays"), choices: [backChoice(state.lang), { id: "g.menu", label: t(state.lang, "common:actions.menu") }] }];
    }
    const page = data.dayPage ?? 0;
    const shown = days.slice(page * DAYS_PER_PAGE, (page + 1) * DAYS_PER_PAGE);
    const choices = shown.map((x) => ({ id: `d:${x.date}`, label: formatShortDate(state.lang, x.date) }));
    if (days.length > (page + 1) * DAYS_PER_PAGE) choices.push({ id: "more", label: t(state.lang, "booking:moreDays") });
    choices.push(backChoice(state.lang));
    return [{ text: t(state.lang, "booking:askDay"), choices, kind: "days" }];
  },
  async handle(state, input, ctx) {
    const v = choice(input);
    if (v === "more") return { type: "stay", data: { dayPage: (d(state).dayPage ?? 0) + 1 } };
    if (v?.startsWith("d:")) return { type: "next", step: "time", data: { date: v.slice(2), slotPage: 0, window: undefined } };
    if (input.kind === "text") return typedWhen(state, input.text, ctx);
    return { type: "unknown" };
  },
};

/** "next Wednesday" said early in the week: this week's or next week's? */
const week: Step = whichWeekStep({ which: (state) => d(state).which, typed: typedWhen });

const time: Step = {
  async prompt(state, ctx) {
    const data = d(state);
    const free = await ctx.services.availability.slots(data.serviceId ?? "", data.date ?? "", ctx.now);
    const b = await ctx.services.catalog.business(data.businessId ?? "");
    const tz = b?.timeZone ?? ctx.timeZone;
    if (free.length === 0) {
      const wait = ctx.services.waitlist && data.serviceId && data.date ? [notifyChoice(state.lang, data.serviceId, data.date)] : [];
      return [{ text: t(state.lang, "booking:dayFull"), choices: [...wait, { id: "days", label: t(state.lang, "booking:otherDay") }] }];
    }
    const { slots, text } = dayTimes(state.lang, data.date ?? "", free, data.window, tz, "booking:askTime");
    const page = data.slotPage ?? 0;
    const shown = slots.slice(page * SLOTS_PER_PAGE, (page + 1) * SLOTS_PER_PAGE);
    const choices = shown.map((s) => slotChoice(state.lang, s, tz));
    if (slots.length > (page + 1) * SLOTS_PER_PAGE) choices.push({ id: "more", label: t(state.lang, "booking:moreTimes") });
    choices.push({ id: "days", label: t(state.lang, "booking:otherDay") });
    return [{ text, choices, kind: "slots" }];
  },
  async handle(state, input, ctx) {
    const v = choice(input);
    if (v === "more") return { type: "stay", data: { slotPage: (d(state).slotPage ?? 0) + 1 } };
    if (v === "days") return { type: "next", step: "day", data: { dayPage: 0 } };
    const start = v ? slotFromId(v) : null;
    const ready = d(state).name && d(state).email && d(state).phone;
    if (start) return { type: "next", step: ready ? "confirm" : "name", data: { start: start.getTime() } };
    if (input.kind === "text") return typedWhen(state, input.text, ctx);
    return { type: "unknown" };
  },
};

const taken: Step = {
  async prompt(state, ctx) {
    const data = d(state);
    const b = await ctx.services.catalog.business(data.businessId ?? "");
    const tz = b?.timeZone ?? ctx.timeZone;
    const nearest = (data.nearest ?? []).map((ms) => ({ start: new Date(ms) }));
    const choices = nearest.map((s) => ({ id: slotId(s.start), label: formatDayTime(state.lang, s.start, tz) }));
    choices.push({ id: "days", label: t(state.lang, "booking:otherDay") });
    return [{ text: t(state.lang, nearest.length ? "booking:nearestFree" : "booking:noNearest"), choices, kind: "slots" }];
  },
  async handle(state, input, ctx) {
    const v = choice(input);
    if (v === "days") return { type: "next", step: "day", data: { dayPage: 0 } };
    const start = v ? slotFromId(v) : null;
    if (start && (d(state).nearest ?? []).includes(start.getTime())) {
      const ready = d(state).name && d(state).email && d(state).phone;
      return { type: "next", step: ready ? "confirm" : "name", data: { start: start.getTime() } };
    }
    if (input.kind === "text") return (await waitWish(input.text, state, ctx)) ?? pickDayOrTime(state, input.text, ctx);
    return { type: "unknown" };
  },
};

/**
 * What the name step offers instead of typing, taken: the details of the chat's last booking (then the
 * summary), else the chat's profile name (then the email). Null when nothing is offered.
 */
async function takeOffered(ctx: TurnContext): Promise<Outcome | null> {
  const last = await ctx.services.bookings.lastContact(ctx.conversationId);
  if (last) return { type: "next", step: "confirm", data: detailsOf(last) };
  const known = ctx.profile?.name && validName(ctx.profile.name);
  return known ? { type: "next", step: "email", data: { name: known } } : null;
}

/**
 * Words that say yes to the details offered at the name step («po, të njëjtat», "yes, the same ones"), or to
 * the chat's profile name ("yes, that's my name", "that's me", «po, ai jam unë», «ky është emri im»).
 */
const USE_OFFERED = {
  yes: ["njejtat", "njejtit", "same", "ones", "previous", "meparshme", "perdor", "use", "them", "me", "name", "emri", "emrin", "correct", "right", "exactly", "sakte", "ai", "ajo", "mua", "details", "detajet", "dhenat", "info"],
  no: [],
  filler: ["that", "thats", "s", "is", "it", "its", "my", "i", "am", "m", "jam", "une", "ky", "kjo", "eshte", "im", "e", "te", "as", "before", "last", "time", "si", "here", "heren", "kaluar", "para"],
};

const name: Step = {
  async arrive(state) {
    return d(state).name ? nextContact(state) : null;
  },
  async prompt(state, ctx) {
    // The next person of a party, or the one a booking is for ("for my son"): their own name, nothing offered.
    if (d(state).another) return [{ text: t(state.lang, d(state).forOther ? "booking:askNameFor" : "booking:askNameNext"), choices: [backChoice(state.lang)] }];
    const known = ctx.profile?.name && validName(ctx.profile.name);
    const last = await ctx.services.bookings.lastContact(ctx.conversationId);
    const choices: NonNullable<Reply["choices"]> = [];
    if (last) choices.push({ id: "prev", label: t(state.lang, "booking:usePrevious", { name: last.name }) });
    else if (known) choices.push({ id: "profile", label: known });
    choices.push(backChoice(state.lang));
    return [{ text: t(state.lang, "booking:askName"), choices }];
  },
  async handle(state, input, ctx) {
    const v = d(state).another ? null : choice(input);
    if (v === "prev" || v === "profile") {
      const out = await takeOffered(ctx);
      if (out) return out;
    }
    if (input.kind !== "text" || (await digresses(input.text, state.lang, ctx, { name: true, inProgress: true }))) return { type: "unknown" };
    // "nesër", "ora 9": the day or time chosen is changed; a day word is not a name.
    const moved = looksLikeName(input.text.trim()) ? null : (await whenInstead(state, input.text, ctx)) ?? (await otherTimes(state, input.text, ctx));
    if (moved) return moved;
    // "po", "ok", "jo" answer a question; they are not a name. A yes takes the details offered (given
    // before, or the chat's profile name); a no asks for the name again, without calling it wrong.
    const yn = d(state).another ? null : readYesNo(input.text, USE_OFFERED);
    const offered = yn ? await takeOffered(ctx) : null;
    if (offered) return yn === "yes" ? offered : { type: "stay" };
    // "Ana Berisha, ana@…, 069 …", "my name is … and my email is …", "jam Arta Hoxha": all of them kept.
    const together = await contactsTogether(state, input.text, "name", ctx);
    if (together) return together;
    // "yes book it": a yes or a no first is an answer with more words, not a name.
    const n = yn ? null : validName(input.text);
    if (!n || readYesNo(n.split(" ")[0])) return { type: "retry", errorKey: "booking:badName" };
    return { type: "next", step: "email", data: { name: n }, say: [{ text: t(state.lang, "booking:thanksName", { name: n }) }] };
  },
};

const email: Step = {
  async arrive(state) {
    return d(state).email || d(state).noEmail ? nextContact(state) : null;
  },
  async prompt(state) {
    return [{ text: t(state.lang, "booking:askEmail"), choices: [{ id: "noemail", label: t(state.lang, "booking:noEmailChoice") }, backChoice(state.lang)] }];
  },
  async handle(state, input, ctx) {
    // No email at all: booked without one; the confirmation is the chat's message (and reminders come here and by SMS).
    const said = input.kind === "text" ? normalize(input.text) : "";
    if (choice(input) === "noemail" || NO_EMAIL.test(said) || SKIP.test(said)) {
      return { type: "next", step: "phone", data: { noEmail: true, email: undefined }, say: [{ text: t(state.lang, "booking:noEmailOk") }] };
    }
    if (input.kind !== "text" || (await digresses(input.text, state.lang, ctx, { inProgress: true }))) return { type: "unknown" };
    const e = validEmail(input.text);
    if (e) return { type: "next", step: "phone", data: { email: e, noEmail: undefined } };
    return (await contactsTogether(state, input.text, "email", ctx)) ?? (await whenInstead(state, input.text, ctx)) ?? (await otherTimes(state, input.text, ctx))
      ?? { type: "retry", errorKey: "booking:badEmail" };
  },
};

/** Words that say "this number" at the phone step, when the chat's own number is offered. */
const THIS_NUMBER = {
  yes: [
    "ky", "kete", "kte", "kto", "numri", "numer", "numrin", "nr", "njejti", "njejtin", "perdor", "perdore", "perdorni",
    "merr", "merre", "merreni", "vendos", "vendose", "kam", "im", "nga", "qe", "shkruaj", "shkruani", "shkruajme", "whatsapp", "whatsappi",
    "this", "one", "same", "number", "use", "mine", "my", "the", "from", "writing", "texting", "messaging", "sending",
    "current", "here", "take", "m", "am", "just",
  ],
};

/** Words that ask for a number other than the one written from ("another one", «një tjetër»). */
const OTHER_NUMBER = new Set(["tjeter", "tjetrin", "tjetri", "tjetren", "ndryshe", "ri", "rin", "other", "another", "different", "new", "wrong", "gabim"]);

/**
 * "This number" said loosely at the phone step: no digits, a yes or a word for this number among at most
 * ten words, and nothing that says no or asks for another ("no, a different one" is a no).
 */
function looselyThisNumber(text: string): "yes" | "no" | null {
  const words = normalize(text).split(" ").filter(Boolean);
  if (!words.length || words.length > 10 || /\d/.test(text)) return null;
  if (words.some((w) => OTHER_NUMBER.has(w) || readYesNo(w) === "no")) return "no";
  return words.some((w) => THIS_NUMBER.yes.includes(w) || readYesNo(w) === "yes") ? "yes" : null;
}

const phone: Step = {
  async arrive(state) {
    return d(state).phone ? nextContact(state) : null;
  },
  async prompt(state, ctx) {
    const known = ctx.profile?.phone ? validPhone(ctx.profile.phone) : null;
    const choices: NonNullable<Reply["choices"]> = [];
    if (known) choices.push({ id: "known", label: t(state.lang, "booking:useThisPhone", { phone: known }) });
    choices.push(backChoice(state.lang));
    return [{ text: t(state.lang, "booking:askPhone"), choices, requestContact: !known }];
  },
  async handle(state, input, ctx) {
    if (input.kind === "text" && (await digresses(input.text, state.lang, ctx, { inProgress: true }))) return { type: "unknown" };
    const raw = input.kind === "contact" ? input.phone : input.kind === "text" ? input.text : input.value === "known" ? ctx.profile?.phone ?? "" : "";
    if (!raw) return { type: "unknown" };
    const p = validPhone(raw);
    if (p) return { type: "next", step: "confirm", data: { phone: p } };
    if (input.kind !== "text") return { type: "retry", errorKey: "booking:badPhone" };
    // The number they write from, offered as a choice (WhatsApp, SMS, a shared Telegram contact), taken
    // in words: «po», «ky numër», "same number", "the one I'm texting from". A no asks for the number
    // again without calling it wrong.
    const known = ctx.profile?.phone ? validPhone(ctx.profile.phone) : null;
    const take = (yn: "yes" | "no"): Outcome => (yn === "yes" ? { type: "next", step: "confirm", data: { phone: known! } } : { type: "stay" });
    const yn = known ? readYesNo(input.text, THIS_NUMBER) : null;
    if (yn) return take(yn);
    const other = (await contactsTogether(state, input.text, "phone", ctx)) ?? (await whenInstead(state, input.text, ctx)) ?? (await otherTimes(state, input.text, ctx));
    if (other) return other;
    // Said in words of their own ("sure, use the number I'm on", «numri ku po flasim», "my cell is the one
    // I'm texting from"): a yes or a word for this number, with nothing that asks for another.
    const loose = known ? looselyThisNumber(input.text) : null;
    return loose ? take(loose) : { type: "retry", errorKey: "booking:badPhone" };
  },
};

/**
 * A day or time typed at a contact step ("nesër", "ora 9", "actually Friday"): the chosen day or time
 * changes, read on the chosen day as at the time step (as at the summary), and the booking goes on from
 * there. Null when the text names no day or time.
 */
async function whenInstead(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  if (!ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone })) return null;
  const data = d(state);
  const atTime: ConversationState = { ...state, step: "time", data: { ...state.data, window: undefined } };
  const out = await pickDayOrTime(atTime, text, ctx, [], data.start ? new Date(data.start) : undefined);
  return out.type === "unknown" ? null : out;
}

/**
 * A change of this booking asked with no day or time read ("can we make it later?", "a mund ta bëjmë
 * pak më vonë?"): the chosen day's free times again. Null for anything else.
 */
async function otherTimes(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  return d(state).date && (await changesThisOne(text, ctx)) ? { type: "next", step: "time", data: { window: undefined, slotPage: 0 } } : null;
}

/** Typed answers to the summary besides the plain yes and no words. */
const CONFIRM_WORDS = { yes: ["rezervo", "rezervoje", "rezervojeni", "book"], no: ["anulo", "anuloje", "cancel", "abandon"] };

const confirm: Step = {
  async prompt(state, ctx) {
    const data = d(state);
    const b = await ctx.services.catalog.business(data.businessId ?? "");
    const s = await ctx.services.catalog.service(data.serviceId ?? "");
    if (!b || !s || !data.start) return [{ text: t(state.lang, "booking:lost"), choices: [{ id: "g.book", label: t(state.lang, "common:menu.book") }] }];
    return [{
      text: summaryText(state.lang, b, s, new Date(data.start), { name: data.name ?? "", email: data.email || t(state.lang, "booking:noEmailShown"), phone: data.phone ?? "" }, !!ctx.services.payments),
      choices: [
        { id: "yes", label: t(state.lang, "booking:confirmYes") },
        { id: "change", label: t(state.lang, "booking:changeTime") },
        { id: "no", label: t(state.lang, "booking:confirmNo") },
      ],
    }];
  },
  async handle(state, input, ctx) {
    const typed = input.kind === "text" ? readYesNo(input.text, CONFIRM_WORDS) : null;
    const v = typed ?? choice(input);
    if (v === "change") return { type: "next", step: "day", data: { dayPage: 0 } };
    // After one of a party or a series was booked, only this one is not: the one before stays.
    if (v === "no") return { type: "end", say: [{ text: t(state.lang, d(state).booked ? "booking:nextNotBooked" : "booking:abandoned") }] };
    if (v === "yes") return book(state, ctx);
    if (input.kind !== "text") return { type: "unknown" };
    // A detail corrected at the summary ("change the email to …", "my name is actually …", «numri im është
    // …»): changed, and the summary shown again.
    const { contact } = await contactIn(input.text.replace(/(?<![\p{L}])(?:actually|in fact|në fakt|ne fakt)(?![\p{L}])/giu, " "), ctx);
    if (contact.name || contact.email || contact.phone) return { type: "stay", data: contact, say: [{ text: t(state.lang, "booking:detailsChanged") }] };
    const data = d(state);
    // "next week" said of a day that is next week's: that day, the summary again (not the week's Monday).
    if (data.date && weekAgrees(input.text, data.date, zonedParts(ctx.now, ctx.timeZone).date)) return { type: "stay" };
    // Another day or time said at the summary ("actually, can we make it 11?", "jo, më mirë të enjten në
    // të njëjtën orë"): read on the chosen day as at the time step, and the summary shown again.
    const atTime: ConversationState = { ...state, step: "time", data: { ...state.data, window: undefined } };
    const out = await pickDayOrTime(atTime, input.text, ctx, [], data.start ? new Date(data.start) : undefined);
    // A change of this booking with no day or time read ("can we make it later?"): the day's times again.
    return out.type === "unknown" ? ((await otherTimes(state, input.text, ctx)) ?? out) : out;
  },
};

async function book(state: ConversationState, ctx: TurnContext): Promise<Outcome> {
  const data = d(state);
  const result = await ctx.services.bookings.book({
    serviceId: data.serviceId ?? "",
    start: new Date(data.start ?? 0),
    contact: { name: data.name ?? "", email: data.email ?? "", phone: data.phone ?? "" },
    channel: ctx.address.channel,
    conversationId: ctx.conversationId,
    requestKey: `${ctx.conversationId}:${state.prompt}`,
    lang: state.lang,
    now: ctx.now,
  });
  if (!result.ok) {
    const nearest = await ctx.services.availability.nearest(data.serviceId ?? "", new Date(data.start ?? 0), ctx.now, 3);
    // Free a moment ago but now closer than the business's notice: said so, not as taken by someone.
    const why = result.reason === "too_soon" ? t(state.lang, "booking:nowTooSoon", { count: result.noticeMin }) : t(state.lang, "booking:justTaken");
    return { type: "next", step: "taken", data: { nearest: nearest.map((s) => s.start.getTime()) }, say: [{ text: why }] };
  }
  const bk = result.booking;
  if (bk.status === "pending_payment" && ctx.services.payments) return payFirst(state, ctx, bk, Boolean(data.party));
  const confirmed = confirmationReply(state.lang, bk, ctx.now, ctx.services.manage?.icsLink(bk));
  // Booked for one of several people ("for me and my wife"): the next person's place is asked about.
  if (data.party) return { type: "next", step: "more", data: { booked: bk.id }, say: [confirmed] };
  const series = seriesOf(data, bk);
  if (series.length) return nextOfSeries(state, ctx, bk, series, [confirmed]);
  if (data.then) return nextAfter(state, ctx, bk, data.then, [confirmed]);
  return { type: "end", say: [confirmed] };
}

/**
 * The next day of a series the request listed («të enjten dhe të premten»), once a booking of it is made
 * (`said`: its confirmation or payment link): the same service at the same time of day, to confirm as
 * usual; when that time is not free, that day's nearest free times. The days after it stay for later.
 */
/**
 * The second service asked right after the one just booked (`bk`; `said`: its confirmation or payment link):
 * at the same business, starting when it ends, to confirm as usual; when that time is not free, that day's
 * nearest free times.
 */
async function nextAfter(state: ConversationState, ctx: TurnContext, bk: BookingInfo, serviceId: string, said: Reply[]): Promise<Outcome> {
  const s = await ctx.services.catalog.service(serviceId);
  if (!s) return { type: "end", say: said };
  const service = state.lang === "en" ? s.nameEn : s.nameSq;
  const vars = { service, when: formatDayTime(state.lang, bk.end, bk.business.timeZone) };
  const data = { serviceId, then: undefined, booked: bk.id };
  return offerNext(state, ctx, { serviceId, start: bk.end, tz: bk.business.timeZone, data, said }, ["booking:thenNext", "booking:thenTaken"], vars);
}

/**
 * The next booking of a request for several (`next.start` for `next.serviceId`, after `next.said`): to confirm
 * as usual when that time is free, else that day's nearest free times; with `beyond`, a day past the days the
 * business takes bookings for ends there, saying so. `keys`: what is said before the summary, or before the
 * nearest times.
 */
async function offerNext(
  state: ConversationState, ctx: TurnContext,
  next: { serviceId: string; start: Date; tz: string; data: BookingData; said: Reply[] },
  [nextKey, takenKey]: [string, string], vars: Record<string, string>, beyond?: string,
): Promise<Outcome> {
  const { serviceId, start, said } = next;
  const date = zonedParts(start, next.tz).date;
  const data = { ...next.data, date, window: undefined, nearest: undefined };
  const free = await ctx.services.availability.slots(serviceId, date, ctx.now);
  if (free.some((x) => x.start.getTime() === start.getTime())) {
    return { type: "next", step: "confirm", data: { ...data, start: start.getTime() }, say: [...said, { text: t(state.lang, nextKey, vars) }] };
  }
  // No free day from that day on: past the days the business takes bookings for (a long weekly series).
  if (beyond && !(await ctx.services.availability.days(serviceId, ctx.now, 60)).some((x) => x.date >= date)) {
    return { type: "end", say: [...said, { text: t(state.lang, beyond, vars) }] };
  }
  const nearest = await ctx.services.availability.nearest(serviceId, start, ctx.now, 3);
  return { type: "next", step: "taken", data: { ...data, start: undefined, nearest: nearest.map((x) => x.start.getTime()) }, say: [...said, { text: t(state.lang, takenKey, vars) }] };
}

/** The days still to book of a series: those listed, or the weeks after the day of `bk` for a weekly one. */
function seriesOf(data: BookingData, bk: BookingInfo): string[] {
  if (data.series?.length) return data.series;
  if (!data.weekly) return [];
  const day = zonedParts(bk.start, bk.business.timeZone).date;
  return Array.from({ length: data.weekly - 1 }, (_, i) => addDays(day, 7 * (i + 1)));
}

async function nextOfSeries(state: ConversationState, ctx: TurnContext, bk: BookingInfo, series: string[], said: Reply[]): Promise<Outcome> {
  const [next, ...rest] = series;
  const tz = bk.business.timeZone;
  // A day said with its own time ("YYYY-MM-DDTHH:MM"), else the time of the one just booked.
  const start = zonedToUtc(next.slice(0, 10), next.length > 10 ? next.slice(11) : zonedParts(bk.start, tz).time, tz);
  const data = { series: rest.length ? rest : undefined, weekly: undefined, booked: bk.id };
  const vars = { when: formatDayTime(state.lang, start, tz) };
  return offerNext(state, ctx, { serviceId: bk.service.id, start, tz, data, said }, ["booking:seriesNext", "booking:seriesTaken"], vars, "booking:seriesBeyond");
}

/** After a booking for one of several people: the same time for the next person too? */
const more: Step = {
  async prompt(state) {
    return [{
      text: t(state.lang, "booking:partyNext"),
      choices: [{ id: "yes", label: t(state.lang, "booking:partyChoice") }, { id: "no", label: t(state.lang, "booking:partyNo") }],
    }];
  },
  async handle(state, input, ctx) {
    const v = choice(input) ?? (input.kind === "text" ? readYesNo(input.text) : null);
    const { party, booked } = d(state);
    if (v === "no") return { type: "end", say: [] };
    if (v === "yes" && party && booked) return (await nextOfParty(party - 1, booked, state, ctx, d(state).companion)) ?? { type: "end", say: [] };
    // The next person's name typed ("Noa Gashi"): a yes, with the name they would be asked for.
    const n = !v && input.kind === "text" && looksLikeName(input.text.trim()) ? validName(input.text) : null;
    if (n && party && booked) {
      const out = await nextOfParty(party - 1, booked, state, ctx, d(state).companion);
      if (out?.type === "flow" && out.step === "name") return { ...out, data: { ...out.data, name: n } };
      if (out) return out;
    }
    return { type: "unknown" };
  },
};

/**
 * The next person of a party ("for me and my wife"), from the booking just made: the same service and time,
 * the same email and phone, only the name asked; when that time has no place left, its nearest free times.
 * `people`: those still without a place. A companion whose own words name one service of the business ("my
 * little boy": the children's haircut) gets that one. Null when the booking is not this chat's.
 */
async function nextOfParty(people: number, bookingId: string, state: ConversationState, ctx: TurnContext, companion?: string): Promise<Outcome | null> {
  const b = ctx.services.manage ? await ctx.services.manage.get(ctx.conversationId, bookingId, ctx.now) : null;
  if (!b) return null;
  const contact = await ctx.services.bookings.lastContact(ctx.conversationId);
  const date = zonedParts(b.start, b.business.timeZone).date;
  const index = await ctx.services.catalog.entities();
  const theirs = companion ? index.servicesAt(companion, b.business.id) : [];
  const serviceId = theirs.length === 1 ? theirs[0] : b.service.id;
  const data: BookingData = {
    categoryId: b.business.categoryId, businessId: b.business.id, serviceId, date, start: b.start.getTime(),
    ...(contact ? detailsOf(contact, true) : {}), another: true, booked: bookingId, ...(people >= 2 ? { party: people } : {}),
  };
  const free = await ctx.services.availability.slots(serviceId, date, ctx.now);
  const when = formatDayTime(state.lang, b.start, b.business.timeZone);
  if (!free.some((s) => s.start.getTime() === b.start.getTime())) {
    const nearest = await ctx.services.availability.nearest(serviceId, b.start, ctx.now, 3);
    const on = formatDateIn(state.lang, b.start, "acc", b.business.timeZone);
    return { type: "flow", flow: "booking", step: "taken", data: { ...data, start: undefined, nearest: nearest.map((s) => s.start.getTime()) }, say: [{ text: t(state.lang, "booking:partyTaken", { when: on }) }] };
  }
  const own = serviceId === b.service.id ? null : index.services.get(serviceId);
  const said = own ? t(state.lang, "booking:partyNameService", { when, service: state.lang === "en" ? own.nameEn : own.nameSq }) : t(state.lang, "booking:partyName", { when });
  return { type: "flow", flow: "booking", step: "name", data, say: [{ text: said }] };
}

/**
 * A booking held until it is paid: the payment link and how long the place is kept. Held for one of several
 * people (`party`), the next person's place is asked about after the link (each place is paid on its own).
 */
async function payFirst(state: ConversationState, ctx: TurnContext, bk: BookingInfo, party: boolean): Promise<Outcome> {
  const lang = state.lang;
  const pay = await ctx.services.payments!.checkout(bk.id, lang, ctx.now);
  if (!pay.ok) {
    return { type: "end", say: [{ text: t(lang, "payments:unavailable"), choices: [{ id: "g.book", label: t(lang, "common:menu.book") }] }] };
  }
  const amount = formatPrice(lang, pay.amountLek);
  const text = t(lang, pay.kind === "deposit" ? "payments:holdDeposit" : "payments:holdFull", {
    ref: bk.ref,
    business: bk.business.name,
    service: lang === "en" ? bk.service.nameEn : bk.service.nameSq,
    when: formatDayTime(lang, bk.start, bk.business.timeZone),
    amount,
    rest: formatPrice(lang, Math.max(bk.priceLek - pay.amountLek, 0)),
    count: pay.holdMinutes,
  });
  const say = [{ text, link: { url: pay.url, label: t(lang, "payments:payLink", { amount }) } }];
  if (party) return { type: "next", step: "more", data: { booked: bk.id }, say };
  const series = seriesOf(d(state), bk);
  if (series.length) return nextOfSeries(state, ctx, bk, series, say);
  const then = d(state).then;
  return then ? nextAfter(state, ctx, bk, then, say) : { type: "end", say };
}

/** The booking flow: category -> business -> service -> day -> time -> name -> email -> phone -> confirm. */
export const bookingFlow: Flow = {
  start: "category",
  steps: { category, business, service, day, week, time, taken, name, email, phone, confirm, more },
  data: BookingData,
  init(data) {
    return { ...data };
  },
  // "back" at a step a request went straight to: the one before it (the times' day list, where another
  // service or day may be said; the day kept for a service named there).
  previous(state) {
    const data = d(state);
    const before: Record<string, string | undefined> = {
      time: "day", week: "day", taken: "day", day: "service", service: "business", business: data.categoryId ? "category" : undefined,
      name: data.date ? "time" : "day", email: "name", phone: "email", confirm: "phone",
    };
    return before[state.step];
  },
};
