import type { Slot } from "../../core/availability/types.ts";
import { formatDayTime, formatPhone, formatPrice, formatTime } from "../../core/format.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import type { BusinessInfo, ServiceInfo } from "../../core/catalog/port.ts";
import { paymentText } from "../../core/payments/label.ts";

/** "Qethje flokësh · 30 min · 800 lekë" */
export function serviceLabel(lang: Lang, s: ServiceInfo): string {
  const name = lang === "en" ? s.nameEn : s.nameSq;
  return t(lang, "booking:serviceLabel", { name, minutes: s.durationMin, price: formatPrice(lang, s.priceLek) });
}

/** Slot ids are compact: minutes since the epoch in base 36. */
export function slotId(slot: Slot | Date): string {
  const d = slot instanceof Date ? slot : slot.start;
  return `s:${Math.round(d.getTime() / 60000).toString(36)}`;
}

/** The instant a slot id stands for, or null. */
export function slotFromId(value: string): Date | null {
  if (!value.startsWith("s:")) return null;
  const minutes = parseInt(value.slice(2), 36);
  return Number.isFinite(minutes) ? new Date(minutes * 60000) : null;
}

/** Choice for a slot, as "10:30" (same day) or with the day (nearest slots). */
export function slotChoice(lang: Lang, slot: Slot, tz: string, withDay = false) {
  return { id: slotId(slot), label: withDay ? formatDayTime(lang, slot.start, tz) : formatTime(lang, slot.start, tz) };
}

/**
 * The summary shown before confirming. `onlinePayment` says whether card payments can be taken in the
 * chat; without them a card/deposit business's payment is arranged with the business.
 */
export function summaryText(lang: Lang, b: BusinessInfo, s: ServiceInfo, start: Date, contact: { name: string; email: string; phone: string }, onlinePayment = false): string {
  const payment = paymentText(lang, b, s.priceLek, onlinePayment);
  return t(lang, "booking:summary", {
    business: b.name,
    address: `${b.address}, ${b.city}`,
    service: lang === "en" ? s.nameEn : s.nameSq,
    when: formatDayTime(lang, start, b.timeZone),
    price: formatPrice(lang, s.priceLek),
    cancel: t(lang, "booking:cancelRule", { count: b.cancelWindowHours }),
    payment,
    name: contact.name,
    email: contact.email,
    phone: formatPhone(contact.phone),
  });
}

/** A business with its city, as the business list shows it and as a business chosen for the customer is said back. */
export const businessWithCity = (b: { name: string; city: string }): string => `${b.name} (${b.city})`;
