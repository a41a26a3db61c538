import type { GuardedCalls, ServiceReads } from "../core/conversation/readonly.ts";
import type { PrivacyPort } from "../core/privacy/port.ts";
import type { AvailabilityPort } from "../core/availability/port.ts";
import type { BookingsPort, BookRequest, ManagePort } from "../core/bookings/port.ts";
import type { CatalogPort } from "../core/catalog/port.ts";
import type { NluPort } from "../core/nlu/port.ts";
import type { PaymentsPort } from "../core/payments/port.ts";
import type { TicketsPort } from "../core/tickets/port.ts";
import type { WaitlistPort } from "../core/waitlist/port.ts";

/**
 * The calls of {@link DialogServices} that only read: a turn run from the instance's copy of a
 * conversation (without loading it) may make these and no others; any other call sends the turn back to
 * run on the loaded conversation. A new read belongs here; a call missing from the list is only slower.
 */
export const DIALOG_READS: ServiceReads = {
  catalog: "*",
  availability: "*",
  nlu: "*",
  bookings: ["lastContact"],
  manage: ["upcoming", "get", "cancelTerms", "icsLink", "refundLines", "notifyChannels"],
  tickets: ["staffDesk", "bookingsFor", "listRecent", "get"],
  waitlist: ["entries", "entry", "knownContact", "pastBookings", "again"],
  privacy: ["exportLink"],
};

/**
 * The writes of {@link DialogServices} that a turn run from a copy may make: the booking of the confirming
 * turn checks, in the transaction that writes it, that the conversation is still as the copy has it (its
 * version, its chat, room in its rate limit), and writes nothing otherwise (BookRequest.asOf).
 */
export const DIALOG_GUARDED: GuardedCalls = {
  bookings: {
    book: ([req], copyOf) => {
      const r = req as BookRequest;
      const seen = copyOf(r.conversationId);
      return seen && [{ ...r, asOf: seen } satisfies BookRequest];
    },
  },
};

/** Everything the dialogs may call. Areas add their own ports here. */
export interface DialogServices {
  catalog: CatalogPort;
  availability: AvailabilityPort;
  bookings: BookingsPort;
  nlu?: NluPort;
  tickets?: TicketsPort;
  manage?: ManagePort;
  payments?: PaymentsPort;
  privacy?: PrivacyPort;
  waitlist?: WaitlistPort;
  [area: string]: unknown;
}
