import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { AvailabilityPort } from "./port.ts";
import { zonedParts } from "../clock.ts";
import { freeDays, freeSlots, nearestSlots } from "./slots.ts";
import type { AvailabilityInput, Busy, OpeningHours, Slot } from "./types.ts";

/** Booking statuses that hold a place. */
export const HOLDING_STATUSES = ["confirmed", "pending_payment"];

type Db = Pick<PrismaClient, "service" | "booking" | "waitlistOffer">;

/**
 * Builds the slot-maths input for a service from the database: bookings in the horizon, and places held
 * for a waiting customer (an open waitlist offer) as busy too, except the hold `exceptHold` (the one
 * being accepted).
 */
export async function availabilityInput(db: Db, serviceId: string, now: Date, opts: { exceptHold?: string } = {}): Promise<AvailabilityInput | null> {
  const service = await db.service.findUnique({ where: { id: serviceId }, include: { business: true } });
  if (!service) return null;
  const b = service.business;
  const until = new Date(now.getTime() + (b.horizonDays + 2) * 86_400_000);
  const busy: Busy[] = await db.booking.findMany({
    where: { businessId: b.id, status: { in: HOLDING_STATUSES }, end: { gt: now }, start: { lt: until } },
    select: { start: true, end: true },
  });
  const held = await db.waitlistOffer.findMany({
    where: { businessId: b.id, status: "open", heldUntil: { gt: now }, end: { gt: now }, start: { lt: until }, ...(opts.exceptHold ? { id: { not: opts.exceptHold } } : {}) },
    select: { start: true, end: true },
  });
  busy.push(...held);
  return {
    now,
    timeZone: b.timeZone,
    openingHours: b.openingHours as OpeningHours,
    closedDates: b.closedDates,
    durationMin: service.durationMin,
    slotStepMin: b.slotStepMin,
    capacity: b.capacity,
    minNoticeMin: b.minNoticeMin,
    horizonDays: b.horizonDays,
    busy,
  };
}

/** Free days and slots read from the database. */
export class AvailabilityService implements AvailabilityPort {
  constructor(private readonly prisma: PrismaClient) {}

  async days(serviceId: string, now: Date, max: number) {
    const input = await availabilityInput(this.prisma, serviceId, now);
    return input ? freeDays(input, max) : [];
  }

  async slots(serviceId: string, date: string, now: Date): Promise<Slot[]> {
    const input = await availabilityInput(this.prisma, serviceId, now);
    return input && /^\d{4}-\d{2}-\d{2}$/.test(date) ? freeSlots(input, date) : [];
  }

  async nearest(serviceId: string, target: Date, now: Date, n: number): Promise<Slot[]> {
    const input = await availabilityInput(this.prisma, serviceId, now);
    return input ? nearestSlots(input, target, n) : [];
  }
}

/** True when `start` is one of the free slots of its local day. */
export function isFree(input: AvailabilityInput, start: Date): boolean {
  const date = zonedParts(start, input.timeZone).date;
  return freeSlots(input, date).some((s) => s.start.getTime() === start.getTime());
}
