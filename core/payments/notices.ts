import { confirmationReply, type ConfirmedBooking } from "../bookings/confirmation.ts";
import type { Reply } from "../conversation/messages.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { formatDayTime, formatPrice } from "../format.ts";

/** A booking with what the payment notices show. */
export type NoticeBooking = ConfirmedBooking;

/** The confirmation sent when a booking's payment arrived: what was paid, then the usual confirmation. */
export function paidNotice(lang: Lang, b: NoticeBooking, pay: { kind: string; amountLek: number }, now: Date, icsUrl?: string): Reply[] {
  const amount = formatPrice(lang, pay.amountLek);
  const paid = t(lang, pay.kind === "deposit" ? "payments:paidDeposit" : "payments:paidFull", {
    amount, rest: formatPrice(lang, Math.max(b.priceLek - pay.amountLek, 0)),
  });
  return [confirmationReply(lang, b, now, icsUrl, paid)];
}

/** The polite note that an unpaid hold ran out and the place was released. */
export function expiredNotice(lang: Lang, b: NoticeBooking): Reply[] {
  const text = t(lang, "payments:expired", {
    ref: b.ref,
    business: b.business.name,
    service: lang === "en" ? b.service.nameEn : b.service.nameSq,
    when: formatDayTime(lang, b.start, b.business.timeZone),
  });
  return [{ text, choices: [{ id: "g.book", label: t(lang, "common:menu.book") }, { id: "g.menu", label: t(lang, "common:actions.menu") }] }];
}

/** The note that a payment came too late and is refunded. */
export function lateRefundNotice(lang: Lang, ref: string, amountLek: number): Reply[] {
  return [{ text: t(lang, "payments:lateRefund", { ref, amount: formatPrice(lang, amountLek) }) }];
}

/** The note that the refund of a booking cancelled in time went through (after a retry). */
export function refundedNotice(lang: Lang, ref: string, amountLek: number): Reply[] {
  return [{ text: t(lang, "payments:refunded", { ref, amount: formatPrice(lang, amountLek) }) }];
}
