import { HOLDING_STATUSES, tooSoon } from "../../../core/availability/service.ts";
import { freeDays, freeSlots, nearestSlots } from "../../../core/availability/slots.ts";
import type { AvailabilityInput, Slot } from "../../../core/availability/types.ts";
import type { AvailabilityPort } from "../../../core/availability/port.ts";
import { zonedParts } from "../../../core/clock.ts";
import type {
  BookingInfo, BookingsPort, BookRequest, BookResult, CancelTerms, ContactDetails, ManagedBooking, ManagePort, ManageResult,
} from "../../../core/bookings/port.ts";
import { newBookingRef } from "../../../core/bookings/ref.ts";
import type { MemoryCatalog } from "./catalog.ts";

/** A booking as the in-memory store keeps it. */
export interface MemoryBooking extends ManagedBooking {
  conversationId: string;
  contact: ContactDetails;
  requestKey: string;
  createdAt: number;
}

/**
 * Bookings in memory, shared by the availability, bookings and manage ports of one test world. A
 * conversation manages the bookings made in it (there is no proving of phones or emails here).
 */
export class MemoryBookings implements BookingsPort, AvailabilityPort, ManagePort {
  readonly all: MemoryBooking[] = [];
  private seq = 0;

  constructor(private readonly catalog: MemoryCatalog) {}

  /** The slot maths input of a service: its business's rules and the bookings holding a place. */
  private async input(serviceId: string, now: Date, without?: string): Promise<AvailabilityInput | null> {
    const s = await this.catalog.service(serviceId);
    const b = s ? await this.catalog.business(s.businessId) : null;
    if (!s || !b) return null;
    const busy = this.all
      .filter((x) => x.business.id === b.id && x.id !== without && HOLDING_STATUSES.includes(x.status) && x.end > now)
      .map((x) => ({ start: x.start, end: x.end }));
    return {
      now, timeZone: b.timeZone, openingHours: b.openingHours, closedDates: b.closedDates, durationMin: s.durationMin,
      slotStepMin: b.slotStepMin, capacity: b.capacity, minNoticeMin: b.minNoticeMin, horizonDays: b.horizonDays, busy,
    };
  }

  private async isFree(serviceId: string, start: Date, now: Date, without?: string): Promise<boolean> {
    const input = await this.input(serviceId, now, without);
    if (!input) return false;
    const date = zonedParts(start, input.timeZone).date;
    return freeSlots(input, date).some((x) => x.start.getTime() === start.getTime());
  }

  /** Why a time cannot be had, as the real services say it: now within the business's notice, else taken. */
  private async refused(serviceId: string, start: Date, now: Date): Promise<{ ok: false; reason: "slot_taken" } | { ok: false; reason: "too_soon"; noticeMin: number }> {
    const input = await this.input(serviceId, now);
    return input && tooSoon(input, start) ? { ok: false, reason: "too_soon", noticeMin: input.minNoticeMin } : { ok: false, reason: "slot_taken" };
  }

  // ---------------------------------------------------------------- AvailabilityPort

  async days(serviceId: string, now: Date, max: number) {
    const input = await this.input(serviceId, now);
    return input ? freeDays(input, max) : [];
  }

  async slots(serviceId: string, date: string, now: Date): Promise<Slot[]> {
    const input = await this.input(serviceId, now);
    return input && /^\d{4}-\d{2}-\d{2}$/.test(date) ? freeSlots(input, date) : [];
  }

  async nearest(serviceId: string, target: Date, now: Date, n: number): Promise<Slot[]> {
    const input = await this.input(serviceId, now);
    return input ? nearestSlots(input, target, n) : [];
  }

  // ---------------------------------------------------------------- BookingsPort

  async book(req: BookRequest): Promise<BookResult> {
    const again = this.all.find((x) => x.requestKey === req.requestKey);
    if (again) return { ok: true, booking: again };
    const service = await this.catalog.service(req.serviceId);
    const business = service ? await this.catalog.business(service.businessId) : null;
    if (!service || !business) return { ok: false, reason: "slot_taken" };
    if (!(await this.isFree(req.serviceId, req.start, req.now))) return this.refused(req.serviceId, req.start, req.now);
    const booking: MemoryBooking = {
      id: `b${++this.seq}`, ref: newBookingRef(), start: req.start, end: new Date(req.start.getTime() + service.durationMin * 60_000),
      status: "confirmed", priceLek: service.priceLek, business, service, lateMinutes: null, customerConfirmedAt: null,
      conversationId: req.conversationId, contact: { ...req.contact }, requestKey: req.requestKey, createdAt: this.seq,
    };
    this.all.push(booking);
    return { ok: true, booking };
  }

