import type { OpeningHours } from "../core/availability/types.ts";
import type { BusinessInfo, ServiceInfo } from "../core/catalog/port.ts";
import type { Reply } from "../core/conversation/messages.ts";
import type { ConversationState } from "../core/conversation/state.ts";
import { weekdayOf } from "../core/clock.ts";
import { formatDayHours, formatPhone, formatPrice, formatWeekday, formatWeekdayIn } from "../core/format.ts";
import { asksAboutPlace, infoAsked, type InfoAsked } from "../core/nlu/asks.ts";
import { t, type Lang } from "../locales/i18n.ts";
import type { TurnContext } from "./engine/types.ts";
import type { Mentions } from "../core/catalog/entity-index.ts";
import { paymentText } from "../core/payments/label.ts";

/** The answer to a question about a price, a length, an address or opening hours, and what it was about. */
export interface InfoAnswer {
  kind: InfoAsked;
  reply: Reply;
}

const serviceName = (lang: Lang, s: ServiceInfo) => (lang === "en" ? s.nameEn : s.nameSq);

/** The week's hours, weekdays with the same hours together: "e hënë–e premte 09:00–20:00; e shtunë …; e diel mbyllur". */
function weekHours(lang: Lang, hours: OpeningHours): string {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: { from: number; to: number; text: string }[] = [];
  for (const d of order) {
    const text = formatDayHours(lang, hours[String(d) as keyof OpeningHours]);
    const last = groups[groups.length - 1];
    if (last && last.text === text) last.to = d;
    else groups.push({ from: d, to: d, text });
  }
  return groups
    .map((g) => `${formatWeekday(lang, g.from)}${g.to !== g.from ? `–${formatWeekday(lang, g.to)}` : ""} ${g.text}`)
    .join("; ");
}

/** The weekday a question names ("a punoni të dielën?": 0), or null. */
function weekdayAsked(text: string, ctx: TurnContext): number | null {
  const when = ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone });
  return when ? weekdayOf(when.date) : null;
}

/**
 * Opening hours asked without a place ("a punoni të dielën?", "are barbers open on Saturday?"): on a day
 * named, the places (of the kind named, if any) open that weekday with their hours; without a day, how to
 * ask for a place's hours.
 */
async function openOn(text: string, categoryId: string | undefined, lang: Lang, ctx: TurnContext): Promise<InfoAnswer> {
  const day = weekdayAsked(text, ctx);
  // «Të dielën janë hapur: …»: the day may open the sentence.
  const reply = (key: string, vars: Record<string, unknown> = {}): InfoAnswer => {
    const said = t(lang, `info:${key}`, vars);
    return { kind: "hours", reply: { text: said.charAt(0).toUpperCase() + said.slice(1) } };
  };
  if (day === null) return reply("hoursWhichPlace");
  const categories = categoryId ? [categoryId] : (await ctx.services.catalog.categories()).map((c) => c.id);
  const places = (await Promise.all(categories.map((c) => ctx.services.catalog.businesses(c)))).flat();
  const open = places.filter((b) => b.openingHours[String(day) as keyof OpeningHours]?.length);
  const on = formatWeekdayIn(lang, day);
  if (!open.length) return reply("closedAllOn", { day: on });
  const list = open.map((b) => `${b.name} (${b.city}) ${formatDayHours(lang, b.openingHours[String(day) as keyof OpeningHours])}`).join("; ");
  return reply(open.length === places.length ? "allOpenOn" : "openOn", { day: on, list });
}

/**
 * A question about a price, a length, an address or opening hours ("sa kushton?", «sa zgjat?», "where are
 * you?", «orari i Elegance?», «a punoni të dielën?») answered from the catalog: for the services and
 * business the message names, else those chosen so far in a booking (opening hours without a place: the
 * places open on the day asked). Null when the message asks none of these, or names nothing to answer for.
 */
