import type { InboundContent, Reply } from "../core/conversation/messages.ts";
import type { ConversationState } from "../core/conversation/state.ts";
import { t } from "../locales/i18n.ts";
import { formatDateIn } from "../core/format.ts";
import { addDays, zonedToUtc } from "../core/clock.ts";
import type { GlobalAction, RouterHooks } from "./engine/run.ts";
import { DialogEngine, type DialogLog } from "./engine/run.ts";
import { courtesyOnly, type Courtesy } from "../core/nlu/intent.ts";
import { normalize } from "../core/nlu/normalize.ts";
import { asksAboutPlace, asksSomething, asksWhenOrWhere, infoAsked } from "../core/nlu/asks.ts";
import { keepsBooking } from "../core/nlu/keep.ts";
import { companion, forAnother, partySize } from "../core/nlu/party.ts";
import { MOST_WEEKS, listedDays, weeklyDays } from "../core/nlu/day-list.ts";
import { thenParts } from "../core/nlu/then.ts";
import type { Flow, Outcome, TurnContext } from "./engine/types.ts";
import { faqAnswer } from "./faq/answer.ts";
import { askThem, infoAnswer, paymentAt } from "./info.ts";
import { advance } from "./booking/oneshot.ts";
import { besideBooking, detailsGiven } from "./booking/beside.ts";
import type { BookingData } from "./booking/flow.ts";
import type { EntityIndex, Mentions } from "../core/catalog/entity-index.ts";
import { ACTION_FLOWS, flows } from "./flows.ts";
import { leaveWish, notifyIn, waitFor, waitWish } from "./waitlist/wish.ts";
import { readNotifyWish } from "./manage/notify-words.ts";
import { asksToErase } from "./privacy/flow.ts";
import { namedBookings } from "./manage/named.ts";

/** Whole-message keywords (normalised) that act anywhere: Albanian and English. */
const KEYWORDS: Record<string, string> = {
  mbrapa: "back", kthehu: "back", back: "back",
  fillo: "restart", rifillo: "restart", "fillo nga e para": "restart", restart: "restart", "start over": "restart",
  ndihme: "help", help: "help",
  gjuha: "lang", language: "lang",
  menu: "menu", meny: "menu", menyja: "menu", menuja: "menu",
  kerkesat: "mytickets", "kerkesat e mia": "mytickets", requests: "mytickets", "my requests": "mytickets",
  "te dhenat e mia": "privacy", "dhenat e mia": "privacy", "my data": "privacy",
  "rezervo perseri": "again", "rezervoj perseri": "again", "rezervo prape": "again", "book again": "again",
};

/** Bot commands (/start, /rezervo ...) in both languages. */
const COMMANDS: Record<string, string> = {
  start: "start", rezervo: "book", book: "book", rezervimet: "mybookings", mybookings: "mybookings",
  ndihme: "help", help: "help", gjuha: "lang", language: "lang", menu: "menu", fillo: "restart",
  restart: "restart", resume: "resume", pyetje: "faq", faq: "faq", mbeshtetje: "support", support: "support",
};

/** Intents that map straight to a global action. */
const INTENT_ACTIONS: Record<string, string> = {
  "my-bookings": "mybookings", ticket: "support", human: "support", help: "help", restart: "restart",
  back: "back", notifications: "notifications", "my-tickets": "mytickets", privacy: "privacy",
};

function keyword(content: InboundContent): GlobalAction | null {
  if (content.kind === "command") {
    const action = COMMANDS[content.name.toLowerCase()];
    return action ? { action, arg: content.args?.trim() || undefined } : null;
  }
  if (content.kind !== "text") return null;
  const action = KEYWORDS[normalize(content.text)];
  return action ? { action } : null;
}

async function global(g: GlobalAction, state: ConversationState, ctx: TurnContext): Promise<Outcome | null> {
  if (g.action === "restart") return { type: "flow", flow: "menu", say: [{ text: t(state.lang, "common:restarted") }] };
  if (g.action === "start" || g.action === "book") {
    const slug = g.arg?.replace(/^biz_/, "");
    if (slug) {
      const business = await ctx.services.catalog.business(slug);
      if (business) return { type: "flow", flow: "booking", step: "service", data: { categoryId: business.categoryId, businessId: business.id } };
    }
    if (g.action === "start") return { type: "flow", flow: "menu" };
  }
  const target = ACTION_FLOWS[g.action];
  if (!target) return null;
  return { type: "flow", flow: target.flow, step: target.step, data: { ...(target.data ?? {}), ...(g.arg ? { arg: g.arg } : {}), ...(g.data ?? {}) } };
}

