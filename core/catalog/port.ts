import type { OpeningHours } from "../availability/types.ts";
import type { EntityIndex } from "./entity-index.ts";

/** A category as the dialog shows it. */
export interface CategoryInfo {
  id: string;
  slug: string;
  nameSq: string;
  nameEn: string;
  /** Other words customers use for it (data, not code). */
  aliases: string[];
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
  /** Bookings start every this many minutes from each opening interval's open time. */
  slotStepMin: number;
  paymentMode: string;
  depositLek: number | null;
  /** Other names customers use for it. */
  aliases: string[];
}

/** A service as the dialog shows it. */
export interface ServiceInfo {
  id: string;
  businessId: string;
  nameSq: string;
  nameEn: string;
  durationMin: number;
  priceLek: number;
  /** Other words customers use for it ("qethje" for a haircut). */
  aliases: string[];
}

/** The catalog, read-only. */
export interface CatalogPort {
  categories(): Promise<CategoryInfo[]>;
  businesses(categoryId: string): Promise<BusinessInfo[]>;
  business(idOrSlug: string): Promise<BusinessInfo | null>;
  services(businessId: string): Promise<ServiceInfo[]>;
  service(id: string): Promise<ServiceInfo | null>;
  /** The catalog's names and aliases, to recognise businesses, services and categories in any message. */
  entities(): Promise<EntityIndex>;
}
