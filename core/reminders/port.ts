import type { CancelTerms, ManagedBooking, ManageResult, RefundInfo } from "../bookings/port.ts";

/**
 * Whose reminded bookings an answer may act on: the phone of an SMS or WhatsApp sender (the carrier vouches
 * for it), or, in a chat (Telegram, the web chat, Teams), the bookings made in that chat, whose reminders
 * went there.
 */
export type ReminderOwner = { phone: string } | { conversationId: string };

/** A booking of a phone (or a chat) that got a reminder it can answer. */
export interface RemindedBooking {
  bookingId: string;
  /** Not started yet and still holding its place. */
  upcoming: boolean;
}

/**
 * What the reminder answers read and change: only the owner's bookings (see {@link ReminderOwner}: the
 * sender of an SMS or WhatsApp message has proven that phone; a chat holds the bookings made in it).
 */
export interface ReminderAnswersPort {
  /** The owner's bookings that got a reminder it can answer, starting within the last two days or later; newest reminder first. */
  reminded(owner: ReminderOwner, now: Date): Promise<RemindedBooking[]>;
  /** Those of `ids` that are the owner's (contact phone, or made in the chat), soonest first. */
  bookings(owner: ReminderOwner, ids: string[]): Promise<ManagedBooking[]>;
  /** Marks the booking as confirmed by the customer. */
  confirmAttendance(bookingId: string, now: Date): Promise<boolean>;
  cancelTerms(booking: ManagedBooking, now: Date): CancelTerms;
  /** Cancels a booking known to be the caller's; inside the window only with `acceptFee`. */
  cancelBooking(booking: ManagedBooking, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms; refund?: RefundInfo }>>;
}
