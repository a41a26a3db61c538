import type { Reply } from "../conversation/messages.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { formatDayTime, formatPhone, formatPrice } from "../format.ts";

/** What a booking confirmation shows. */
export interface ConfirmedBooking {
  ref: string;
  start: Date;
  priceLek: number;
  business: { name: string; address: string; city: string; phone: string; timeZone: string; cancelWindowHours: number };
  service: { nameSq: string; nameEn: string };
}

/** A booking's details as message variables: ref, business, service, when (Tirana), address, phone, price, count. */
export function bookingVars(lang: Lang, b: ConfirmedBooking): Record<string, string | number> {
  return {
    ref: b.ref,
    business: b.business.name,
    service: lang === "en" ? b.service.nameEn : b.service.nameSq,
    when: formatDayTime(lang, b.start, b.business.timeZone),
    address: `${b.business.address}, ${b.business.city}`,
    phone: formatPhone(b.business.phone),
    price: formatPrice(lang, b.priceLek),
    count: b.business.cancelWindowHours,
  };
}

const HOUR = 3600_000;

/**
 * What the confirmation promises about reminders: only those that will still come (24 h and 2 h before;
 * a booking made 5 h ahead gets only the 2 h one, one made within 2 h none). Starts with a space.
 */
export function remindersPlanned(lang: Lang, start: Date, now: Date): string {
  const left = start.getTime() - now.getTime();
  if (left > 24 * HOUR) return ` ${t(lang, "booking:remindersPlanned.both")}`;
  if (left > 2 * HOUR) return ` ${t(lang, "booking:remindersPlanned.twoHours")}`;
  return "";
}

/**
 * The confirmation of a booking (reference, service, Tirana time, address, business phone, price, how to
 * cancel), with its calendar link when there is one; `before` is put first (e.g. what was paid).
 */
export function confirmationReply(lang: Lang, b: ConfirmedBooking, now: Date, icsUrl?: string, before?: string): Reply {
  const text = t(lang, "booking:booked", { ...bookingVars(lang, b), reminders: remindersPlanned(lang, b.start, now) });
  return {
    text: before ? `${before}\n${text}` : text,
    ...(icsUrl ? { link: { url: icsUrl, label: t(lang, "booking:addToCalendar") } } : {}),
  };
}