export async function infoAnswer(text: string, state: ConversationState, ctx: TurnContext): Promise<InfoAnswer | null> {
  const kind = infoAsked(text);
  if (!kind) return null;
  const lang = state.lang;
  const catalog = ctx.services.catalog;
  const index = await catalog.entities();
  const m = index.recognize(text);
  const chosen = state.flow === "booking" ? (state.data as { businessId?: string; serviceId?: string }) : {};
  // A kind of service and a city that name one business ("a massage in Vlora") name it too.
  const ofKind = !m.businesses.length && !chosen.businessId && m.category
    ? [...index.businesses.values()].filter((b) => b.categoryId === m.category && (!m.cities.length || m.cities.includes(b.city)))
    : [];
  const businessId = m.businesses.length === 1 ? m.businesses[0] : m.businesses.length ? undefined : (chosen.businessId ?? (ofKind.length === 1 ? ofKind[0].id : undefined));
  // Nothing named and no booking under way: the address asked is of the business of the chat's bookings
  // ("where exactly is it?"); opening hours so asked are the places' («a punoni të dielën?»).
  const business = businessId ? await catalog.business(businessId)
    : !m.businesses.length && !m.services.length && state.flow !== "booking" && (kind === "where" || kind === "phone" || kind === "payment") ? await bookedBusiness(ctx, m.category) : null;
  // The services asked about: named at that business, or named anywhere, or the one chosen.
  let serviceIds = business ? index.servicesAt(text, business.id) : m.services;
  if (!serviceIds.length && business && chosen.serviceId && business.id === chosen.businessId && !m.businesses.length) serviceIds = [chosen.serviceId];
  // A kind of service alone at one business ("a massage in Vlora"): all its prices, which the list of its
  // services shows next too; at several ("sa kushton një masazh?"), the price depends on the place.
  const kindOnly = !m.services.length && !!m.category && !(chosen.serviceId && business?.id === chosen.businessId);
  if (kindOnly) serviceIds = [];
  // Cheapest first, as a customer comparing them reads them.
  const services = (await Promise.all(serviceIds.map((id) => catalog.service(id))))
    .filter((s): s is ServiceInfo => !!s)
    .sort((a, b) => a.priceLek - b.priceLek || a.businessId.localeCompare(b.businessId));
  const reply = (key: string, vars: Record<string, unknown>): InfoAnswer => ({ kind, reply: { text: t(lang, `info:${key}`, vars) } });

  if (kind === "duration") {
    const b = business ?? (services.length ? await catalog.business(services[0].businessId) : null);
    if (services.length === 1) {
      const s = services[0];
      return reply("duration", { service: serviceName(lang, s), business: b?.name ?? "", price: formatPrice(lang, s.priceLek), count: s.durationMin });
    }
    const list = (xs: ServiceInfo[]) => xs.map((s) => t(lang, "info:minutes", { service: serviceName(lang, s), count: s.durationMin })).join("; ");
    if (services.length > 1 && services.every((s) => s.businessId === services[0].businessId)) return reply("durationsAt", { business: b?.name ?? "", list: list(services) });
    if (business) return reply("durationsAt", { business: business.name, list: list(await catalog.services(business.id)) });
    return services.length || ofKind.length > 1 ? reply("durationsByPlace", {}) : null;
  }
  // "are barbers open on Saturday?" asks of the kind, even in a booking at one of them.
  if (kind === "hours" && (!business || (m.category && !m.businesses.length && !m.services.length))) return openOn(text, m.category, lang, ctx);
  if (kind === "price") {
    if (services.length === 1) {
      const s = services[0];
      const b = business ?? (await catalog.business(s.businessId));
      return reply("price", { service: serviceName(lang, s), business: b?.name ?? "", price: formatPrice(lang, s.priceLek), count: s.durationMin });
    }
    if (services.length > 1 && services.every((s) => s.businessId === services[0].businessId)) {
      const b = business ?? (await catalog.business(services[0].businessId));
      return reply("pricesAt", { business: b?.name ?? "", list: services.map((s) => `${serviceName(lang, s)} ${formatPrice(lang, s.priceLek)}`).join("; ") });
    }
    if (services.length > 1) {
      const owners = new Map<string, BusinessInfo | null>();
      for (const s of services) if (!owners.has(s.businessId)) owners.set(s.businessId, await catalog.business(s.businessId));
      const names = new Set(services.map((s) => serviceName(lang, s)));
      if (names.size === 1) {
        const list = services.map((s) => `${owners.get(s.businessId)?.name ?? ""} ${formatPrice(lang, s.priceLek)}`).join("; ");
        return reply("priceAcross", { service: [...names][0], list });
      }
      const list = services.map((s) => `${serviceName(lang, s)} (${owners.get(s.businessId)?.name ?? ""}) ${formatPrice(lang, s.priceLek)}`).join("; ");
      return reply("prices", { list });
    }
    if (!business && ofKind.length > 1) return reply("pricesByPlace", {});
    if (business) {
      const list = (await catalog.services(business.id)).map((s) => `${serviceName(lang, s)} ${formatPrice(lang, s.priceLek)}`).join("; ");
      return reply("pricesAt", { business: business.name, list });
    }
    return null;
  }
  if (!business) return null;
  // "do I have to pay online for a sports massage at Vlora Relax Spa?": how it is paid (the deposit or the full
  // price by card, or on site), for the service asked or chosen.
  if (kind === "payment") return { kind, reply: paidAt(lang, business, services.length === 1 ? services[0] : null, ctx) };
  if (kind === "hours") {
    const day = weekdayAsked(text, ctx);
    if (day !== null) return reply("hoursOn", { business: business.name, day: formatWeekdayIn(lang, day), hours: formatDayHours(lang, business.openingHours[String(day) as keyof OpeningHours]) });
  }
  if (kind === "where") return reply("where", { business: business.name, address: `${business.address}, ${business.city}`, phone: formatPhone(business.phone) });
  if (kind === "phone") return reply("phone", { business: business.name, phone: formatPhone(business.phone) });
  return reply("hours", { business: business.name, hours: weekHours(lang, business.openingHours) });
}

