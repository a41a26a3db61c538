import type { Reply } from "../../core/conversation/messages.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import type { BookingData } from "./flow.ts";
import { keepChosen, pickDayOrTime } from "./when.ts";
import { contactIn, whenWith } from "./early.ts";
import { businessWithCity } from "./labels.ts";
import { asksCheapest, asksQuickest } from "../../core/nlu/service-verbs.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import { formatPrice } from "../../core/format.ts";

/** Slots a message fills for a booking, and the names of those it found in the text. */
interface Filled {
  data: BookingData;
  /** Business and service names understood from the text, for "what was understood". */
  named: string[];
}

/**
 * Fills the booking slots a message names, on top of those already known: the category, the business
 * (by its name or alias, or as the only one of the category in a named city; a named service narrows),
 * the service (by its name or alias, at that business).
 */
async function fill(text: string, known: BookingData, ctx: TurnContext, lang: "sq" | "en"): Promise<Filled> {
  const index = await ctx.services.catalog.entities();
  const m = index.recognize(text);
  const data: BookingData = { ...known };
  const named: string[] = [];
  if (!data.businessId) {
    let pool = [...index.businesses.values()].filter((b) => !data.categoryId || b.categoryId === data.categoryId);
    const servicesAt = new Set(m.services.map((id) => index.services.get(id)?.businessId));
    const inCity = (b: { id: string; city: string }) => m.cities.includes(b.city);
    if (!data.categoryId && m.category) {
      const ofCategory = pool.filter((b) => b.categoryId === m.category);
      // Words for hair name a salon, but a barber in the city named has the service asked for: that one.
      const elsewhere = m.cities.length > 0 && !ofCategory.some(inCity) ? pool.filter((b) => inCity(b) && servicesAt.has(b.id)) : [];
      pool = elsewhere.length ? elsewhere : ofCategory;
    }
    const narrow = (keep: (id: string) => boolean) => {
      const kept = pool.filter((b) => keep(b.id));
      if (kept.length) pool = kept;
      return kept.length > 0;
    };
    // A business is chosen for the customer only when they named it or its city; a service narrows.
    const said = [
      m.businesses.length > 0 && narrow((id) => m.businesses.includes(id)),
      m.cities.length > 0 && narrow((id) => m.cities.includes(index.businesses.get(id)?.city ?? "")),
    ].some(Boolean);
    if (said && servicesAt.size) narrow((id) => servicesAt.has(id));
    // A service named that only one business offers names that business too ("a keni prerje për
    // fëmijë?"); its city is said with it, since the customer did not choose it. Not when another business
    // of the kind has a service the words fit as fully ("manikyr": "Manikyr me xhel" elsewhere); one they
    // fit only in part does not count ("a cut and blow dry": Adriana's blow-dry).
    const fit = (businessId: string) => Math.max(0, ...index.servicesAt(text, businessId).map((id) => index.sharedWords(text, id)));
    // Several businesses have a service the words name: the one whose service they fit more fully than
    // any other's ("a haircut for my little boy": the children's haircut, not another barber's haircut).
    const fits = !said && servicesAt.size > 1 ? pool.filter((b) => servicesAt.has(b.id)).map((b) => ({ b, n: fit(b.id) })) : [];
    const most = Math.max(0, ...fits.map((f) => f.n));
    const fullest = most >= 2 && fits.filter((f) => f.n === most).length === 1 ? fits.find((f) => f.n === most)!.b : undefined;
    const only = !said && servicesAt.size === 1 ? pool.find((b) => servicesAt.has(b.id)) : fullest;
    const soleFit = only ? fit(only.id) : 0;
    const sole = only && [...index.businesses.values()].every((b) => b.id === only.id || b.categoryId !== only.categoryId || fit(b.id) < soleFit) ? only : undefined;
    if (sole) {
      data.businessId = sole.id;
      data.categoryId = sole.categoryId;
      named.push(businessWithCity(sole));
    } else if (said && pool.length === 1) {
      data.businessId = pool[0].id;
      data.categoryId = pool[0].categoryId;
      named.push(pool[0].name);
    }
  }
  if (!data.categoryId && m.category) data.categoryId = m.category;
  if (data.businessId && !data.serviceId) {
    const here = index.servicesAt(text, data.businessId);
    if (here.length === 1) {
      const s = index.services.get(here[0])!;
      data.serviceId = s.id;
      // "the cheapest massage", "the quickest one": chosen by its price or length, which is said with it.
      const norm = normalize(text);
      const why = asksCheapest(norm) ? formatPrice(lang, s.priceLek) : asksQuickest(norm) ? t(lang, "booking:lengthMin", { count: s.durationMin }) : "";
      named.push(`${lang === "en" ? s.nameEn : s.nameSq}${why ? ` (${why})` : ""}`);
    }
  }
  return { data, named };
}