/** Requests also made as questions, which the FAQ does not answer. */
const ASKED_AS_QUESTIONS = new Set(["privacy", "ticket", "human"]);

/** Intents that act on one of the customer's bookings. */
const BOOKING_ACTIONS = new Set(["cancel", "reschedule", "running-late"]);

/** The slots of booking data that hold a value. */
const defined = (data: BookingData): BookingData => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as BookingData;

/**
 * What a booking request typed in the middle of a booking keeps: the category, business, service, day and
 * time already chosen (and the contact details given), unless the message names another business or kind
 * of service; a service of the same business named anew replaces the chosen one. Another business named
 * keeps the contact details, and the service where that business has one of the same name. `wantText`: the
 * earlier request still to be taken up, read before this message.
 */
function keptChoices(state: ConversationState, named: Mentions, catalog: EntityIndex): BookingData {
  if (state.flow !== "booking") return {};
  const d = state.data as BookingData;
  // The request not taken up yet (a service named before its business was known) stays, unless this
  // message names a service or another kind: "sa kushton një pastrim dhëmbësh?", then "… te DentaPlus
  // të premten në 9".
  const pending: BookingData = !d.serviceId && d.wantText && !named.services.length && (!named.category || !d.categoryId || named.category === d.categoryId) ? { wantText: d.wantText } : {};
  const details: BookingData = { name: d.name, email: d.email, phone: d.phone, party: d.party };
  if (named.businesses.length && !named.businesses.includes(d.businessId ?? "")) {
    // Another business instead ("actually, can I do Kalaja in Shkoder instead?"): the service chosen goes
    // with the customer where that business has it (see EntityIndex.sameServiceAt).
    const there = named.businesses.length === 1 ? catalog.businesses.get(named.businesses[0]) : undefined;
    const same = there && d.serviceId && !named.services.length ? catalog.sameServiceAt(d.serviceId, there.id) : undefined;
    const moved: BookingData = same && there ? { categoryId: there.categoryId, businessId: there.id, serviceId: same } : {};
    return defined({ ...pending, ...moved, ...details });
  }
  if (named.category && d.categoryId && named.category !== d.categoryId && !named.businesses.length) return {};
  const kept: BookingData = { categoryId: d.categoryId, businessId: d.businessId, serviceId: d.serviceId, date: d.date, start: d.date ? d.start : undefined, ...details, ...pending };
  if (d.serviceId && named.services.length && !named.services.includes(d.serviceId)) kept.serviceId = undefined;
  return defined(kept);
}

/** Intents whose messages may speak of a price or a place without asking for it. */
const NOT_INFO = new Set(["ticket", "human", "cancel", "reschedule", "running-late", "privacy", "my-bookings", "my-tickets", "notifications", "waitlist", "language"]);

/** Greetings, thanks and goodbyes: answered, and nothing under way is dropped. */
const POLITE = new Set<string>(["greeting", "thanks", "bye"]);

/** What each courtesy says in the middle of a flow (at the menu, see {@link polite}). */
const MIDWAY: Partial<Record<Courtesy, string>> = { greeting: "helloAgain", thanks: "thanks", bye: "byeMidway", hold: "hold" };

/**
 * A greeting, thanks, goodbye, a moment asked for ("wait") or "never mind". At the menu: the greeting's
 * menu, "you're welcome" with the offer of more help, a goodbye, or a short answer. In the middle of a flow
 * (a booking, a move, a question asked), the same words and the step asked again: "hello" or "thanks" at
 * the days of a booking keeps the booking. "never mind" stops what is under way.
 */
function polite(kind: Courtesy, state: ConversationState): Outcome {
  const lang = state.lang;
  const say = (key: string) => [{ text: t(lang, key.includes(":") ? key : `common:politeness.${key}`) }];
  if (state.flow === "menu") {
    if (kind === "greeting") return { type: "flow", flow: "menu" };
    if (kind === "thanks") return { type: "flow", flow: "menu", step: "after", say: say("thanks") };
    return { type: "end", say: say(kind === "bye" ? "bye" : kind === "hold" ? "hold" : "ok") };
  }
  // "never mind", «lëre»: what was under way stops (nothing was booked or changed without a yes).
  if (kind === "never-mind") return { type: "flow", flow: "menu", step: "after", say: say(state.flow === "booking" ? "booking:stopped" : "stopped") };
  return { type: "stay", say: say(MIDWAY[kind] ?? "hold") };
}

