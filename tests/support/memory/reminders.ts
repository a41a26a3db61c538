import { HOLDING_STATUSES } from "../../../core/availability/service.ts";
import type { CancelTerms, ManagedBooking, ManageResult } from "../../../core/bookings/port.ts";
import type { ReminderAnswersPort, RemindedBooking, ReminderOwner } from "../../../core/reminders/port.ts";
import type { MemoryBookings } from "./bookings.ts";

/** A booking of the phone (its contact phone) or of the chat (made in it). */
const owns = (owner: ReminderOwner, b: { contact: { phone: string }; conversationId: string }) =>
  ("phone" in owner ? b.contact.phone === owner.phone : b.conversationId === owner.conversationId);

/**
 * The reminder answers' port in memory: the bookings of a world's MemoryBookings whose reminder went by
 * text (SMS/WhatsApp), matched to the sender by the booking's contact phone, as on the database.
 */
export class MemoryReminderAnswers implements ReminderAnswersPort {
  /** Ids of the bookings reminded by text, newest reminder last. */
  private readonly sent: string[] = [];

  constructor(private readonly store: MemoryBookings) {}

  /** Notes that a booking's reminder went out by text. */
  remindedBy(bookingId: string): void {
    this.sent.push(bookingId);
  }

  async reminded(owner: ReminderOwner, now: Date): Promise<RemindedBooking[]> {
    const since = now.getTime() - 2 * 86_400_000;
    return [...this.sent].reverse()
      .map((id) => this.store.all.find((b) => b.id === id)!)
      .filter((b) => owns(owner, b) && b.start.getTime() > since)
      .map((b) => ({ bookingId: b.id, upcoming: b.start > now && HOLDING_STATUSES.includes(b.status) }));
  }

  async bookings(owner: ReminderOwner, ids: string[]): Promise<ManagedBooking[]> {
    return this.store.all
      .filter((b) => ids.includes(b.id) && owns(owner, b))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  async confirmAttendance(bookingId: string, now: Date): Promise<boolean> {
    const b = this.store.all.find((x) => x.id === bookingId && HOLDING_STATUSES.includes(x.status));
    if (b) b.customerConfirmedAt = now;
    return !!b;
  }

  cancelTerms(booking: ManagedBooking, now: Date): CancelTerms {
    return this.store.cancelTerms(booking, now);
  }

  async cancelBooking(booking: ManagedBooking, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms }>> {
    const b = this.store.all.find((x) => x.id === booking.id);
    return b ? this.store.cancel(b.conversationId, b.id, now, opts) : { ok: false, reason: "not_found" };
  }
}
