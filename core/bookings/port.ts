import type { BusinessInfo, ServiceInfo } from "../catalog/port.ts";

/** A saved booking as the dialog shows it. */
export interface BookingInfo {
  id: string;
  ref: string;
  start: Date;
  end: Date;
  status: string;
  priceLek: number;
  business: BusinessInfo;
  service: ServiceInfo;
}

/** Details of the person booking. */
export interface ContactDetails {
  name: string;
  /** Empty when the customer booked without one. */
  email: string;
  phone: string;
}

/** Input of a booking request. */
export interface BookRequest {
  serviceId: string;
  start: Date;
  contact: ContactDetails;
  channel: string;
  conversationId: string;
  /** One booking per key, whatever the retries. */
  requestKey: string;
  lang: "sq" | "en";
  now: Date;
  /** A place held for this customer (an accepted waitlist offer): not counted as busy for this booking. */
  hold?: string;
  /**
   * The conversation as the turn that books found it, when that turn ran from an instance's copy
   * without loading it: the booking is made only while the conversation is still at this version and
   * this chat's, and the chat is within its rate limit. Otherwise nothing is written and
   * {@link ConversationMoved} is thrown (the turn then runs again on the loaded conversation).
   */
  asOf?: ConversationAsOf;
}

/** What a booking made from a turn run on a copy checks of its conversation (see {@link BookRequest.asOf}). */
export interface ConversationAsOf {
  version: number;
  /** The chat's id on its channel (an erasure changes it for SMS and WhatsApp). */
  externalId: string;
  /** The chat's rate-limit counter (its key, now in epoch ms) and the messages it may send in a window. */
  limit: { key: string; now: number; points: number };
}

/** A booking asked for as of a conversation that has changed since (see {@link BookRequest.asOf}): nothing was written. */
export class ConversationMoved extends Error {
  constructor() {
    super("the conversation changed since the turn's copy of it");
    this.name = "ConversationMoved";
  }
}

/**
 * Result of a booking request: `too_soon` when the time was free but is now closer than the business's
 * notice allows (it was shown a moment before the boundary), `slot_taken` when no place is left.
 */
export type BookResult = { ok: true; booking: BookingInfo } | { ok: false; reason: "slot_taken" } | { ok: false; reason: "too_soon"; noticeMin: number };

/** Writing bookings. */
export interface BookingsPort {
  book(req: BookRequest): Promise<BookResult>;
  /** Details the customer gave last time on this conversation, to offer them again. */
  lastContact(conversationId: string): Promise<ContactDetails | null>;
}

/** A refund of a cancelled booking's card payment, as "rezervimet e mia" shows it. */
export interface RefundLine {
  ref: string;
  businessName: string;
  amountLek: number;
  /** "refunded" once Stripe confirmed it, "refunding" while it is being retried. */
  status: "refunded" | "refunding";
}

/** A booking the customer manages, with what the business sees. */
export interface ManagedBooking extends BookingInfo {
  lateMinutes: number | null;
  customerConfirmedAt: Date | null;
  /** "on_site" | "paid" | "deposit_paid" | "refunded" (what was paid online, if anything). */
  paymentStatus?: string;
}

/** What cancelling a booking now would cost. */
export interface CancelTerms {
  /** True when the booking starts within the business's free-cancellation window. */
  insideWindow: boolean;
  windowHours: number;
  paymentMode: string;
  depositLek: number | null;
  paymentStatus: string;
  /** Lek paid online by card for this booking (0 when nothing was paid online). */
  paidLek: number;
}

/** A refund made (or still being made) because a paid booking was cancelled in time. */
export interface RefundInfo {
  amountLek: number;
  /** False while Stripe has not confirmed it yet (it is retried until it has). */
  done: boolean;
}

/** Gives back online payments of cancelled bookings (card payments, when they are on). */
export interface RefundPort {
  /** Refunds the payments of a cancelled booking marked "refunding"; true when all were refunded. */
  refundCancelled(bookingId: string, now: Date): Promise<boolean>;
  /** Closes the payment pages of a booking let go before it was paid, so they take no money for it. */
  closeUnpaid?(bookingId: string, now: Date): Promise<void>;
}

/** Result of a change to a booking. */
export type ManageResult<T = object> =
  | ({ ok: true; booking: ManagedBooking } & T)
  | { ok: false; reason: "not_found" | "past" | "slot_taken" | "needs_confirmation" | "not_cancellable" }
  /** The new time was free a moment ago but is now closer than the business's notice. */
  | { ok: false; reason: "too_soon"; noticeMin: number };

/** Seeing, moving and cancelling bookings; identity checks; reminder preferences. */
export interface ManagePort {
  /** Upcoming bookings this conversation may manage (made in it, or of a phone/email it has proven). */
  upcoming(conversationId: string, now: Date): Promise<ManagedBooking[]>;
  /** One booking, when this conversation may manage it. */
  get(conversationId: string, bookingId: string, now: Date): Promise<ManagedBooking | null>;
  /** Sends a one-time code to a phone or email; false when it cannot be sent. */
  startVerification(conversationId: string, target: string, lang: "sq" | "en", now: Date): Promise<{ ok: true; kind: "phone" | "email" } | { ok: false; reason: "invalid" | "unreachable" | "too_many" }>;
  /** Sends a new code to the target of the code this conversation is waiting for ("I didn't get it"). */
  resendVerification(conversationId: string, lang: "sq" | "en", now: Date): Promise<{ ok: true; kind: "phone" | "email" } | { ok: false; reason: "invalid" | "unreachable" | "too_many" | "expired" }>;
  /** Checks a code typed by the customer. */
  checkVerification(conversationId: string, code: string, now: Date): Promise<"ok" | "wrong" | "expired" | "locked">;
  reschedule(conversationId: string, bookingId: string, start: Date, now: Date): Promise<ManageResult>;
  cancelTerms(booking: ManagedBooking, now: Date): CancelTerms;
  /** Cancels; inside the window only with `acceptFee`. */
  cancel(conversationId: string, bookingId: string, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms; refund?: RefundInfo }>>;
  /** Marks a booking of this conversation as confirmed by the customer ("I'll be there"); false when it may not. */
  confirmComing(conversationId: string, bookingId: string, now: Date): Promise<boolean>;
  /** Records minutes late and tells the business. */
  runningLate(conversationId: string, bookingId: string, minutes: number, now: Date): Promise<ManageResult<{ businessNotified: boolean }>>;
  /** Link to the booking's calendar file (.ics). */
  icsLink(booking: { id: string; ref: string; start: Date }): string;
  /** Card refunds of this chat's cancelled bookings in the last 30 days: made, or still on their way. */
  refundLines(conversationId: string, now: Date): Promise<RefundLine[]>;
  /** The conversation customer's reminder channels: current choice and what can be chosen. */
  notifyChannels(conversationId: string): Promise<{ current: string[]; available: string[] } | null>;
  setNotifyChannels(conversationId: string, channels: string[]): Promise<boolean>;
}