/**
 * A question in a booking that names only services of another kind than the business chosen, with no word
 * asking to book them («a keni kondicioner në sallë?» at a salon: an air-conditioning recharge is a car
 * service's): a question about this business, not a request to book there.
 */
function otherKindAsked(state: ConversationState, named: Mentions, catalog: EntityIndex, confidence: number): boolean {
  const chosen = state.flow === "booking" ? (state.data as BookingData).businessId : undefined;
  const kind = chosen ? catalog.businesses.get(chosen)?.categoryId : undefined;
  if (!kind || named.businesses.length || !named.services.length || confidence >= 0.9) return false;
  return named.services.every((id) => catalog.businesses.get(catalog.services.get(id)?.businessId ?? "")?.categoryId !== kind);
}

/**
 * A question in a booking that names only the service chosen, with no word asking to book and no day or
 * time ("do you also do nail art?" at a gel manicure, «a e keni vajin tuaj?» at an oil change): about it.
 */
async function chosenAsked(text: string, state: ConversationState, named: Mentions, catalog: EntityIndex, confidence: number, ctx: TurnContext): Promise<boolean> {
  const { serviceId, businessId } = state.flow === "booking" ? (state.data as BookingData) : {};
  if (!serviceId || !businessId || named.businesses.length || !named.services.length || confidence >= 0.9) return false;
  // Of this business's services, the words name only the one chosen (others elsewhere may share a word: "nails").
  const here = catalog.servicesAt(text, businessId);
  if (!here.length || !here.every((id) => id === serviceId)) return false;
  return !ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone });
}

/**
 * The days after the one being booked of those a request lists for the same service («të enjten dhe të
 * premten», "Monday, Wednesday and Friday"), as dates; none unless the day being booked is among them.
 */
function seriesAfter(days: string[], data: BookingData, ctx: TurnContext, catalog: EntityIndex): string[] {
  if (!data.date || !ctx.services.nlu) return [];
  // «në 4» is read by the business's hours (16:00 at a place open then).
  const openingHours = catalog.businesses.get(data.businessId ?? "")?.openingHours;
  const read = days.map((d) => ctx.services.nlu!.when(d, { now: ctx.now, timeZone: ctx.timeZone, openingHours })).filter((x) => !!x?.date);
  // The days come in the order said, each after the one before ("Monday, Wednesday and Friday next week":
  // the week said goes for all of them; "Friday and Monday": the Monday after). A day said with its own time
  // («të enjten në 12») keeps it: "YYYY-MM-DDTHH:MM".
  const dates: string[] = [];
  const times = new Map<string, string>();
  for (const r of read) {
    let x = r!.date;
    const last = dates[dates.length - 1];
    if (dates.length === 0 && x !== data.date) x = data.date;
    while (last && x <= last) x = addDays(x, 7);
    if (!dates.includes(x)) {
      dates.push(x);
      if (r!.hasTime && r!.time) times.set(x, r!.time);
    }
  }
  return dates[0] === data.date ? dates.slice(1).map((x) => (times.has(x) ? `${x}T${times.get(x)}` : x)) : [];
}

/**
 * Two services of one business asked one after the other ("a haircut and then a razor shave right after",
 * «një qethje dhe pastaj një rruajtje me brisk»): the one named before the word that says so, and the one
 * after it; null unless each side names exactly one service there, and not the same.
 */
function oneAfterOther(text: string, data: BookingData, catalog: EntityIndex): { businessId: string; first: string; then: string } | null {
  const parts = thenParts(text);
  if (!parts || !data.businessId) return null;
  const first = catalog.servicesAt(parts.before, data.businessId);
  const then = catalog.servicesAt(parts.after, data.businessId);
  return first.length === 1 && then.length === 1 && first[0] !== then[0] ? { businessId: data.businessId, first: first[0], then: then[0] } : null;
}

/** A message that asks something, then goes on: the question (up to its last "?") and the words after it. */
function afterQuestion(text: string): { question: string; request: string } | null {
  const q = text.lastIndexOf("?");
  const question = text.slice(0, q + 1).trim();
  const request = text.slice(q + 1).trim();
  return q >= 0 && question && request ? { question, request } : null;
}

/**
 * A message whose first part is a question the FAQ answers and whose last part asks to book something named
 * ("how long before can I cancel for free? I'd like a consultation at Fizio Shkodra on Friday at 11"): the
 * answer, then the booking as the request alone reads. Null otherwise.
 */
