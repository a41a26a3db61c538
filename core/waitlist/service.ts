import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BookingInfo, BookingsPort, BookResult, ContactDetails } from "../bookings/port.ts";
import { bookingsOf, identityOf } from "../bookings/identity.ts";
import { toBookingInfo } from "../bookings/service.ts";
import { addDays, zonedParts } from "../clock.ts";
import type { Logger } from "../log.ts";
import { prismaSql, type Sql } from "../db/sql.ts";
import type { AgainTarget, JoinRequest, WaitlistEntryInfo, WaitlistPort } from "./port.ts";

/** What answering an offer did. */
export type AnswerResult =
  | { kind: "booked"; booking: BookingInfo }
  /** The hold ended (silence, another answer) or the place could not be booked. */
  | { kind: "gone"; entry: WaitlistEntryInfo }
  | { kind: "declined"; entry: WaitlistEntryInfo }
  | { kind: "not_found" };

/** Dependencies of {@link WaitlistService}. */
export interface WaitlistDeps {
  prisma: PrismaClient;
  /** The app's plain SQL for the statement every booking runs (default: through Prisma). */
  sql?: Sql;
  bookings: BookingsPort;
  log: Logger;
  /** A place of this business may have freed (an offer given up): look for the next in line. */
  freed: (businessId: string) => Promise<void>;
  holdMinutes: number;
}

/** The waits of a conversation ($1) for a service ($2) on a day ($3) end: it booked that day anyway. */
const WAITS_BOOKED = `
  WITH done AS (
    UPDATE "WaitlistEntry" SET status = 'booked', "updatedAt" = now()
    WHERE "conversationId" = $1 AND "serviceId" = $2 AND date = $3 AND status = 'waiting'
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM done`;

type EntryRow = { id: string; date: string; fromMin: number; toMin: number; status: string; businessId: string; serviceId: string };

/**
 * The waiting list: joining, leaving, the entries a conversation sees, answering an offer (accepting
 * books the held place with the details given when joining; declining hands it to the next in line).
 */
export class WaitlistService implements WaitlistPort {
  private readonly sql: Sql;

  constructor(private readonly deps: WaitlistDeps) {
    this.sql = deps.sql ?? prismaSql(deps.prisma);
  }

  get holdMinutes(): number {
    return this.deps.holdMinutes;
  }

