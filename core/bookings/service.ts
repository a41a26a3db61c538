import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BookingInfo, BookingsPort, BookRequest, BookResult, ContactDetails } from "./port.ts";
import { isFree, readAvailability } from "../availability/service.ts";
import { prismaSql } from "../db/sql.ts";
import { toBusinessInfo } from "../catalog/repo.ts";
import type { Logger } from "../log.ts";
import { identityOf, type Identity } from "./identity.ts";
import { newBookingRef } from "./ref.ts";
import { OutboxRunner, recordBooked, type OutboxItem } from "./outbox.ts";

type BookingRow = NonNullable<Awaited<ReturnType<PrismaClient["booking"]["findFirst"]>>>;
type Full = BookingRow & {
  business: Parameters<typeof toBusinessInfo>[0];
  service: { id: string; businessId: string; nameSq: string; nameEn: string; durationMin: number; priceLek: number; aliases?: string[] };
};

/** Maps a booking with its business and service to what the dialogs see. */
export function toBookingInfo(b: Full): BookingInfo {
  const s = b.service;
  return {
    id: b.id, ref: b.ref, start: b.start, end: b.end, status: b.status, priceLek: b.priceLek,
    business: toBusinessInfo(b.business),
    service: { id: s.id, businessId: s.businessId, nameSq: s.nameSq, nameEn: s.nameEn, durationMin: s.durationMin, priceLek: s.priceLek, aliases: s.aliases ?? [] },
  };
}

/** Called after a booking is committed (reminders, payments, notifications). */
export type BookedListener = (booking: BookingInfo, req: BookRequest) => Promise<void>;

/**
 * Decides whether a new booking must be paid online before it is confirmed: the payment to ask for,
 * or null (confirmed at once). Such a booking is created "pending_payment" with a pending Payment row,
 * and its booked listeners run only when {@link BookingsService.notifyBooked} is called after payment.
 */
export type PaymentPolicy = (business: { paymentMode: string; depositLek: number | null }, priceLek: number) => { kind: "full" | "deposit"; amountLek: number } | null;

const isUnique = (e: unknown, field?: string) => {
  const err = e as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }; message?: string };
  if (err?.code !== "P2002") return false;
  if (!field) return true;
  return JSON.stringify(err.meta ?? {}).includes(field) || (err.message ?? "").includes(field);
};

/**
 * Creates bookings. Double booking is prevented by the database: the business row is locked
 * (SELECT ... FOR UPDATE) while free places are re-counted and the booking is inserted, in one transaction.
 */
export class BookingsService implements BookingsPort {
  private readonly listeners: BookedListener[] = [];
  private paymentPolicy: PaymentPolicy | null = null;
  /** Runs the booked listeners of committed bookings off the turn (see core/bookings/outbox.ts). */
  readonly outbox: OutboxRunner;

  constructor(private readonly prisma: PrismaClient, private readonly log: Logger) {
    this.outbox = new OutboxRunner(prisma, (item) => this.runOutbox(item), log);
  }

  /** The work of an outbox row: the booked listeners of its booking. */
  private async runOutbox(item: OutboxItem): Promise<void> {
    if (item.kind !== "booked") return;
    const b = await this.prisma.booking.findUnique({ where: { id: item.bookingId }, include: { business: true, service: true } });
    if (!b) return; // erased meanwhile: nothing to follow up
    await this.runListeners(toBookingInfo(b), item.req);
  }

  /** Online payments: new bookings this policy asks a payment for wait for it ("pending_payment"). */
  requirePayment(policy: PaymentPolicy): void {
    this.paymentPolicy = policy;
  }

  /** Registers work to run after each new booking. */
  onBooked(listener: BookedListener): void {
    this.listeners.push(listener);
  }