async function questionThenBooking(text: string, state: ConversationState, ctx: TurnContext, catalog: EntityIndex): Promise<Outcome | null> {
  const split = afterQuestion(text);
  const nlu = ctx.services.nlu;
  // A question the catalog answers (a price, hours, an address) is answered where those are, with the request.
  if (!split || !nlu || infoAsked(split.question)) return null;
  const { question, request } = split;
  const wants = nlu.intent(request, catalog);
  const named = catalog.recognize(request);
  if (wants?.intent !== "book" || (!named.businesses.length && !named.services.length)) return null;
  const faq = nlu.faq(question, state.lang, catalog);
  if (!faq || faq.id === "how-to-book") return null;
  const next = await advance({ ...state, data: {} }, request, {}, ctx);
  return { type: "flow", flow: "booking", step: next.step, data: next.data, say: [faqAnswer(state.lang, faq.id), ...(next.say ?? [])] };
}

/** What a weekly series will be: one at a time, how many more; a month when no count was said; the most at once. */
function weeklySaid(lang: ConversationState["lang"], weekly: { count: number; asked: number; unsaid: boolean }): Reply[] {
  return [
    ...(weekly.asked > MOST_WEEKS ? [{ text: t(lang, "booking:seriesWeeklyMost", { count: MOST_WEEKS }) }] : []),
    { text: t(lang, "booking:seriesWeekly", { count: weekly.count - 1 }) },
    ...(weekly.unsaid ? [{ text: t(lang, "booking:seriesWeeklyUnsaid") }] : []),
  ];
}

/** A question at the menu naming one business the chat has no booking at: answered, then its services are shown. */
async function opensBookingAt(state: ConversationState, named: Mentions, ctx: TurnContext): Promise<boolean> {
  if (state.flow !== "menu" || named.businesses.length !== 1) return false;
  const upcoming = ctx.services.manage ? await ctx.services.manage.upcoming(ctx.conversationId, ctx.now) : [];
  return !upcoming.some((b) => b.business.id === named.businesses[0]);
}

/**
 * The answer, then the booking at the business the message names, as far as the message goes. The question
 * is not kept as the request (its words are not read again for a day or a time once a service is picked).
 */
async function bookAt(answer: Reply, text: string, state: ConversationState, ctx: TurnContext): Promise<Outcome> {
  let next = await advance({ ...state, data: {} }, text, {}, ctx);
  // «ku ndodhet Marina Spa? dua një trajtim fytyre atje të premten në 2»: the day and time are read in the
  // request after the question (the question's words are no day or time of it).
  const split = afterQuestion(text);
  const after = split?.request;
  const got = next.data as BookingData;
  // "what time does Alba close on Saturday? I need an oil change that morning, 10am": the day the question
  // named is the request's when the request names none.
  const read = (part: string) => ctx.services.nlu?.when(part, { now: ctx.now, timeZone: ctx.timeZone });
  const dayAsked = split && !read(split.request)?.daySaid ? read(split.question) : null;
  const questionDay = dayAsked?.daySaid ? dayAsked.date : undefined;
  if (after && got.serviceId && (!got.date || questionDay)) {
    const { wantText: _w, date: _d, start: _s, ...rest } = got;
    const known = questionDay ? { ...rest, date: questionDay } : rest;
    const catalog = await ctx.services.catalog.entities();
    const b = catalog.businesses.get(got.businessId ?? "");
    const sv = catalog.services.get(got.serviceId);
    const said = b && sv ? [b.name, state.lang === "en" ? sv.nameEn : sv.nameSq] : undefined;
    next = await advance({ ...state, data: {} }, after, known, ctx, { said });
  }
  const { wantText: _question, ...data } = next.data as BookingData;
  // The day the question asked about («çfarë orari keni të premten?») is the day the booking starts from:
  // "a haircut at 10" then is that day's (a day said then is the one taken).
  const asked = data.date ? null : ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone });
  const wish = asked?.daySaid && !asked.hasTime ? { wantWhen: asked.date } : {};
  return { type: "flow", flow: "booking", step: next.step, data: { ...data, ...wish }, say: [answer, ...(next.say ?? [])] };
}

