import type { OpeningHours, Slot } from "../core/availability/types.ts";

/** A category as the dialog shows it. */
export interface CategoryInfo {
  id: string;
  slug: string;
  nameSq: string;
  nameEn: string;
}

/** A business as the dialog shows it. */
export interface BusinessInfo {
  id: string;
  slug: string;
  name: string;
  categoryId: string;
  city: string;
  address: string;
  phone: string;
  timeZone: string;
  openingHours: OpeningHours;
  cancelWindowHours: number;
  lateToleranceMin: number;
  paymentMode: string;
  depositLek: number | null;
}

/** A service as the dialog shows it. */
export interface ServiceInfo {
  id: string;
  businessId: string;
  nameSq: string;
  nameEn: string;
  durationMin: number;
  priceLek: number;
}

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

/** The catalog, read-only. */
export interface CatalogPort {
  categories(): Promise<CategoryInfo[]>;
  businesses(categoryId: string): Promise<BusinessInfo[]>;
  business(idOrSlug: string): Promise<BusinessInfo | null>;
  services(businessId: string): Promise<ServiceInfo[]>;
  service(id: string): Promise<ServiceInfo | null>;
}

/** Free days and slots of a service, from the database's bookings. */
export interface AvailabilityPort {
  days(serviceId: string, now: Date, max: number): Promise<{ date: string; count: number }[]>;
  slots(serviceId: string, date: string, now: Date): Promise<Slot[]>;
  nearest(serviceId: string, target: Date, now: Date, n: number): Promise<Slot[]>;
}

/** Details of the person booking. */
export interface ContactDetails {
  name: string;
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
}

/** Result of a booking request. */
export type BookResult = { ok: true; booking: BookingInfo } | { ok: false; reason: "slot_taken" };

/** Writing bookings. */
export interface BookingsPort {
  book(req: BookRequest): Promise<BookResult>;
  /** Details the customer gave last time on this conversation, to offer them again. */
  lastContact(conversationId: string): Promise<ContactDetails | null>;
}

/** Language understanding, optional: without it the dialog works from buttons and exact words. */
export interface NluPort {
  when(text: string, opts: { now: Date; timeZone: string; openingHours?: OpeningHours }):
    | { start: Date; hasTime: boolean; date: string; time?: string }
    | null;
  intent(text: string): { intent: string; confidence: number; category?: string; lang?: "sq" | "en"; minutes?: number } | null;
  faq(text: string, lang: "sq" | "en"): { id: string; score: number } | null;
}

/** A booking the customer manages, with what the business sees. */
export interface ManagedBooking extends BookingInfo {
  lateMinutes: number | null;
  customerConfirmedAt: Date | null;
}

/** What cancelling a booking now would cost. */
export interface CancelTerms {
  /** True when the booking starts within the business's free-cancellation window. */
  insideWindow: boolean;
  windowHours: number;
  paymentMode: string;
  depositLek: number | null;
  paymentStatus: string;
}

/** Result of a change to a booking. */
export type ManageResult<T = object> =
  | ({ ok: true; booking: ManagedBooking } & T)
  | { ok: false; reason: "not_found" | "past" | "slot_taken" | "needs_confirmation" | "not_cancellable" };

/** Seeing, moving and cancelling bookings; identity checks; reminder preferences. */
export interface ManagePort {
  /** Upcoming bookings this conversation may manage (its customer, verified phones/emails, its own phone). */
  upcoming(conversationId: string, now: Date): Promise<ManagedBooking[]>;
  /** One booking, when this conversation may manage it. */
  get(conversationId: string, bookingId: string, now: Date): Promise<ManagedBooking | null>;
  /** Sends a one-time code to a phone or email; false when it cannot be sent. */
  startVerification(conversationId: string, target: string, lang: "sq" | "en", now: Date): Promise<{ ok: true; kind: "phone" | "email" } | { ok: false; reason: "invalid" | "unreachable" | "too_many" }>;
  /** Checks a code typed by the customer. */
  checkVerification(conversationId: string, code: string, now: Date): Promise<"ok" | "wrong" | "expired" | "locked">;
  reschedule(conversationId: string, bookingId: string, start: Date, now: Date): Promise<ManageResult>;
  cancelTerms(booking: ManagedBooking, now: Date): CancelTerms;
  /** Cancels; inside the window only with `acceptFee`. */
  cancel(conversationId: string, bookingId: string, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms }>>;
  /** Records minutes late and tells the business. */
  runningLate(conversationId: string, bookingId: string, minutes: number, now: Date): Promise<ManageResult<{ businessNotified: boolean }>>;
  /** Link to the booking's calendar file (.ics). */
  icsLink(booking: { id: string; ref: string; start: Date }): string;
  /** The conversation customer's reminder channels: current choice and what can be chosen. */
  notifyChannels(conversationId: string): Promise<{ current: string[]; available: string[] } | null>;
  setNotifyChannels(conversationId: string, channels: string[]): Promise<boolean>;
}

/** A support ticket as the dialog shows it. */
export interface TicketSummary {
  id: string;
  number: number;
  /** "T-1042" */
  label: string;
  kind: string;
  /** "open" | "taken" | "closed" */
  status: string;
  description: string;
  closedAt: Date | null;
  /** Until when a closed ticket reopens when the customer writes to it (null unless closed). */
  reopenUntil: Date | null;
}

/** A booking a complaint can be about. */
export interface TicketBookingOption {
  id: string;
  ref: string;
  start: Date;
  serviceSq: string;
  serviceEn: string;
  businessName: string;
  timeZone: string;
}

/** Support tickets. */
export interface TicketsPort {
  /** The bookings this conversation may see (made in it or of a proven phone/email), newest first. */
  bookingsFor(conversationId: string, now: Date): Promise<TicketBookingOption[]>;
  open(req: { conversationId: string; kind: string; description: string; bookingId?: string | null; customerName?: string | null; now: Date }): Promise<TicketSummary>;
  /** This conversation's open (or taken) tickets, then those closed recently enough to be reopened. */
  listRecent(conversationId: string, now: Date): Promise<TicketSummary[]>;
  /** A ticket of this conversation; null for another conversation's ticket. */
  get(conversationId: string, ticketId: string): Promise<TicketSummary | null>;
  /** The customer closes a ticket; null when it was not open (or not this conversation's). */
  close(conversationId: string, ticketId: string, now: Date): Promise<TicketSummary | null>;
  /** The customer writes to a closed ticket within its reopen window: reopened; null when too late. */
  reopen(conversationId: string, ticketId: string, text: string, now: Date): Promise<TicketSummary | null>;
}

/** A payment link for a booking held until it is paid. */
export type CheckoutResult =
  | { ok: true; url: string; kind: "full" | "deposit"; amountLek: number; holdMinutes: number }
  /** The online payment could not start: the booking was released (or was no longer waiting for payment). */
  | { ok: false; reason: "unavailable" | "not_pending" };

/** Online card payments (Stripe Checkout); present only when they are configured. */
export interface PaymentsPort {
  /** The payment page for a "pending_payment" booking (the same page on retries). */
  checkout(bookingId: string, lang: "sq" | "en", now: Date): Promise<CheckoutResult>;
}

/** Everything the dialogs may call. Areas add their own ports here. */
export interface DialogServices {
  catalog: CatalogPort;
  availability: AvailabilityPort;
  bookings: BookingsPort;
  nlu?: NluPort;
  tickets?: TicketsPort;
  manage?: ManagePort;
  payments?: PaymentsPort;
  [area: string]: unknown;
}
