import type { PrivacyPort } from "../core/privacy/port.ts";
import type { AvailabilityPort } from "../core/availability/port.ts";
import type { BookingsPort, ManagePort } from "../core/bookings/port.ts";
import type { CatalogPort } from "../core/catalog/port.ts";
import type { NluPort } from "../core/nlu/port.ts";
import type { PaymentsPort } from "../core/payments/port.ts";
import type { TicketsPort } from "../core/tickets/port.ts";
import type { WaitlistPort } from "../core/waitlist/port.ts";

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