async function understand(text: string, state: ConversationState, ctx: TurnContext): Promise<Outcome | null> {
  const nlu = ctx.services.nlu;
  if (!nlu) return null;
  const catalog = await ctx.services.catalog.entities();
  // «dua ta mbaj terminin», "don't cancel it": it stays, and is shown (the only one, or the one named).
  if (keepsBooking(text) && ctx.services.manage && (await ctx.services.manage.upcoming(ctx.conversationId, ctx.now)).length) {
    return { type: "flow", flow: "manage", data: { mode: "show", wantText: text }, say: [{ text: t(state.lang, "manage:keeps") }] };
  }
  // «sa kohë para mund të anuloj falas? dua një konsultë te Fizio Shkodra të premten në 11»: an FAQ question,
  // then a request to book; the answer, then the booking as far as the request goes.
  const asked = state.flow === "menu" ? await questionThenBooking(text, state, ctx, catalog) : null;
  if (asked) return asked;
  const named = catalog.recognize(text);
  const intent = await requestInstead(text, nlu.intent(text, catalog), named, ctx);
  // "take me off the waiting list", «më hiqni nga lista»: the place given up.
  const leaving = await leaveWish(text, state, ctx, named, catalog);
  if (leaving) return leaving;
  // "please delete all my data", «fshini llogarinë time»: straight to the question that erases it.
  if (intent?.intent === "privacy" && asksToErase(text)) return { type: "flow", flow: "privacy", step: "confirmErase" };
  // "sa kushton?", "where are you?", «orari i Elegance?»: answered from the catalog. A request that only
  // mentions a price (a charge above the one shown) is the staff's, and a change of a booking is done.
  const found = intent && NOT_INFO.has(intent.intent) ? null : await infoAnswer(text, state, ctx);
  // How it is paid, asked as the FAQ's payment question ("a mund të paguaj me kartë?"): the FAQ's answer first.
  const faqFirst = found?.kind === "payment" && nlu.faq(text, state.lang, catalog)?.id === "payment-methods";
  const info = found && faqFirst ? { ...found, reply: { text: `${faqAnswer(state.lang, "payment-methods").text}\n${found.reply.text}` } } : found;
  if (info) {
    // The price or length of a service or business named away from a booking ("sa kushton një qethje te Ardit?"),
    // or how it is paid, then the booking goes as far as the message allows, as a request to book would.
    if ((info.kind === "price" || info.kind === "duration" || info.kind === "payment") && state.flow !== "booking" && (named.services.length || named.businesses.length || named.category)) {
      const next = await advance({ ...state, data: {} }, text, {}, ctx);
      return { type: "flow", flow: "booking", step: next.step, data: next.data, say: [info.reply, ...(next.say ?? [])] };
    }
    // The hours or address of a business named at the menu: then its services, to book there.
    if (await opensBookingAt(state, named, ctx)) return bookAt(info.reply, text, state, ctx);
    return { type: "stay", say: [info.reply] };
  }
  // "më njoftoni nëse lirohet një vend" where the full day's «Më njoftoni» is offered is that choice; with
  // what to book named, that request (below); with nothing named, how the waiting list works.
  if (intent?.intent === "waitlist") {
    const wish = await waitWish(text, state, ctx, intent);
    if (wish) return wish;
    // "put me on the waiting list for a massage at Vlora Relax Spa on Thursday": the request is read as a
    // booking's; a full day goes straight to the waiting list (with why, and the free days), a day with
    // free times shows them, and what is missing is asked.
    if (ctx.services.waitlist && (named.services.length || named.businesses.length || named.category)) {
      const next = await advance({ ...state, data: {} }, text, {}, ctx);
      const full = notifyIn(next.say);
      if (full) return waitFor(full, text, (next.say ?? []).map(({ choices: _c, ...r }) => r));
      const free = next.step === "time" || next.step === "name" || next.step === "confirm";
      const say = free ? [...(next.say ?? []), { text: t(state.lang, "waitlist:stillFree") }] : next.say;
      return { type: "flow", flow: "booking", step: next.step, data: next.data, say };
    }
    return { type: "stay", say: [{ text: t(state.lang, "waitlist:howTo"), choices: [{ id: "g.book", label: t(state.lang, "common:menu.book") }] }] };
  }
  // "when is my appointment?", «ku e kam terminin e nesërm?»: the booking asked about (the only one, or the
  // one named), with its day, time and address; a plain "my bookings" lists them.
  if (intent?.intent === "my-bookings" && asksWhenOrWhere(text)) return { type: "flow", flow: "manage", data: { mode: "show", wantText: text } };
  // "a mund ...?", "si ...", "how do I ...": a question is answered before it is acted on.
  if (asksSomething(text)) {
    // "a mund ta ndryshoj orarin?" from someone with a booking is a request: do it. Without one here, so is
    // one that speaks of a booking of their own (made in another chat: the way to prove it follows): «e kam
    // rezervuar masazhin nga telefoni i burrit, a mund ta anuloj?», one named by its day, service or place.
    // Otherwise it asks how, and is answered.
    const acting = intent && BOOKING_ACTIONS.has(intent.intent) && ctx.services.manage
      && ((await ctx.services.manage.upcoming(ctx.conversationId, ctx.now)).length > 0 ||
        (state.flow !== "booking" && (await ownBookingSpoken(text, intent.intent, named, ctx))));
    // "a mund të rezervoj një pedikyr te Sallon Elegance?" asks for a booking of something named: book it.
    // Not so a question about a place: a service of another kind named in a booking ("a keni kondicioner në
    // sallë?" at a salon), the one chosen ("do you also do nail art?" at a gel manicure), what a business
    // named has or does ("does Sallon Elegance have parking?").
    const aboutPlace = otherKindAsked(state, named, catalog, intent?.confidence ?? 0) ||
      (await chosenAsked(text, state, named, catalog, intent?.confidence ?? 0, ctx)) ||
      (named.businesses.length > 0 && !named.services.length && asksAboutPlace(text));
    const booking = intent?.intent === "book" && (named.businesses.length > 0 || named.services.length > 0) && !aboutPlace;
    // "çfarë të dhënash keni për mua?", "where is my refund?": a question that asks for one's data or for
    // staff is that request, not a topic of the FAQ.
    // So is one that names the reminder channels wanted («a mund të m'i dërgoni kujtesat vetëm në WhatsApp?»).
    const asking = !!intent && (ASKED_AS_QUESTIONS.has(intent.intent) || (intent.intent === "notifications" && readNotifyWish(text)?.kind === "set"));
    const faq = acting || booking || asking ? null : nlu.faq(text, state.lang, catalog);
    // "a mund të më ndihmoni me një termin te dentisti?" asks for a booking of a kind named, not how booking works.
    // "what bookings do I have?" asks for one's bookings, not how booking works.
    const helpToBook = faq?.id === "how-to-book" && ((intent?.intent === "book" && !!named.category) || intent?.intent === "my-bookings");
    if (faq && !helpToBook) {
      // "a pranoni kartë?" in a booking: the FAQ's answer, and how the business chosen is paid.
      const at = faq.id === "payment-methods" ? await paymentAt(text, named, state, ctx) : null;
      return { type: "stay", say: [faqAnswer(state.lang, faq.id), ...(at ? [at] : [])] };
    }
    // A question about the business that nothing answers ("a keni parking?", "do your staff speak English?"):
    // its phone, to ask them (a kind of service alone, «a dhemb?», names nothing new; «a flasin anglisht te
    // Vlora Relax Spa?» is about the place, not the chat's language). Named at the menu: then its services.
    const ofPlace = intent?.intent === "language" && named.businesses.length > 0 && !named.services.length;
    const nothingElse = !intent || intent.intent === "faq" || ofPlace || (intent.intent === "book" && ((!named.services.length && !named.businesses.length) || aboutPlace));
    if (!acting && !booking && !asking && !faq && nothingElse) {
      const them = await askThem(text, named, state, ctx);
      if (them && (await opensBookingAt(state, named, ctx))) return bookAt(them, text, state, ctx);
      if (them) return { type: "stay", say: [them] };
    }
  }
  if (intent?.intent === "book" || (!intent && named.businesses.length)) {
    // Every slot the message names is filled (business, service, day, time), and said back; in the middle
    // of a booking, what was already chosen stays chosen.
    const { wantText, ...kept } = keptChoices(state, named, catalog);
    // "the same again next Tuesday", «edhe një pastrim menjëherë pas vizitës»: what the booking already
    // made gives (its business, service, day or time).
    const beside = state.flow === "booking" ? null : await besideBooking(text, state.lang, ctx);
    const request = beside?.text ?? text;
    // "for me and my wife": one place at a time, the next person's offered once this one is booked.
    // "for me and my little boy": this place is the customer's own (their words without the companion's).
    // «çdo të martë në 9 për 4 javë», "every Tuesday at 9": the first booked now, the weeks after it offered one by one.
    const weekly = weeklyDays(request);
    const party = weekly ? null : partySize(text);
    const other = party ? companion(request) : null;
    const mine = other?.alone ?? request;
    // "a haircut for my son": the booking is in their name, so theirs is asked; the email and phone given
    // before are the customer's and stay.
    const forOther = !party && !beside && forAnother(request) ? await detailsGiven(ctx, true) : {};
    // The service taken along to another business is said back with it ("Berber Kalaja, Haircut").
    const carried = kept.serviceId && kept.businessId !== (state.data as BookingData).businessId ? catalog.services.get(kept.serviceId) : undefined;
    const said = beside?.said ?? (carried ? [catalog.businesses.get(carried.businessId)?.name ?? "", state.lang === "en" ? carried.nameEn : carried.nameSq] : undefined);
    // "Thursday and Friday at 9": the first booked now (read without the others), the others offered after it.
    const listed = party || weekly ? null : listedDays(mine);
    const asked = weekly?.first ?? listed?.first ?? mine;
    const whole = wantText ? `${wantText}, ${asked}` : asked;
    const known = { ...kept, ...forOther, ...beside?.known, ...(party ? { party } : {}), ...(other ? { companion: other.who } : {}) };
    let next = await advance({ ...state, data: {} }, whole, known, ctx, { sameAs: beside?.sameAs, said });
    // "a haircut and then a razor shave right after": the first booked now, the second offered when it ends.
    const pair = party || weekly || listed || beside || kept.serviceId ? null : oneAfterOther(asked, next.data as BookingData, catalog);
    if (pair) {
      const b = catalog.businesses.get(pair.businessId);
      const name = (id: string) => (state.lang === "en" ? catalog.services.get(id)?.nameEn : catalog.services.get(id)?.nameSq) ?? "";
      next = await advance({ ...state, data: {} }, whole, { ...known, businessId: pair.businessId, categoryId: b?.categoryId, serviceId: pair.first }, ctx, { said: [b?.name ?? "", name(pair.first)] });
      next = { ...next, data: { ...next.data, then: pair.then }, say: [{ text: t(state.lang, "booking:thenFirst", { first: name(pair.first), then: name(pair.then) }) }, ...(next.say ?? [])] };
    }
    const onePlace = party && !(state.data as BookingData).party ? [{ text: t(state.lang, party > 2 ? "booking:partyFirstMore" : "booking:partyFirst") }] : [];
    const series = listed ? seriesAfter(listed.days, next.data as BookingData, ctx, catalog) : [];
    const joiner = state.lang === "en" ? " and " : " dhe ";
    const dayOf = (x: string) => (x.length > 10 ? formatDateIn(state.lang, zonedToUtc(x.slice(0, 10), x.slice(11), ctx.timeZone), "acc", ctx.timeZone) : formatDateIn(state.lang, x, "acc"));
    const oneByOne = series.length ? [{ text: t(state.lang, "booking:seriesFirst", { days: series.map(dayOf).join(joiner) }) }] : [];
    const eachWeek = weekly ? weeklySaid(state.lang, weekly) : [];
    return {
      type: "flow", flow: "booking", step: next.step,
      data: { ...next.data, ...(series.length ? { series } : {}), ...(weekly ? { weekly: weekly.count } : {}) },
      say: [...onePlace, ...oneByOne, ...eachWeek, ...(next.say ?? [])],
    };
  }
  if (intent?.intent === "language") return { type: "global", action: "lang", arg: intent.lang };
  // «anulo» in the middle of a booking from someone with no booking to cancel: this booking is stopped.
  if (intent?.intent === "cancel" && state.flow === "booking" && ctx.services.manage && !(await ctx.services.manage.upcoming(ctx.conversationId, ctx.now)).length) {
    return polite("never-mind", state);
  }
  if (intent && (intent.intent === "cancel" || intent.intent === "reschedule" || intent.intent === "running-late")) {
    const target = ACTION_FLOWS[intent.intent] ?? ACTION_FLOWS.mybookings;
    return { type: "flow", flow: target.flow, step: target.step, data: { mode: intent.intent, minutes: intent.minutes, wantText: text } };
  }
  const courtesy = courtesyOnly(text) ?? (intent && POLITE.has(intent.intent) ? (intent.intent as Courtesy) : null);
  if (courtesy) return polite(courtesy, state);
  const action = intent ? INTENT_ACTIONS[intent.intent] : undefined;
  if (action === "back" || action === "help") return { type: "global", action };
  if (action) {
    // A request for staff that also tells the problem ("the dentist hurt me and nobody answered, I want to
    // speak with someone") brings its words along: the ticket flow takes them as the description.
    // The request goes along where it says more: the problem told to staff, the reminder channels wanted.
    const data = action === "support" ? { said: text } : action === "notifications" ? { wantText: text } : undefined;
    const out = await global({ action, ...(data ? { data } : {}) }, state, ctx);
    if (out) return out;
  }
  const faq = nlu.faq(text, state.lang, catalog);
  if (faq) return { type: "stay", say: [faqAnswer(state.lang, faq.id)] };
  return null;
}

