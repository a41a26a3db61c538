import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ConversationMoved, type BookingInfo, type BookingsPort, type BookRequest, type BookResult, type ContactDetails } from "./port.ts";
import { availabilityFromRows, availabilityStatement, isFree, tooSoon } from "../availability/service.ts";
import type { SqlPool } from "../db/sql.ts";
import { newRowId } from "../db/ids.ts";
import { toBusinessInfo } from "../catalog/repo.ts";
import { chatUnderLimit } from "../limits/chat.ts";
import type { Logger } from "../log.ts";
import { identityColumns, provenContacts, type IdentityRow, type ProvenContacts } from "./identity.ts";
import { newBookingRef } from "./ref.ts";
import { OutboxRunner, type OutboxItem } from "./outbox.ts";

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

/** A unique violation (PostgreSQL 23505) of the Booking constraint on `field`. */
const isUnique = (e: unknown, field: "ref" | "requestKey") => {
  const err = e as { code?: string; constraint?: string };
  return err?.code === "23505" && err.constraint === `Booking_${field}_key`;
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

  constructor(private readonly prisma: PrismaClient, private readonly log: Logger, private readonly sql: SqlPool) {
    this.outbox = new OutboxRunner(sql, (item) => this.runOutbox(item), log);
  }

  /** The work of an outbox row: the booked listeners of its booking. */
  private async runOutbox(item: OutboxItem): Promise<void> {
    if (item.kind !== "booked" || !item.booking) return; // erased meanwhile: nothing to follow up
    // The claim read the booking with its business and service rows, the shape toBookingInfo maps.
    await this.runListeners(toBookingInfo(item.booking as unknown as Full), item.req);
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
    for (let attempt = 0; ; attempt++) {
      try {
        // Two round trips. The first starts the transaction, locks the business row, reads a booking this
        // confirm already made (a repeated confirm) and what the chat has proven, and reads the places. The
        // places come from a statement of their own, sent behind the lock's without waiting for it: under
        // READ COMMITTED a statement that waited for the lock still reads with the snapshot it started
        // with, while the next one starts (and takes its snapshot) once the lock is granted. The second
        // round trip writes and commits.
        const created = await this.sql.transactionFrom<Full | "existing" | { tooSoon: number } | null>(
          [
            req.asOf
              ? { name: "book_lock_as_of", text: BOOK_LOCK_AS_OF, values: [req.serviceId, req.requestKey, req.conversationId, req.now, req.asOf.limit.key, req.asOf.limit.now, req.asOf.limit.points] }
              : { name: "book_lock", text: BOOK_LOCK, values: [req.serviceId, req.requestKey, req.conversationId, req.now] },
            availabilityStatement(req.serviceId, req.now, { exceptHold: req.hold }),
          ],
          async (tx, [lockRows, placeRows]) => {
            const pre = lockRows[0] as (IdentityRow & LockRow) | undefined;
            if (!pre) return null; // no such service
            // A turn run from a copy books only from the conversation as it still is (nothing written otherwise).
            if (req.asOf && !(pre.conversationFound && Number(pre.conversationVersion) === req.asOf.version
              && pre.externalId === req.asOf.externalId && pre.underLimit)) throw new ConversationMoved();
            if (pre.existingId) return "existing";
            // From the row alone: no other query while the business row is locked (and none that waits for
            // a second connection from the pool this transaction holds one of).
            const identity = pre.conversationFound ? provenContacts(pre) : null;
            const read = availabilityFromRows(placeRows, req.now);
            if (!read) return null;
            if (!isFree(read.input, req.start)) return tooSoon(read.input, req.start) ? { tooSoon: read.input.minNoticeMin } : null;
            const service = read.service as unknown as Full["service"];
            const business = read.business as unknown as Full["business"];
            const payment = this.paymentPolicy?.(business, service.priceLek) ?? null;
            const [row] = await tx.commitWith<BookingRow>("book_write", BOOK_WRITE, writeParams(req, identity, service, payment));
            if (!row) throw new Error("booking insert returned no row");
            return { ...row, business, service };
          },
        );
        if (created === "existing") return this.existing(req.requestKey);
        if (!created) return { ok: false, reason: "slot_taken" };
        if ("tooSoon" in created) return { ok: false, reason: "too_soon", noticeMin: created.tooSoon };
        const info = toBookingInfo(created);
        this.log.info({ booking: info.ref, business: info.business.slug, status: info.status }, "booking created");
        if (info.status !== "pending_payment") this.outbox.kick();
        return { ok: true, booking: info };
      } catch (e) {
        if (isUnique(e, "requestKey")) {
          const again = await this.existing(req.requestKey);
          if (again.ok) return again;
        }
        if (isUnique(e, "ref") && attempt < 5) continue; // reference collision: draw another
        throw e;
      }
    }
  }

  /** The booking a confirm with this key already made (a repeated confirm). */
  private async existing(requestKey: string): Promise<BookResult> {
    const b = await this.prisma.booking.findUnique({ where: { requestKey }, include: { business: true, service: true } });
    return b ? { ok: true, booking: toBookingInfo(b) } : { ok: false, reason: "slot_taken" };
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
    const [b] = await this.sql.query<{ contactName: string; contactEmail: string | null; contactPhone: string | null }>("last_contact", LAST_CONTACT, [conversationId]);
    // A booking made without an email («nuk kam email») gives its name and phone, and no email.
    return b && b.contactName && b.contactPhone ? { name: b.contactName, email: b.contactEmail ?? "", phone: b.contactPhone } : null;
  }
}