  private async info(rows: EntryRow[]): Promise<WaitlistEntryInfo[]> {
    if (!rows.length) return [];
    const { prisma } = this.deps;
    const services = await prisma.service.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.serviceId))] } }, include: { business: true } });
    const byId = new Map(services.map((s) => [s.id, s]));
    return rows.flatMap((r) => {
      const s = byId.get(r.serviceId);
      if (!s) return [];
      return [{
        id: r.id, date: r.date, status: r.status, window: { fromMin: r.fromMin, toMin: r.toMin },
        business: { id: s.business.id, name: s.business.name, timeZone: s.business.timeZone },
        service: { id: s.id, nameSq: s.nameSq, nameEn: s.nameEn },
      }];
    });
  }

  async join(req: JoinRequest) {
    const { prisma, log } = this.deps;
    const service = await prisma.service.findUnique({ where: { id: req.serviceId }, include: { business: true } });
    if (!service) return { ok: false as const, reason: "unknown" as const };
    const tz = service.business.timeZone;
    const today = zonedParts(req.now, tz).date;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(req.date) || req.date < today || req.date > addDays(today, service.business.horizonDays)) {
      return { ok: false as const, reason: "past" as const };
    }
    const contact = {
      contactName: req.contact.name,
      contactEmail: req.contact.email ? req.contact.email.toLowerCase() : null,
      contactPhone: req.contact.phone || null,
    };
    const same = await prisma.waitlistEntry.findFirst({
      where: { conversationId: req.conversationId, serviceId: req.serviceId, date: req.date, status: "waiting" },
      orderBy: { createdAt: "asc" },
    });
    // Joining again for the same day changes the part of the day; the place in line is kept.
    const row = same
      ? await prisma.waitlistEntry.update({ where: { id: same.id }, data: { ...req.window, ...contact, lang: req.lang } })
      : await prisma.waitlistEntry.create({
        data: {
          businessId: service.businessId, serviceId: service.id, date: req.date, ...req.window, conversationId: req.conversationId,
          ...contact, lang: req.lang, createdAt: req.now,
        },
      });
    log.info({ entry: row.id, business: service.business.slug, date: row.date, again: !!same }, "waiting list joined");
    await this.deps.freed(service.businessId);
    const [entry] = await this.info([row]);
    return { ok: true as const, entry };
  }

  async entries(conversationId: string, now: Date): Promise<WaitlistEntryInfo[]> {
    const rows = await this.deps.prisma.waitlistEntry.findMany({
      where: { conversationId, status: "waiting", date: { gte: addDays(zonedParts(now, "Europe/Tirane").date, -1) } },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }],
      take: 10,
    });
    const all = await this.info(rows);
    // A day that has passed in the business's own zone is over (the sweep ends it too).
    return all.filter((e) => e.date >= zonedParts(now, e.business.timeZone).date);
  }

  async entry(conversationId: string, entryId: string): Promise<WaitlistEntryInfo | null> {
    const row = await this.deps.prisma.waitlistEntry.findFirst({ where: { id: entryId, conversationId } });
    return row ? (await this.info([row]))[0] ?? null : null;
  }

  async leave(conversationId: string, entryId: string, now: Date): Promise<boolean> {
    const { prisma, log } = this.deps;
    const row = await prisma.waitlistEntry.findFirst({ where: { id: entryId, conversationId } });
    if (!row) return false;
    const left = await prisma.waitlistEntry.updateMany({ where: { id: entryId, status: "waiting" }, data: { status: "left", updatedAt: now } });
    const gaveUp = await prisma.waitlistOffer.updateMany({ where: { entryId, status: "open" }, data: { status: "declined" } });
    log.info({ entry: entryId, offerGivenUp: gaveUp.count > 0 }, "waiting list left");
    if (gaveUp.count) await this.deps.freed(row.businessId);
    return left.count === 1;
  }

  async knownContact(conversationId: string): Promise<Partial<ContactDetails>> {
    const last = await this.deps.bookings.lastContact(conversationId);
    if (last) return last;
    const e = await this.deps.prisma.waitlistEntry.findFirst({ where: { conversationId }, orderBy: { createdAt: "desc" } });
    return e ? { name: e.contactName, email: e.contactEmail ?? undefined, phone: e.contactPhone ?? undefined } : {};
  }

  /** Bookings this conversation may see (made in it, or of a phone/email it proved). */
  private async allowed(conversationId: string, now: Date) {
    const id = await identityOf(this.deps.prisma, conversationId, now);
    return id ? bookingsOf(id) : null;
  }

  async pastBookings(conversationId: string, now: Date, n: number): Promise<BookingInfo[]> {
    const allowed = await this.allowed(conversationId, now);
    if (!allowed) return [];
    const rows = await this.deps.prisma.booking.findMany({
      where: { AND: [allowed, { OR: [{ end: { lte: now } }, { status: { in: ["cancelled", "released"] } }] }] },
      orderBy: { start: "desc" },
      take: n * 3,
      include: { business: true, service: true },
    });
    // One line per business and service: booking the same again is what the choice is for.
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.serviceId) && seen.add(r.serviceId)).slice(0, n).map(toBookingInfo);
  }

  async again(conversationId: string, bookingId: string | undefined, now: Date): Promise<AgainTarget | null> {
    const allowed = await this.allowed(conversationId, now);
    if (!allowed) return null;
    const row = await this.deps.prisma.booking.findFirst({
      where: { AND: [allowed, bookingId ? { id: bookingId } : {}] },
      orderBy: { start: "desc" },
      include: { business: { select: { categoryId: true } } },
    });
    if (!row) return null;
    const contact = { name: row.contactName || undefined, email: row.contactEmail ?? undefined, phone: row.contactPhone ?? undefined };
    return { categoryId: row.business.categoryId, businessId: row.businessId, serviceId: row.serviceId, contact };
  }

  /**
   * Whether a conversation may answer an offer made to `entryConversationId`: the same one, or the SMS
   * chat of the same phone as a WhatsApp chat (an offer WhatsApp refused goes by SMS).
   */
  private async answersFor(entryConversationId: string, conversationId: string): Promise<boolean> {
    if (entryConversationId === conversationId) return true;
    const rows = await this.deps.prisma.conversation.findMany({ where: { id: { in: [entryConversationId, conversationId] } }, select: { id: true, channel: true, externalId: true } });
    const entry = rows.find((r) => r.id === entryConversationId);
    const asking = rows.find((r) => r.id === conversationId);
    return !!entry && !!asking && entry.channel === "whatsapp" && asking.channel === "sms" && entry.externalId === asking.externalId;
  }

  /** An offer made to this conversation (or one it may answer), with its service and business; null when not its. */
  async offered(offerId: string, conversationId: string) {
    const { prisma } = this.deps;
    const offer = await prisma.waitlistOffer.findUnique({ where: { id: offerId }, include: { entry: true } });
    if (!offer || !(await this.answersFor(offer.entry.conversationId, conversationId))) return null;
    const service = await prisma.service.findUniqueOrThrow({ where: { id: offer.serviceId }, include: { business: true } });
    return { offer, service };
  }

  /**
   * Accepts an offer made to this conversation: books the held place with the details given when joining
   * (one booking per offer, whatever the retries). Gone when the hold has ended.
   */
  async accept(offerId: string, conversationId: string, channel: string, now: Date): Promise<AnswerResult & { result?: BookResult }> {
    const { prisma, log } = this.deps;
    const offer = await prisma.waitlistOffer.findUnique({ where: { id: offerId }, include: { entry: true } });
    if (!offer || !(await this.answersFor(offer.entry.conversationId, conversationId))) return { kind: "not_found" };
    const [entry] = await this.info([offer.entry]);
    if (offer.status === "accepted" && offer.bookingId) {
      const b = await prisma.booking.findUnique({ where: { id: offer.bookingId }, include: { business: true, service: true } });
      if (b) return { kind: "booked", booking: toBookingInfo(b) };
    }
    if (offer.status !== "open" || offer.heldUntil <= now) return { kind: "gone", entry };
    const e = offer.entry;
    const result = await this.deps.bookings.book({
      serviceId: offer.serviceId, start: offer.start,
      contact: { name: e.contactName, email: e.contactEmail ?? "", phone: e.contactPhone ?? "" },
      channel, conversationId, requestKey: `wl:${offer.id}`, lang: e.lang === "en" ? "en" : "sq", now, hold: offer.id,
    });
    if (!result.ok) {
      await prisma.waitlistOffer.updateMany({ where: { id: offer.id, status: "open" }, data: { status: "expired" } });
      log.warn({ offer: offer.id }, "held place could not be booked");
      return { kind: "gone", entry };
    }
    await prisma.$transaction([
      prisma.waitlistOffer.updateMany({ where: { id: offer.id, status: { in: ["open", "expired"] } }, data: { status: "accepted", bookingId: result.booking.id } }),
      prisma.waitlistEntry.updateMany({ where: { id: e.id, status: "waiting" }, data: { status: "booked" } }),
    ]);
    log.info({ offer: offer.id, booking: result.booking.ref }, "waiting list offer accepted");
    return { kind: "booked", booking: result.booking };
  }

  /** Declines an offer made to this conversation: the place goes to the next in line; the entry keeps waiting. */
  async decline(offerId: string, conversationId: string): Promise<Exclude<AnswerResult, { kind: "booked" }>> {
    const { prisma, log } = this.deps;
    const offer = await prisma.waitlistOffer.findUnique({ where: { id: offerId }, include: { entry: true } });
    if (!offer || !(await this.answersFor(offer.entry.conversationId, conversationId))) return { kind: "not_found" };
    const [entry] = await this.info([offer.entry]);
    const r = await prisma.waitlistOffer.updateMany({ where: { id: offer.id, status: "open" }, data: { status: "declined" } });
    if (!r.count) return { kind: offer.status === "declined" ? "declined" : "gone", entry };
    log.info({ offer: offer.id }, "waiting list offer declined");
    await this.deps.freed(offer.businessId);
    return { kind: "declined", entry };
  }

  /** The open offer of this conversation (there is at most one), or null. */
  async openOffer(conversationId: string, now: Date): Promise<{ id: string } | null> {
    return this.deps.prisma.waitlistOffer.findFirst({
      where: { status: "open", heldUntil: { gt: now }, entry: { conversationId } },
      select: { id: true },
    });
  }

  /** A booking was made: entries of that conversation for the same service and day are done. */
  async booked(b: { conversationId: string; serviceId: string; start: Date; timeZone: string }): Promise<number> {
    const date = zonedParts(b.start, b.timeZone).date;
    const [r] = await this.sql.query<{ n: number }>("waitlist_booked", WAITS_BOOKED, [b.conversationId, b.serviceId, date]);
    return Number(r?.n ?? 0);
  }
}