/**
 * A question about a business and service (a booking's, known to a message handler): answered as it would
 * be in a booking there, the answer alone, without buttons. Null for anything that is not a question, or
 * that the dialog would act on (a move, a booking, a request for staff).
 */
async function answerAbout(text: string, state: ConversationState, ctx: TurnContext, about: { businessId: string; serviceId: string }): Promise<Reply[] | null> {
  const asked = infoAsked(text);
  if (!asked && !asksSomething(text)) return null;
  const there: ConversationState = { ...state, flow: "booking", step: "confirm", data: { businessId: about.businessId, serviceId: about.serviceId }, history: [] };
  // Only an answer is wanted: nothing is done on the way (giving up a place on the waiting list is the one
  // request `understand` carries out itself).
  const out = await understand(text, there, { ...ctx, services: { ...ctx.services, waitlist: undefined } });
  if (out?.type !== "stay" || !out.say?.length) return null;
  return out.say.map(({ choices: _c, ...r }) => r);
}

// «e kam rezervuar», «kam një termin», «rezervimin tim», "I booked", "I have an appointment", "my booking".
const OWN_BOOKING = /(?:^| )(?:e kam rezervuar|kam rezervuar|e rezervova|e kam bere|kam (?:nje )?(?:termin|rezervim|takim)|(?:rezervimin|terminin|takimin) (?:tim|e im|qe kam)|i booked|i ve booked|i have (?:a |an )?(?:booking|appointment|reservation)|my (?:booking|appointment|reservation))(?= |$)/;

