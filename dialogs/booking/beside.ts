import { addDays, weekdayOf, zonedParts, zonedToUtc } from "../../core/clock.ts";
import { nextStartAt } from "../../core/availability/slots.ts";
import { formatHm } from "../../core/availability/wallclock.ts";
import { afterWord, besideWords, withoutAfterWhat } from "../../core/nlu/beside.ts";
import { timeShift } from "../../core/nlu/move-to.ts";
import { forAnother } from "../../core/nlu/party.ts";
import { nextWeekAlone, saysSameDay, saysSameTime } from "../../core/nlu/same-time.ts";
import type { Lang } from "../../locales/i18n.ts";
import type { TurnContext } from "../engine/types.ts";
import { namedBookings } from "../manage/named.ts";
import { bookedBefore } from "../waitlist/again.ts";
import type { BookingData } from "./flow.ts";
import { detailsOf } from "./early.ts";

/**
 * Right after a booking that ends at `end`: then, or the business's next start time when bookings do not
 * start then (a 45-minute manicure from 15:00 is followed at 16:00 where bookings start every 30 minutes).
 */
async function rightAfter(end: Date, businessId: string, ctx: TurnContext): Promise<Date> {
  const b = await ctx.services.catalog.business(businessId);
  if (!b) return end;
  const { date, hour, minute } = zonedParts(end, b.timeZone);
  const next = nextStartAt(b.openingHours, b.slotStepMin, weekdayOf(date), hour * 60 + minute);
  if (next === null || next === hour * 60 + minute) return end;
  return zonedToUtc(date, formatHm(next), b.timeZone);
}

/** What a request for another booking takes from one already made (see {@link besideBooking}). */
export interface BesideBooking {
  /** Slots filled from that booking: its business (and service, for "the same again"), its day, a start. */
  known: BookingData;
  /** Its start: "the same time" on another day is its time of day (and a day alone, for "the same again"). */
  sameAs?: Date;
  /** The business and service taken from it, said back with what the request itself named. */
  said: string[];
  /** The request without the words naming the booking it comes after ("right after my check-up"). */
  text: string;
}

/**
 * The details given before in this chat, for another booking: all of them for the customer's own, or for
 * someone else's ("book my sister in", "a haircut for my son") the email and phone only, since the name
 * asked is theirs.
 */
export async function detailsGiven(ctx: TurnContext, forOther: boolean): Promise<BookingData> {
  const contact = await ctx.services.bookings.lastContact(ctx.conversationId);
  if (!forOther) return contact ? detailsOf(contact) : {};
  return { another: true, forOther: true, ...(contact ? detailsOf(contact, true) : {}) };
}

/**
 * A booking request that speaks of a booking already made in this chat (the only upcoming one, or the one
 * it names): "the same again next Tuesday" (its business, service and time of day, and the details given
 * then), "another one of those for Saturday at the same time", «edhe një pastrim dhëmbësh menjëherë pas
 * vizitës» (its business, starting when it ends), "I also need a tyre change, same day, 2pm" (its business
 * and day). Null when the request names no such link, or names another business, city or kind of service.
 */
export async function besideBooking(text: string, lang: Lang, ctx: TurnContext): Promise<BesideBooking | null> {
  let words = besideWords(text);
  const sameDay = saysSameDay(text);
  const sameTime = saysSameTime(text);
  // "a back massage after the facial", «një rruajtje pas prerjes»: after a booking its word names.
  const afterNamed = words?.after ? null : afterWord(text);
  if ((!words && !sameDay && !sameTime && !afterNamed) || !ctx.services.manage) return null;
  const all = await ctx.services.manage.upcoming(ctx.conversationId, ctx.now);
  const named = all.length > 1 ? await namedBookings(text, all, ctx) : all;
  const ref = named.length === 1 ? named[0] : undefined;
  if (!ref) {
    // "the same as last time" with no upcoming booking: the business and service of the newest one.
    const before = words?.same ? await bookedBefore(undefined, lang, ctx) : null;
    return before ? { known: before.slots, said: [before.business, before.service], text } : null;
  }
  const index = await ctx.services.catalog.entities();
  const afterIt = afterNamed && index.servicesAt(afterNamed.word, ref.business.id).includes(ref.service.id) ? afterNamed : null;
  if (afterIt) words = { same: false, also: false, ...words, after: true };
  else if (!words && !sameDay && !sameTime) return null;
  const rest = afterIt ? afterIt.rest : words?.after ? withoutAfterWhat(text) : text;
  const m = index.recognize(rest);
  const b = ref.business;
  if (m.businesses.some((id) => id !== b.id) || m.cities.some((c) => c !== b.city) || (m.category && m.category !== b.categoryId)) return null;
  const known: BookingData = {};
  const said: string[] = [];
  let sameAs = sameTime ? ref.start : undefined;
  const { date } = zonedParts(ref.start, b.timeZone);
  // For someone else ("book my sister in …", «edhe për vajzën time»): the details given then, but their own name.
  const other = forAnother(rest);
  const details = () => detailsGiven(ctx, other);
  // "also … at the same time" naming no service («më rezervo edhe për të mërkurën tjetër në të njëjtën orë»), or
  // someone else put in beside it naming none ("can you also put my brother in right after me?"): the same again.
  const again = words?.same || ((other || (words?.also && sameTime)) && !m.services.length && !m.category);
  // "the same massage" names the kind too: its services include the booked one; «një seancë të tillë» (one
  // such session) is the booked one whatever its word names.
  if (again && (!m.services.length || m.services.includes(ref.service.id) || words?.such)) {
    Object.assign(known, { categoryId: b.categoryId, businessId: b.id, serviceId: ref.service.id }, await details());
    said.push(b.name, lang === "en" ? ref.service.nameEn : ref.service.nameSq);
    // "… but an hour later": its time of day moved by that much.
    const shift = timeShift(rest);
    sameAs = shift ? new Date(ref.start.getTime() + shift * 60_000) : ref.start;
  } else if (index.servicesAt(rest, b.id).length) {
    // Another service beside one's own booking ("can I add a manicure right after the pedicure?"): the same
    // person, so the details given then are kept as well (the summary shows them).
    Object.assign(known, { categoryId: b.categoryId, businessId: b.id }, await details());
    said.push(b.name);
  }
  // "the same again next week": that weekday a week on, at its time.
  const weekOn = known.serviceId === ref.service.id && !sameDay ? nextWeekAlone(rest) : null;
  if (weekOn !== null) {
    known.date = addDays(date, 7);
    known.start = zonedToUtc(known.date, zonedParts(ref.start, b.timeZone).time, b.timeZone).getTime();
    return { known, sameAs, said, text: weekOn };
  }
  if (words?.after) Object.assign(known, { date, start: (await rightAfter(ref.end, b.id, ctx)).getTime() });
  else if (sameDay && !sameDay.week) {
    known.date = date;
    if (sameDay.time) sameAs = ref.start;
  } else if (!sameDay && ((sameTime && words?.also) || (other && known.businessId)) && !ctx.services.nlu?.when(rest, { now: ctx.now, timeZone: b.timeZone })?.daySaid) {
    // "… at the same time too", with no day said: the same day and time. Someone else booked beside it
    // with a time and no day («edhe për shoqen time të njëjtin masazh në 11:30»): that day.
    known.date = date;
  }
  return Object.keys(known).length || sameAs ? { known, sameAs, said, text: rest } : null;
}
