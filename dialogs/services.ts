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

/** Everything the dialogs may call. Areas add their own ports here. */
export interface DialogServices {
  catalog: CatalogPort;
  availability: AvailabilityPort;
  bookings: BookingsPort;
  nlu?: NluPort;
  [area: string]: unknown;
}