  async lastContact(conversationId: string): Promise<ContactDetails | null> {
    const b = this.all.filter((x) => x.conversationId === conversationId).at(-1);
    return b && b.contact.name && b.contact.email && b.contact.phone ? { ...b.contact } : null;
  }

  // ---------------------------------------------------------------- ManagePort

  /** No card payments in memory: nothing is ever refunded. */
  async refundLines(): Promise<[]> {
    return [];
  }

  async upcoming(conversationId: string, now: Date): Promise<ManagedBooking[]> {
    return this.all
      .filter((x) => x.conversationId === conversationId && HOLDING_STATUSES.includes(x.status) && x.end > now)
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .slice(0, 20);
  }

  async get(conversationId: string, bookingId: string): Promise<ManagedBooking | null> {
    return this.all.find((x) => x.id === bookingId && x.conversationId === conversationId) ?? null;
  }

  /** No SMS or mail provider in memory: a code cannot be sent, as in a chat without one. */
  async startVerification() {
    return { ok: false as const, reason: "unreachable" as const };
  }

  async resendVerification() {
    return { ok: false as const, reason: "unreachable" as const };
  }

  async checkVerification() {
    return "expired" as const;
  }

  async reschedule(conversationId: string, bookingId: string, start: Date, now: Date): Promise<ManageResult> {
    const b = this.all.find((x) => x.id === bookingId && x.conversationId === conversationId);
    if (!b || !HOLDING_STATUSES.includes(b.status)) return { ok: false, reason: "not_found" };
    if (b.start <= now) return { ok: false, reason: "past" };
    if (!(await this.isFree(b.service.id, start, now, b.id))) return this.refused(b.service.id, start, now);
    b.start = start;
    b.end = new Date(start.getTime() + b.service.durationMin * 60_000);
    b.customerConfirmedAt = null;
    b.lateMinutes = null;
    return { ok: true, booking: b };
  }

  cancelTerms(b: ManagedBooking, now: Date): CancelTerms {
    const hours = b.business.cancelWindowHours;
    return {
      insideWindow: b.start.getTime() - now.getTime() < hours * 3600_000,
      windowHours: hours, paymentMode: b.business.paymentMode, depositLek: b.business.depositLek, paymentStatus: "on_site", paidLek: 0,
    };
  }

  async cancel(conversationId: string, bookingId: string, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms }>> {
    const b = this.all.find((x) => x.id === bookingId && x.conversationId === conversationId);
    if (!b) return { ok: false, reason: "not_found" };
    if (!HOLDING_STATUSES.includes(b.status)) return { ok: false, reason: "not_cancellable" };
    if (b.start <= now) return { ok: false, reason: "past" };
    const terms = this.cancelTerms(b, now);
    if (terms.insideWindow && !opts.acceptFee) return { ok: false, reason: "needs_confirmation" };
    b.status = "cancelled";
    return { ok: true, booking: b, terms };
  }

  async runningLate(conversationId: string, bookingId: string, minutes: number, now: Date): Promise<ManageResult<{ businessNotified: boolean }>> {
    const b = this.all.find((x) => x.id === bookingId && x.conversationId === conversationId);
    if (!b || !HOLDING_STATUSES.includes(b.status)) return { ok: false, reason: "not_found" };
    if (b.end <= now) return { ok: false, reason: "past" };
    b.lateMinutes = minutes;
    return { ok: true, booking: b, businessNotified: false };
  }

  async confirmComing(conversationId: string, bookingId: string, now: Date): Promise<boolean> {
    const b = this.all.find((x) => x.id === bookingId && x.conversationId === conversationId);
    if (!b || !HOLDING_STATUSES.includes(b.status) || b.start <= now) return false;
    b.customerConfirmedAt = now;
    return true;
  }

  icsLink(booking: { ref: string }): string {
    return `/api/bookings/${encodeURIComponent(booking.ref)}/ics?token=memory`;
  }

  async notifyChannels(conversationId: string) {
    return this.all.some((x) => x.conversationId === conversationId) ? { current: [], available: ["web"] } : null;
  }

  async setNotifyChannels(conversationId: string): Promise<boolean> {
    return this.all.some((x) => x.conversationId === conversationId);
  }

  /** The booking with this reference. */
  byRef(ref: string): MemoryBooking {
    const b = this.all.find((x) => x.ref === ref);
    if (!b) throw new Error(`no booking ${ref}`);
    return b;
  }

  /** The bookings made in a conversation, oldest first. */
  of(conversationId: string): MemoryBooking[] {
    return this.all.filter((x) => x.conversationId === conversationId);
  }
}

export type { BookingInfo };
