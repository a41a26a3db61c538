import type { PrismaClient } from "../../generated/prisma/client.ts";
import { availabilityInput } from "../availability/service.ts";
import { prismaSql } from "../db/sql.ts";
import { freeSlots } from "../availability/slots.ts";
import { parseHm } from "../availability/wallclock.ts";
import type { AvailabilityInput } from "../availability/types.ts";
import { addDays, zonedParts, zonedToUtc } from "../clock.ts";
import type { Logger } from "../log.ts";
import { inWindow } from "./window.ts";

/** Offers are made from 08:00 to 22:00, Tirana time; a place freed at night waits for the morning. */
export const OFFER_HOURS = { from: 8, to: 22 } as const;

/** Options for {@link WaitlistOffers}. */
export interface OffersOptions {
  prisma: PrismaClient;
  log: Logger;
  /** Minutes a freed place is held for the customer it is offered to. */
  holdMinutes: number;
  /** The marketplace's zone (the quiet hours are its wall clock). */
  timeZone: string;
}

/** What one look at a business's freed places did. */
export interface ScanResult {
  /** Offers made (each holds one place for one customer). */
  offered: { id: string; heldUntil: Date }[];
  /** Quiet hours: look again at this time (the next 08:00). */
  morning?: Date;
}

/**
 * Turns freed places into offers, first come first offered. Under the business's row lock (the same
 * lock that guards booking), it reads the waiting customers in the order they joined and the free places
 * (open offers count as busy), and holds for each customer without an open offer the earliest free place
 * in their part of the day that they were not offered before. The lock makes it safe to run anywhere, any
 * number of times: a place is held once, and a held place cannot be booked by anyone else.
 */
export class WaitlistOffers {
  constructor(private readonly o: OffersOptions) {}

  get holdMinutes(): number {
    return this.o.holdMinutes;
  }

  /** The next 08:00 when `now` is in the quiet hours, else null. */
  quietUntil(now: Date): Date | null {
    const p = zonedParts(now, this.o.timeZone);
    if (p.hour >= OFFER_HOURS.from && p.hour < OFFER_HOURS.to) return null;
    const day = p.hour >= OFFER_HOURS.to ? addDays(p.date, 1) : p.date;
    return zonedToUtc(day, `${String(OFFER_HOURS.from).padStart(2, "0")}:00`, this.o.timeZone);
  }

  async scan(businessId: string, now: Date): Promise<ScanResult> {
    const { prisma, log } = this.o;
    const morning = this.quietUntil(now);
    if (morning) return { offered: [], morning };
    const holdMs = this.o.holdMinutes * 60_000;
    const heldUntil = new Date(now.getTime() + holdMs);
    const offered = await prisma.$transaction(async (tx) => {
      const biz = await tx.$queryRaw<{ timeZone: string }[]>`SELECT "timeZone" FROM "Business" WHERE id = ${businessId} FOR UPDATE`;
      if (!biz.length) return [];
      const today = zonedParts(now, biz[0].timeZone).date;
      // A day that has passed ends its entries.
      await tx.waitlistEntry.updateMany({ where: { businessId, status: "waiting", date: { lt: today } }, data: { status: "ended" } });
      const entries = await tx.waitlistEntry.findMany({
        where: { businessId, status: "waiting" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      if (!entries.length) return [];
      const open = await tx.waitlistOffer.findMany({
        where: { status: "open", heldUntil: { gt: now }, entry: { OR: [{ conversationId: { in: entries.map((e) => e.conversationId) } }, { contactPhone: { in: entries.flatMap((e) => (e.contactPhone ? [e.contactPhone] : [])) } }] } },
        select: { entry: { select: { conversationId: true, contactPhone: true } } },
      });
      // One open offer per customer at a time (the same chat, or the same phone in another chat).
      const busyWho = new Set(open.flatMap((o) => [o.entry.conversationId, ...(o.entry.contactPhone ? [o.entry.contactPhone] : [])]));
      const before = await tx.waitlistOffer.findMany({ where: { entryId: { in: entries.map((e) => e.id) } }, select: { entryId: true, start: true } });
      const wasOffered = new Set(before.map((b) => `${b.entryId}|${b.start.getTime()}`));
      const inputs = new Map<string, AvailabilityInput | null>();
      const made: { id: string; heldUntil: Date }[] = [];
      for (const e of entries) {
        if (busyWho.has(e.conversationId) || (e.contactPhone && busyWho.has(e.contactPhone))) continue;
        if (!inputs.has(e.serviceId)) inputs.set(e.serviceId, await availabilityInput(prismaSql(tx), e.serviceId, now));
        const input = inputs.get(e.serviceId);
        if (!input) continue;
        // Too late to be useful: a place must still be bookable when the hold ends.
        const slot = freeSlots(input, e.date).find((s) =>
          s.start.getTime() >= heldUntil.getTime() + input.minNoticeMin * 60_000
          && inWindow({ fromMin: e.fromMin, toMin: e.toMin }, parseHm(s.time))
          && !wasOffered.has(`${e.id}|${s.start.getTime()}`));
        if (!slot) continue;
        const row = await tx.waitlistOffer.create({
          data: { entryId: e.id, businessId, serviceId: e.serviceId, start: slot.start, end: slot.end, heldUntil, createdAt: now },
          select: { id: true },
        });
        // The hold is busy for everyone after this customer, in this same look too.
        for (const other of inputs.values()) other?.busy.push({ start: slot.start, end: slot.end });
        busyWho.add(e.conversationId);
        if (e.contactPhone) busyWho.add(e.contactPhone);
        made.push({ id: row.id, heldUntil });
      }
      return made;
    }, { maxWait: 10_000, timeout: 60_000 });
    if (offered.length) log.info({ business: businessId, offers: offered.length }, "freed places offered to the waiting list");
    return { offered };
  }

  /** Ends a hold whose time is over (silence): true when this call ended it. */
  async expire(offerId: string, now: Date): Promise<{ businessId: string } | null> {
    const { prisma } = this.o;
    const rows = await prisma.$queryRaw<{ businessId: string }[]>`
      UPDATE "WaitlistOffer" SET status = 'expired', "updatedAt" = now()
      WHERE id = ${offerId} AND status = 'open' AND "heldUntil" <= ${new Date(now.getTime() + 1000)}
      RETURNING "businessId"`;
    return rows[0] ?? null;
  }

  /** Holds whose time is over, for the sweep (the hold-end job may have been lost with a process). */
  async overdue(now: Date, limit = 200): Promise<string[]> {
    const rows = await this.o.prisma.waitlistOffer.findMany({ where: { status: "open", heldUntil: { lte: now } }, select: { id: true }, take: limit });
    return rows.map((r) => r.id);
  }

  /** Businesses with someone waiting, for the sweep. */
  async waitingBusinesses(): Promise<string[]> {
    const rows = await this.o.prisma.waitlistEntry.findMany({ where: { status: "waiting" }, distinct: ["businessId"], select: { businessId: true } });
    return rows.map((r) => r.businessId);
  }

  /** Offers whose message was not sent (a process stopped in between), for the sweep. */
  async unsent(now: Date, staleMs: number): Promise<string[]> {
    const rows = await this.o.prisma.waitlistOffer.findMany({
      where: {
        status: "open",
        OR: [
          { notice: "queued", createdAt: { lte: new Date(now.getTime() - staleMs) } },
          { notice: "sending", noticeAt: { lte: new Date(now.getTime() - staleMs) } },
        ],
      },
      select: { id: true },
      take: 200,
    });
    return rows.map((r) => r.id);
  }
}