/**
 * The business of the chat's upcoming bookings, when they are all at one (of the kind named, if one is):
 * "is there parking near the spa?" after booking a facial is about that spa.
 */
async function bookedBusiness(ctx: TurnContext, categoryId?: string): Promise<BusinessInfo | null> {
  const upcoming = ctx.services.manage ? await ctx.services.manage.upcoming(ctx.conversationId, ctx.now) : [];
  const places = new Map(upcoming.filter((b) => !categoryId || b.business.categoryId === categoryId).map((b) => [b.business.id, b.business]));
  return places.size === 1 ? [...places.values()][0] : null;
}

/**
 * The business a question in this state is about: the one it names, else the one chosen in a booking, else
 * the one booked when the question asks what a place has (parking, a lift …) or how it is paid (`payment`).
 */
async function businessInQuestion(text: string, m: Mentions, state: ConversationState, ctx: TurnContext, payment = false): Promise<BusinessInfo | null> {
  const chosen = state.flow === "booking" ? (state.data as { businessId?: string }).businessId : undefined;
  const id = m.businesses.length === 1 ? m.businesses[0] : m.businesses.length ? undefined : chosen;
  if (id) return ctx.services.catalog.business(id);
  return m.businesses.length || !(payment || asksAboutPlace(text)) ? null : bookedBusiness(ctx, m.category);
}

/**
 * A question about a business that neither the catalog nor the FAQ answers ("a keni parking?", "do your
 * staff speak English?", «a e bëni edhe në shtëpi?»), asked where a business is known (named, or chosen in
 * a booking): that business's phone, to ask them; what a place has, asked with none known, asks which. Null
 * when the message says a day or a time (a question about free times is the steps'), or nothing is known.
 */
export async function askThem(text: string, named: Mentions, state: ConversationState, ctx: TurnContext): Promise<Reply | null> {
  if (ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone })) return null;
  const business = await businessInQuestion(text, named, state, ctx);
  if (business) return { text: t(state.lang, "info:askThem", { business: business.name, phone: formatPhone(business.phone) }) };
  // What a place has, with no place known ("do you have parking?" at the menu): it depends on which.
  return asksAboutPlace(text) ? { text: t(state.lang, "info:askWhich") } : null;
}

/** How a business known in this state is paid, said after the FAQ's answer about payments; null with none known. */
export async function paymentAt(text: string, named: Mentions, state: ConversationState, ctx: TurnContext): Promise<Reply | null> {
  const business = await businessInQuestion(text, named, state, ctx, true);
  if (!business) return null;
  const serviceId = state.flow === "booking" ? (state.data as { serviceId?: string }).serviceId : undefined;
  return paidAt(state.lang, business, serviceId ? await ctx.services.catalog.service(serviceId) : null, ctx);
}

/** "Payment at <business>: …": the deposit or the full price by card, or on site (for the service, when one is known). */
function paidAt(lang: Lang, business: BusinessInfo, service: ServiceInfo | null, ctx: TurnContext): Reply {
  const payment = paymentText(lang, business, service?.priceLek ?? Number.MAX_SAFE_INTEGER, !!ctx.services.payments);
  return { text: t(lang, "info:paymentAt", { business: business.name, payment }) };
}
