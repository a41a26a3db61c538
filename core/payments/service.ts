import type Stripe from "stripe";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { CheckoutResult, PaymentsPort } from "./port.ts";
import { t } from "../../locales/i18n.ts";
import type { BookingsService, PaymentPolicy } from "../bookings/service.ts";
import type { RefundPort } from "../bookings/port.ts";
import type { Notifier } from "../conversation/notifier.ts";
import { formatDayTime } from "../format.ts";
import type { Logger } from "../log.ts";
import { expiredNotice, lateRefundNotice, paidNotice, refundedNotice, type NoticeBooking } from "./notices.ts";
import { CURRENCY, toMinorUnits } from "./stripe.ts";

/** What card payment a business asks for: the full price ("card") or its deposit ("deposit"). */
export const paymentPolicy: PaymentPolicy = (business, priceLek) => {
  if (priceLek <= 0) return null;
  const deposit = business.depositLek ?? 0;
  if (business.paymentMode === "card" || (business.paymentMode === "deposit" && deposit >= priceLek)) return { kind: "full", amountLek: priceLek };
  if (business.paymentMode === "deposit" && deposit > 0) return { kind: "deposit", amountLek: deposit };
  return null;
};

/** Options for {@link PaymentsService}. */
export interface PaymentsOptions {
  prisma: PrismaClient;
  stripe: Stripe;
  log: Logger;
  bookings: BookingsService;
  notifier: Notifier;
  /** Minutes a place is held for its payment. */
  holdMinutes: number;
  /** Base URL customers come back to from the payment page (PUBLIC_URL or the server's). */
  baseUrl: () => string;
  /** Calendar link of a booking, when managing bookings is on. */
  icsLink?: (b: { id: string; ref: string; start: Date }) => string | undefined;
}

const WAITING = ["pending", "expiring"];
const include = { booking: { include: { business: true, service: true, customer: true } } } as const;

/**
 * Card payments through Stripe Checkout. A booking that needs payment is created "pending_payment"
 * with a pending Payment row (see {@link paymentPolicy}); {@link checkout} opens a Checkout Session for
 * it. Each state change is one conditional update (pending -> paid / expired), so repeated or racing
 * webhooks and sweeps have one effect, and only the one that made the change tells the customer.
 */
export class PaymentsService implements PaymentsPort, RefundPort {
  private readonly released: ((bookingId: string) => Promise<void>)[] = [];
  constructor(private readonly o: PaymentsOptions) {}

  /** Registers work to run after an unpaid hold is released (its place is free again). */
  onReleased(fn: (bookingId: string) => Promise<void>): void {
    this.released.push(fn);
  }

  get holdMinutes(): number {
    return this.o.holdMinutes;
  }

  async checkout(bookingId: string, lang: "sq" | "en", now: Date): Promise<CheckoutResult> {
    const { prisma, stripe, log } = this.o;
    const pay = await prisma.payment.findFirst({ where: { bookingId, status: "pending" }, orderBy: { createdAt: "desc" }, include });
    if (!pay || pay.booking.status !== "pending_payment") return { ok: false, reason: "not_pending" };
    const b = pay.booking;
    try {
      let session: Stripe.Checkout.Session;
      if (pay.providerRef) {
        session = await stripe.checkout.sessions.retrieve(pay.providerRef);
      } else {
        const service = lang === "en" ? b.service.nameEn : b.service.nameSq;
        const base = this.o.baseUrl().replace(/\/$/, "");
        // Stripe wants expires_at 30 min to 24 h after creation; the sweep releases the place at the hold's end.
        const expiresAt = Math.floor(pay.createdAt.getTime() / 1000) + Math.max(this.o.holdMinutes + 2, 31) * 60;
        session = await stripe.checkout.sessions.create({
          mode: "payment",
          allowed_payment_method_types: ["card"], // Visa, Mastercard, American Express; no PayPal yet
          line_items: [{
            quantity: 1,
            price_data: {
              currency: CURRENCY,
              unit_amount: toMinorUnits(pay.amountLek),
              product_data: {
                name: t(lang, pay.kind === "deposit" ? "payments:productDeposit" : "payments:productFull", { service, business: b.business.name }),
                description: t(lang, "payments:productDescription", { ref: b.ref, when: formatDayTime(lang, b.start, b.business.timeZone) }),
              },
            },
          }],
          customer_email: b.contactEmail ?? undefined,
          client_reference_id: b.ref,
          locale: lang === "en" ? "en" : "auto",
          metadata: { bookingId: b.id, paymentId: pay.id, bookingRef: b.ref },
          payment_intent_data: { metadata: { bookingId: b.id, paymentId: pay.id } },
          expires_at: Math.max(expiresAt, Math.floor(now.getTime() / 1000) + 31 * 60),
          success_url: `${base}/payments/return?result=paid&lang=${lang}&session_id={CHECKOUT_SESSION_ID}`,
          cancel_url: `${base}/payments/return?result=cancelled&lang=${lang}`,
        }, { idempotencyKey: `rezervo-checkout-${pay.id}` });
        await prisma.payment.updateMany({ where: { id: pay.id, providerRef: null }, data: { providerRef: session.id } });
      }
      if (!session.url) throw new Error(`checkout session ${session.id} has no url (status ${session.status})`);
      log.info({ booking: b.ref, payment: pay.id, session: session.id }, "checkout session ready");
      return { ok: true, url: session.url, kind: pay.kind === "deposit" ? "deposit" : "full", amountLek: pay.amountLek, holdMinutes: this.o.holdMinutes };
    } catch (err) {
      log.error({ err, booking: b.ref }, "checkout session could not be created; releasing the place");
      await this.release(pay.id, now, "failed", false);
      return { ok: false, reason: "unavailable" };
    }
  }

