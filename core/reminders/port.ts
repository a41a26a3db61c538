import type { CancelTerms, ManagedBooking, ManageResult, RefundInfo } from "../bookings/port.ts";

/** A booking of a phone that got an SMS/WhatsApp reminder. */
export interface RemindedBooking {
  bookingId: string;
  /** Not started yet and still holding its place. */
  upcoming: boolean;
}

/**
 * What the reminder answers read and change: only bookings whose contact phone is the sender's (the
 * sender of an SMS or WhatsApp message has proven that phone).
 */
export interface ReminderAnswersPort {
  /** Bookings of the phone that got a text reminder, starting within the last two days or later; newest reminder first. */
  reminded(phone: string, now: Date): Promise<RemindedBooking[]>;
  /** Those of `ids` whose contact phone is `phone`, soonest first. */
  bookings(phone: string, ids: string[]): Promise<ManagedBooking[]>;
  /** Marks the booking as confirmed by the customer. */
  confirmAttendance(bookingId: string, now: Date): Promise<boolean>;
  cancelTerms(booking: ManagedBooking, now: Date): CancelTerms;
  /** Cancels a booking known to be the caller's; inside the window only with `acceptFee`. */
  cancelBooking(booking: ManagedBooking, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms; refund?: RefundInfo }>>;
}
