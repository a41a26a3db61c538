import type { Reply } from "../conversation/messages.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { formatDayTime, formatPrice } from "../format.ts";

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
    phone: b.business.phone,
    price: formatPrice(lang, b.priceLek),
    count: b.business.cancelWindowHours,
  };
}

/**
 * The confirmation of a booking (reference, service, Tirana time, address, business phone, price, how to
 * cancel), with its calendar link when there is one; `before` is put first (e.g. what was paid).
 */
export function confirmationReply(lang: Lang, b: ConfirmedBooking, icsUrl?: string, before?: string): Reply {
  const text = t(lang, "booking:booked", bookingVars(lang, b));
  return {
    text: before ? `${before}\n${text}` : text,
    ...(icsUrl ? { link: { url: icsUrl, label: t(lang, "booking:addToCalendar") } } : {}),
  };
}