/** How a request is read besides its words (see {@link advance}). */
export interface AdvanceOptions {
  /** A time the request is relative to: "the same time" on another day is its time of day. */
  sameAs?: Date;
  /** Names understood from elsewhere (the booking a request refers to), said back before the request's own. */
  said?: string[];
}

/**
 * Goes as far as a message allows: fills every slot it names (category, business, service, then day,
 * time or part of day through the day step's reading) and says what was understood before asking the
 * next thing: "Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën 10:00 — e lirë." `known` are
 * the slots already chosen (by a button); the text is kept as `wantText` until the service is known.
 */
export async function advance(state: ConversationState, said: string, known: BookingData, ctx: TurnContext, opts: AdvanceOptions = {}): Promise<Outcome & { type: "next" }> {
  const lang = state.lang;
  // A name, email and phone given with the request are kept for the contact steps, which then skip them.
  const { contact, rest: text } = await contactIn(said, ctx);
  const filled = await fill(text, { ...contact, ...known }, ctx, lang);
  const { data } = filled;
  const named = [...(opts.said ?? []), ...filled.named];
  const understood = (say: Reply[] = [], what = named): Reply[] =>
    what.length && !say.length ? [{ text: t(lang, "booking:understood", { what: what.join(", ") }) }] : say;
  if (!data.categoryId) return { type: "next", step: "category", data: { ...data, wantText: text } };
  if (!data.businessId) return { type: "next", step: "business", data: { ...data, wantText: text }, say: understood() };
  if (!data.serviceId) {
    // The list of services opens with the business's name and address: it is not said back before it too.
    const business = (await ctx.services.catalog.business(data.businessId))?.name;
    return { type: "next", step: "service", data: { ...data, wantText: text }, say: understood([], named.filter((n) => n !== business)) };
  }
  const ready = { ...data, wantText: undefined, wantWhen: undefined, dayPage: 0, slotPage: 0 };
  // A day already chosen (a request typed at the time step) stays: a bare time is read on it. A day typed
  // at an earlier step ("nesër" at the business step) is the one asked for.
  const at = ready.date ? "time" : "day";
  const when = whenWith((state.data as BookingData).wantWhen, text, ctx);
  const here: ConversationState = { ...state, step: at, data: { ...state.data, ...ready } };
  // A time chosen before stays with a service chosen anew ("jo, më mirë prerje flokësh dhe mjekre"), and
  // "the same time" on another day is that time.
  const chosen = ready.date && ready.start ? new Date(ready.start) : undefined;
  let picked = await pickDayOrTime(here, when, ctx, named, chosen ?? opts.sameAs);
  if (picked.type === "unknown" && chosen) picked = await keepChosen(here, ctx, named, chosen);
  if (picked.type === "next") return { ...picked, data: { ...ready, ...picked.data }, say: understood(picked.say) };
  // Why not (the day is full, closed or past), with its choices ("Më njoftoni" for a full day), after
  // what was understood; the day step follows.
  if (picked.type === "stay" && picked.say?.length) {
    return { type: "next", step: at, data: { ...ready, ...picked.data }, say: [...understood(), ...picked.say] };
  }
  return { type: "next", step: at, data: ready, say: understood() };
}
