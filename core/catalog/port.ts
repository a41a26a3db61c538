import type { OpeningHours } from "../availability/types.ts";

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

/** The catalog, read-only. */
export interface CatalogPort {
  categories(): Promise<CategoryInfo[]>;
  businesses(categoryId: string): Promise<BusinessInfo[]>;
  business(idOrSlug: string): Promise<BusinessInfo | null>;
  services(businessId: string): Promise<ServiceInfo[]>;
  service(id: string): Promise<ServiceInfo | null>;
}