  /** Handles a verified Stripe event; true when it changed something. */
  async handleEvent(event: Stripe.Event, now: Date): Promise<boolean> {
    if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
      const session = event.data.object;
      if (session.payment_status === "unpaid") return false; // a delayed method: wait for async_payment_succeeded
      return this.markPaid(session, now);
    }
    if (event.type === "checkout.session.expired" || event.type === "checkout.session.async_payment_failed") {
      const id = event.data.object.metadata?.paymentId;
      return id ? this.release(id, now, "expired", true) : false;
    }
    return false;
  }

  /** Records a paid Checkout Session: Payment paid, Booking confirmed, customer told, booked work run. */
  async markPaid(session: Stripe.Checkout.Session, now: Date): Promise<boolean> {
    const { prisma, log } = this.o;
    const paymentId = session.metadata?.paymentId;
    const pay = paymentId ? await prisma.payment.findUnique({ where: { id: paymentId }, include }) : null;
    if (!pay) {
      log.warn({ session: session.id }, "paid checkout session for an unknown payment");
      return false;
    }
    if (session.currency !== CURRENCY || session.amount_total !== toMinorUnits(pay.amountLek)) {
      log.error({ session: session.id, payment: pay.id, currency: session.currency, amount: session.amount_total }, "paid amount does not match the payment; not confirming");
      return false;
    }
    const paymentStatus = pay.kind === "deposit" ? "deposit_paid" : "paid";
    const outcome = await prisma.$transaction(async (tx) => {
      const claimed = await tx.payment.updateMany({ where: { id: pay.id, status: { in: WAITING } }, data: { status: "paid", providerRef: session.id } });
      if (claimed.count !== 1) return "seen" as const;
      const held = await tx.booking.updateMany({ where: { id: pay.bookingId, status: "pending_payment" }, data: { status: "confirmed", paymentStatus } });
      return held.count === 1 ? ("confirmed" as const) : ("not_held" as const);
    });
    if (outcome === "seen") {
      const current = await prisma.payment.findUnique({ where: { id: pay.id }, select: { status: true } });
      if (current?.status === "expired") await this.lateRefund(pay, session, now);
      return false;
    }
    const b = pay.booking;
    if (outcome === "not_held") {
      log.error({ booking: b.ref, payment: pay.id, status: b.status }, "payment arrived for a booking that no longer waits for it");
      await this.lateRefund(pay, session, now);
      return true;
    }
    log.info({ booking: b.ref, payment: pay.id, kind: pay.kind }, "booking paid and confirmed");
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: b.id }, include: { business: true, service: true } });
    await this.tell(b.conversationId, paidNotice(await this.langOf(b), row as NoticeBooking, pay, now, this.o.icsLink?.(row)), "payment_confirmed");
    await this.o.bookings.notifyBooked(b.id, now);
    return true;
  }

  /**
   * Ends a payment that will not come (hold over, session expired, Stripe unreachable): Payment
   * expired/failed and, if still held, the booking cancelled so the place is free again.
   */
  async release(paymentId: string, now: Date, status: "expired" | "failed", notify: boolean): Promise<boolean> {
    const { prisma, log } = this.o;
    const done = await prisma.$transaction(async (tx) => {
      const pay = await tx.payment.findUnique({ where: { id: paymentId } });
      if (!pay) return null;
      const claimed = await tx.payment.updateMany({ where: { id: paymentId, status: { in: WAITING } }, data: { status, updatedAt: now } });
      if (claimed.count !== 1) return null;
      const freed = await tx.booking.updateMany({
        where: { id: pay.bookingId, status: "pending_payment" },
        data: { status: "cancelled", paymentStatus: "on_site", cancelledAt: now },
      });
      return { bookingId: pay.bookingId, freed: freed.count === 1 };
    });
    if (!done) return false;
    const b = await prisma.booking.findUniqueOrThrow({ where: { id: done.bookingId }, include: { business: true, service: true, customer: true } });
    log.info({ booking: b.ref, payment: paymentId, status, freed: done.freed }, "unpaid hold released");
    if (done.freed) for (const fn of this.released) await fn(b.id).catch((err) => log.error({ err, booking: b.ref }, "after-release work failed"));
    if (notify && done.freed) await this.tell(b.conversationId, expiredNotice(await this.langOf(b), b), "payment_expired");
    return true;
  }

  /**
   * Refunds the card payments of a booking cancelled in time (Payment rows the cancel marked
   * "refunding"): a refund of the Checkout session's PaymentIntent with one idempotency key per booking,
   * so a retry after a lost answer never refunds twice. Then Payment "refunded" and the booking's
   * paymentStatus "refunded". With `notify`, the customer is told (a retry the cancel did not wait for).
   * True when nothing is left to refund; false (logged) when Stripe failed and the poll must try again.
   */
  async refundCancelled(bookingId: string, now: Date, notify = false): Promise<boolean> {
    const { prisma, stripe, log } = this.o;
    const rows = await prisma.payment.findMany({ where: { bookingId, status: "refunding" }, include, orderBy: { createdAt: "asc" } });
    let ok = true;
    for (const pay of rows) {
      const b = pay.booking;
      try {
        if (!pay.providerRef) throw new Error("paid payment has no checkout session");
        const session = await stripe.checkout.sessions.retrieve(pay.providerRef);
        const intent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
        if (!intent) throw new Error(`checkout session ${session.id} has no payment intent`);
        const refund = await stripe.refunds.create(
          { payment_intent: intent, amount: toMinorUnits(pay.amountLek), metadata: { bookingId, paymentId: pay.id, bookingRef: b.ref } },
          { idempotencyKey: `refund:${bookingId}` },
        );
        if (refund.status === "failed" || refund.status === "canceled") throw new Error(`refund ${refund.id} is ${refund.status}`);
        const changed = await prisma.$transaction(async (tx) => {
          const r = await tx.payment.updateMany({ where: { id: pay.id, status: "refunding" }, data: { status: "refunded", updatedAt: now } });
          if (r.count !== 1) return false;
          await tx.booking.updateMany({ where: { id: bookingId }, data: { paymentStatus: "refunded" } });
          return true;
        });
        if (!changed) continue;
        log.info({ booking: b.ref, payment: pay.id, refund: refund.id, amountLek: pay.amountLek }, "cancelled booking refunded");
        if (notify) await this.tell(b.conversationId, refundedNotice(await this.langOf(b), b.ref, pay.amountLek), "payment_refunded");
      } catch (err) {
        ok = false;
        log.error({ err, booking: b.ref, payment: pay.id }, "refund of a cancelled booking failed; will retry");
      }
    }
    return ok;
  }

  /** Retries the refunds of cancelled bookings not yet confirmed by Stripe; returns how many were settled. */
  async retryRefunds(now: Date, batch = 50): Promise<number> {
    const due = await this.o.prisma.payment.findMany({
      where: { status: "refunding" }, select: { bookingId: true }, distinct: ["bookingId"], orderBy: { bookingId: "asc" }, take: batch,
    });
    let settled = 0;
    for (const { bookingId } of due) if (await this.refundCancelled(bookingId, now, true)) settled++;
    return settled;
  }

  /** A payment that came after its place was released: refund it in full and tell the customer. */
  private async lateRefund(pay: { id: string; amountLek: number; booking: { ref: string; conversationId: string | null; customer: { lang: string } } }, session: Stripe.Checkout.Session, _now: Date): Promise<void> {
    const { prisma, stripe, log } = this.o;
    const intent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
    if (!intent) return;
    const marked = await prisma.payment.updateMany({ where: { id: pay.id, status: { in: ["expired", "paid"] } }, data: { status: "refunded", providerRef: session.id } });
    if (marked.count !== 1) return;
    try {
      await stripe.refunds.create({ payment_intent: intent, metadata: { paymentId: pay.id } }, { idempotencyKey: `rezervo-refund-${pay.id}` });
      log.warn({ booking: pay.booking.ref, payment: pay.id }, "late payment refunded");
      await this.tell(pay.booking.conversationId, lateRefundNotice(await this.langOf(pay.booking), pay.booking.ref, pay.amountLek), "payment_refunded");
    } catch (err) {
      await prisma.payment.updateMany({ where: { id: pay.id, status: "refunded" }, data: { status: "paid" } });
      log.error({ err, booking: pay.booking.ref, payment: pay.id }, "late payment could not be refunded; refund it from the Stripe dashboard");
    }
  }

  private async langOf(b: { conversationId: string | null; customer: { lang: string } }): Promise<"sq" | "en"> {
    const conv = b.conversationId ? await this.o.prisma.conversation.findUnique({ where: { id: b.conversationId }, select: { lang: true } }) : null;
    return (conv?.lang ?? b.customer.lang) === "en" ? "en" : "sq";
  }

  private async tell(conversationId: string | null, replies: Parameters<Notifier["sendToConversation"]>[1], purpose: string): Promise<void> {
    if (!conversationId) return;
    // A refund said days later on WhatsApp (outside its 24-hour window) goes by SMS to the same phone.
    await this.o.notifier.sendToConversation(conversationId, replies, { purpose, smsFallback: true })
      .catch((err) => this.o.log.warn({ err, conversation: conversationId, purpose }, "payment notice not delivered"));
  }
}