/**
 * Whether a message speaks of a booking of the customer's own: in words, or a move or a cancel naming its
 * service, place or day ("is it ok if I'm 5 min late?" asks about lateness in general).
 */
async function ownBookingSpoken(text: string, intent: string, named: Mentions, ctx: TurnContext): Promise<boolean> {
  if (OWN_BOOKING.test(normalize(text))) return true;
  if (intent === "running-late") return false;
  if (named.services.length > 0 || named.businesses.length > 0) return true;
  return !!ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone });
}

// Asking for a service rather than moving one: "can I get …", "I'd like …", «dua …», «më rezervo …», with
// "instead" («në vend të») and no verb of moving.
const ASKS_FOR = /(?:^| )(?:(?:can|could|may) (?:i|we) (?:get|have|book|do)|i d like|i would like|i want|i need|book me|(?:a )?mund te (?:marr|rezervoj|bej)|dua|doja|desha|me rezervo\w*|rezervom\w*)(?= |$)/;
const INSTEAD_WORD = /(?:^| )(?:instead|rather|ne vend)(?= |$)/;
const MOVE_WORD = /(?:^| )(?:shty\w*|ndrysho\w*|zhvendos\w*|kalo\w*|kaloj\w*|leviz\w*|move\w*|push\w*|chang\w*|reschedul\w*|postpon\w*|switch\w*|shift\w*)(?= |$)/;