/** The contact details of the conversation's newest booking. */
const LAST_CONTACT = `
  SELECT "contactName", "contactEmail", "contactPhone" FROM "Booking"
   WHERE "conversationId" = $1 ORDER BY "createdAt" DESC LIMIT 1`;

type LockRow = { existingId: string | null; conversationFound: boolean; conversationVersion?: number; underLimit?: boolean };

/**
 * The booking transaction's first statement (sent with its BEGIN): locks the service's business row until
 * the transaction ends (one writer per business) and reads the booking this confirm already made ($2, its
 * request key) and what the conversation ($3) has proven at $4. No row: no such service.
 */
const BOOK_LOCK = `
  SELECT (SELECT id FROM "Booking" WHERE "requestKey" = $2) AS "existingId", c.id IS NOT NULL AS "conversationFound",
         ${identityColumns("$4::timestamptz")}
    FROM "Business" b JOIN "Service" s ON s."businessId" = b.id
    LEFT JOIN "Conversation" c ON c.id = $3
   WHERE s.id = $1
     FOR UPDATE OF b`;

/**
 * {@link BOOK_LOCK} for a turn run from a copy (see BookRequest.asOf): it also reads the conversation's
 * version and whether the chat's rate-limit counter ($5 its key, $6 now, $7 the limit) leaves room for
 * the turn's message, which the save counts.
 */
const BOOK_LOCK_AS_OF = BOOK_LOCK.replace(
  `AS "conversationFound",`,
  `AS "conversationFound", c.version AS "conversationVersion", ${chatUnderLimit("$5", "$6", "$7")} AS "underLimit",`,
);

/**
 * The booking's writes, in one statement inside the transaction that locked the business: the customer
 * record, the booking, its payment (when one is asked for), the conversation's link to the customer, and
 * the outbox row for what follows a confirmed booking.
 *
 * The customer record: typed details are never proof. A phone or email the conversation has proven
 * ($1 = proven, $2 = the proven one is the phone) files the booking under the shared (verified) record of
 * that phone/email, which only such a conversation may update. Anything else goes to a record of this
 * conversation's own (same phone), never merged with anyone else's. $24: link the conversation to the
 * record (always for a proven record; for its own record only when it has none).
 */
const BOOK_WRITE = `
  WITH found AS (
    SELECT id FROM "Customer"
     WHERE CASE WHEN $1 THEN verified AND CASE WHEN $2 THEN phone = $6 ELSE email = $5 END
                ELSE NOT verified AND "originConversationId" = $3 AND phone IS NOT DISTINCT FROM $6 END
     ORDER BY "createdAt" ASC
     LIMIT 1
  ), upd AS (
    UPDATE "Customer" c SET name = $4, email = $5, phone = $6, lang = $7 FROM found WHERE c.id = found.id RETURNING c.id
  ), ins AS (
    INSERT INTO "Customer" (id, name, email, phone, lang, verified, "originConversationId")
    SELECT $8, $4, $5, $6, $7, $1, CASE WHEN $1 THEN NULL ELSE $3 END WHERE NOT EXISTS (SELECT 1 FROM found)
    RETURNING id
  ), customer AS (
    SELECT id FROM upd UNION ALL SELECT id FROM ins
  ), bk AS (
    INSERT INTO "Booking" (id, ref, "businessId", "serviceId", "customerId", "contactName", "contactEmail", "contactPhone",
                           start, "end", status, "priceLek", "paymentStatus", channel, "conversationId", "requestKey", "updatedAt")
    SELECT $9, $10, $11, $12, customer.id, $4, $5, $6, $13, $14, $15, $16, $17, $18, $3, $19, now() FROM customer
    RETURNING id, ref, start, "end", status, "priceLek"
  ), pay AS (
    INSERT INTO "Payment" (id, "bookingId", kind, "amountLek", "createdAt", "updatedAt")
    SELECT $21, bk.id, $22, $23, $20, $20 FROM bk WHERE $22::text IS NOT NULL
  ), link AS (
    UPDATE "Conversation" SET "customerId" = (SELECT id FROM customer), "updatedAt" = now() WHERE id = $3 AND $24
  ), outbox AS (
    INSERT INTO "Outbox" (kind, "bookingId", payload, "createdAt") SELECT 'booked', bk.id, $25::jsonb, $20 FROM bk WHERE $22::text IS NULL
  )
  SELECT * FROM bk`;

/** The parameters of {@link BOOK_WRITE}. */
function writeParams(
  req: BookRequest, id: ProvenContacts | null, service: Full["service"], payment: { kind: string; amountLek: number } | null,
): unknown[] {
  const { contact } = req;
  const email = contact.email ? contact.email.toLowerCase() : null;
  const phone = contact.phone || null;
  const provenPhone = !!phone && !!id?.phones.includes(phone);
  const provenEmail = !!email && !!id?.emails.includes(email);
  const proven = provenPhone || provenEmail;
  const end = new Date(req.start.getTime() + service.durationMin * 60_000);
  return [
    proven, provenPhone, req.conversationId, contact.name, email, phone, req.lang, newRowId(),
    newRowId(), newBookingRef(), service.businessId, service.id, req.start, end,
    payment ? "pending_payment" : "confirmed", service.priceLek, payment ? "pending" : "on_site", req.channel, req.requestKey,
    req.now, newRowId(), payment?.kind ?? null, payment?.amountLek ?? null, proven || !id?.customerId,
    payment ? null : JSON.stringify(req),
  ];
}
