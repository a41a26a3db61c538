import type { BookingInfo, ContactDetails } from "../bookings/port.ts";
import type { TimeWindow } from "./window.ts";

/** A waiting-list entry as the dialogs show it. */
export interface WaitlistEntryInfo {
  id: string;
  /** Local date YYYY-MM-DD in the business's zone. */
  date: string;
  window: TimeWindow;
  status: string;
  business: { id: string; name: string; timeZone: string };
  service: { id: string; nameSq: string; nameEn: string };
}

/** What joining needs: the day, the part of it, and the contact details (complete). */
export interface JoinRequest {
  conversationId: string;
  serviceId: string;
  date: string;
  window: TimeWindow;
  contact: ContactDetails;
  lang: "sq" | "en";
  now: Date;
}

/** What the customer booked before, to book the same again. */
export interface AgainTarget {
  categoryId: string;
  businessId: string;
  serviceId: string;
  /** The details given for that booking, so only the day and time are asked. */
  contact: Partial<ContactDetails>;
}

/** The waiting list, as the dialogs call it. */
export interface WaitlistPort {
  /** Minutes a freed place is held for the customer it is offered to. */
  readonly holdMinutes: number;
  /** Joins (or, for the same service and day, changes the part of the day while keeping the place in line). */
  join(req: JoinRequest): Promise<{ ok: true; entry: WaitlistEntryInfo } | { ok: false; reason: "past" | "unknown" }>;
  /** The entries this conversation is waiting on, earliest day first. */
  entries(conversationId: string, now: Date): Promise<WaitlistEntryInfo[]>;
  entry(conversationId: string, entryId: string): Promise<WaitlistEntryInfo | null>;
  /** Leaves the list; an open offer of that entry is given up (offered to the next in line). */
  leave(conversationId: string, entryId: string, now: Date): Promise<boolean>;
  /** Contact details this conversation gave before (a booking or a waiting-list entry), as far as known. */
  knownContact(conversationId: string): Promise<Partial<ContactDetails>>;
  /** Bookings of this conversation that have passed (or were cancelled), newest first. */
  pastBookings(conversationId: string, now: Date, n: number): Promise<BookingInfo[]>;
  /** The business and service of a booking this conversation may see (the newest when no id). */
  again(conversationId: string, bookingId: string | undefined, now: Date): Promise<AgainTarget | null>;
}