/**
 * "can I get a pedicure there on Saturday at 11 instead?" with nothing booked in this chat and no booking
 * of one's own spoken of: a request to book (instead of the one just dropped), not a move. Any other
 * intent as read.
 */
async function requestInstead(text: string, intent: ReturnType<NonNullable<TurnContext["services"]["nlu"]>["intent"]>, named: Mentions, ctx: TurnContext) {
  if (intent?.intent !== "reschedule" || !named.services.length || !ctx.services.manage) return intent;
  const norm = normalize(text);
  if (!ASKS_FOR.test(norm) || !INSTEAD_WORD.test(norm) || MOVE_WORD.test(norm) || OWN_BOOKING.test(norm)) return intent;
  if ((await ctx.services.manage.upcoming(ctx.conversationId, ctx.now)).length) return intent;
  return { ...intent, intent: "book" };
}

/** Router hooks for the dialog engine. */
export const routerHooks: RouterHooks = {
  keyword: (c) => keyword(c), global, understand, answerAbout,
  namedBookings: (text, bookings, ctx) => namedBookings(text, bookings, ctx),
};

/** The dialog engine with the given flows (default: every flow) and the router; `log` hears of flow data that failed its schema. */
export function createDialogEngine(withFlows: Record<string, Flow> = flows, opts: { log?: DialogLog } = {}): DialogEngine {
  return new DialogEngine(withFlows, routerHooks, opts.log);
}