  async book(req: BookRequest): Promise<BookResult> {
    const include = { business: true, service: true } as const;
    // A repeated confirm finds its booking; what the chat has proven is read at the same time, before the
    // business row is locked (it does not change the places).
    const [existing, identity] = await Promise.all([
      this.prisma.booking.findUnique({ where: { requestKey: req.requestKey }, include }),
      identityOf(this.prisma, req.conversationId, req.now),
    ]);
    if (existing) return { ok: true, booking: toBookingInfo(existing) };
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.prisma.$transaction(async (tx) => {
          // One statement: the service and its business, locked, with the places taken.
          const read = await readAvailability(prismaSql(tx), req.serviceId, req.now, { exceptHold: req.hold, lock: true });
          if (!read || !isFree(read.input, req.start)) return null;
          const service = read.service as unknown as Full["service"];
          const business = read.business as unknown as Full["business"];
          const customer = await customerFor(tx, req, identity);
          const payment = this.paymentPolicy?.(business, service.priceLek) ?? null;
          const booking = await tx.booking.create({
            data: {
              ref: newBookingRef(),
              businessId: service.businessId,
              serviceId: service.id,
              customerId: customer.id,
              contactName: req.contact.name,
              contactEmail: req.contact.email ? req.contact.email.toLowerCase() : null,
              contactPhone: req.contact.phone || null,
              start: req.start,
              end: new Date(req.start.getTime() + service.durationMin * 60_000),
              priceLek: service.priceLek,
              channel: req.channel,
              conversationId: req.conversationId,
              requestKey: req.requestKey,
              ...(payment ? { status: "pending_payment", paymentStatus: "pending" } : {}),
            },
          });
          if (payment) await tx.payment.create({ data: { bookingId: booking.id, kind: payment.kind, amountLek: payment.amountLek, createdAt: req.now, updatedAt: req.now } });
          if (customer.link) await tx.conversation.updateMany({ where: { id: req.conversationId }, data: { customerId: customer.id } });
          // What follows the booking (reminders, email, the waiting list) is done off the turn, from the outbox.
          if (!payment) await recordBooked(tx, booking.id, req);
          return { ...booking, business, service };
        });
        if (!created) return { ok: false, reason: "slot_taken" };
        const info = toBookingInfo(created);
        this.log.info({ booking: info.ref, business: info.business.slug, status: info.status }, "booking created");
        if (info.status !== "pending_payment") this.outbox.kick();
        return { ok: true, booking: info };
      } catch (e) {
        if (isUnique(e, "requestKey")) {
          const again = await this.prisma.booking.findUnique({ where: { requestKey: req.requestKey }, include });
          if (again) return { ok: true, booking: toBookingInfo(again) };
        }
        if (isUnique(e) && attempt < 5) continue; // reference collision: draw another
        throw e;
      }
    }
  }

  /**
   * Runs the booked listeners (reminders, confirmation email ...) for a booking confirmed later, e.g.
   * once its payment arrived. The request is rebuilt from the stored booking and customer.
   */
  async notifyBooked(bookingId: string, now: Date): Promise<void> {
    const b = await this.prisma.booking.findUnique({ where: { id: bookingId }, include: { business: true, service: true, customer: true } });
    if (!b) return;
    const req: BookRequest = {
      serviceId: b.serviceId, start: b.start,
      contact: { name: b.contactName, email: b.contactEmail ?? "", phone: b.contactPhone ?? "" },
      channel: b.channel, conversationId: b.conversationId ?? "", requestKey: b.requestKey ?? b.id,
      lang: b.customer.lang === "en" ? "en" : "sq", now,
    };
    await this.runListeners(toBookingInfo(b), req);
  }

  private async runListeners(info: BookingInfo, req: BookRequest): Promise<void> {
    for (const l of this.listeners) {
      await l(info, req).catch((err) => this.log.error({ err, booking: info.ref }, "after-booking work failed"));
    }
  }

  async lastContact(conversationId: string): Promise<ContactDetails | null> {
    const b = await this.prisma.booking.findFirst({
      where: { conversationId },
      orderBy: { createdAt: "desc" },
      select: { contactName: true, contactEmail: true, contactPhone: true },
    });
    return b && b.contactName && b.contactEmail && b.contactPhone ? { name: b.contactName, email: b.contactEmail, phone: b.contactPhone } : null;
  }
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The customer record a booking is filed under. Typed details are never proof: a phone or email the
 * conversation has proven files it under the shared (verified) record of that phone/email, which only
 * such a conversation may update. Anything else goes to a record of this conversation's own, never merged
 * with anyone else's. `link`: the conversation should point at this record (reminder preferences).
 */
async function customerFor(tx: Tx, req: BookRequest, id: Identity | null): Promise<{ id: string; link: boolean }> {
  const { contact, lang, conversationId } = req;
  const email = contact.email ? contact.email.toLowerCase() : null;
  const phone = contact.phone || null;
  const provenPhone = !!phone && !!id?.phones.includes(phone);
  const provenEmail = !!email && !!id?.emails.includes(email);
  const details = { name: contact.name, email, phone, lang };
  if (provenPhone || provenEmail) {
    const found = await tx.customer.findFirst({
      where: { verified: true, ...(provenPhone ? { phone } : { email }) },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    const c = found
      ? await tx.customer.update({ where: { id: found.id }, data: details, select: { id: true } })
      : await tx.customer.create({ data: { ...details, verified: true }, select: { id: true } });
    return { id: c.id, link: true };
  }
  const own = await tx.customer.findFirst({
    where: { verified: false, originConversationId: conversationId, phone },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  const c = own
    ? await tx.customer.update({ where: { id: own.id }, data: details, select: { id: true } })
    : await tx.customer.create({ data: { ...details, originConversationId: conversationId }, select: { id: true } });
  return { id: c.id, link: !id?.customerId };
}
