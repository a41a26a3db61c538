import type { OpeningHours } from "../../../core/availability/types.ts";
import { EntityIndex } from "../../../core/catalog/entity-index.ts";
import type { BusinessInfo, CatalogPort, CategoryInfo, ServiceInfo } from "../../../core/catalog/port.ts";
import type { CatalogSeed } from "../../../core/catalog/seed.ts";
import { demoCatalog } from "../../../prisma/seed/catalog.ts";

/** A business with the booking rules the slot maths needs (kept by the catalog row in the database). */
export interface MemoryBusiness extends BusinessInfo {
  closedDates: string[];
  slotStepMin: number;
  capacity: number;
  minNoticeMin: number;
  horizonDays: number;
}

/**
 * The catalog port over a seed held in memory (the demo catalog by default): ids are the slugs and
 * services `<business slug>/<n>`, ordered as the database repository orders them (categories by sort,
 * businesses by city then name, services in seed order).
 */
export class MemoryCatalog implements CatalogPort {
  private readonly cats: CategoryInfo[];
  private readonly bizs: MemoryBusiness[];
  private readonly svcs: ServiceInfo[];
  private index: EntityIndex | undefined;

  constructor(seed: CatalogSeed = demoCatalog) {
    this.cats = [...seed.categories]
      .sort((a, b) => a.sort - b.sort || a.nameSq.localeCompare(b.nameSq))
      .map((c) => ({ id: c.slug, slug: c.slug, nameSq: c.nameSq, nameEn: c.nameEn, aliases: c.aliases ?? [] }));
    this.bizs = seed.businesses
      .map((b) => ({
        id: b.slug, slug: b.slug, name: b.name, categoryId: b.category, city: b.city, address: b.address, phone: b.phone,
        timeZone: "Europe/Tirane", openingHours: b.openingHours as OpeningHours, cancelWindowHours: b.cancelWindowHours,
        lateToleranceMin: b.lateToleranceMin, paymentMode: b.paymentMode, depositLek: b.depositLek ?? null, aliases: b.aliases ?? [],
        closedDates: b.closedDates, slotStepMin: b.slotStepMin, capacity: b.capacity, minNoticeMin: b.minNoticeMin, horizonDays: b.horizonDays,
      }))
      .sort((a, b) => (a.city < b.city ? -1 : a.city > b.city ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.svcs = seed.businesses.flatMap((b) => b.services.map((s, i) => ({
      id: `${b.slug}/${i}`, businessId: b.slug, nameSq: s.nameSq, nameEn: s.nameEn, durationMin: s.durationMin, priceLek: s.priceLek, aliases: s.aliases ?? [],
    })));
  }

  async categories(): Promise<CategoryInfo[]> {
    return this.cats;
  }

  async businesses(categoryId: string): Promise<BusinessInfo[]> {
    return this.bizs.filter((b) => b.categoryId === categoryId);
  }

  async business(idOrSlug: string): Promise<MemoryBusiness | null> {
    return this.bizs.find((b) => b.id === idOrSlug || b.slug === idOrSlug) ?? null;
  }

  async services(businessId: string): Promise<ServiceInfo[]> {
    return this.svcs.filter((s) => s.businessId === businessId);
  }

  async service(id: string): Promise<ServiceInfo | null> {
    return this.svcs.find((s) => s.id === id) ?? null;
  }

  async entities(): Promise<EntityIndex> {
    this.index ??= new EntityIndex({ categories: this.cats, businesses: this.bizs, services: this.svcs });
    return this.index;
  }

  /** A service by its business's slug and its Albanian name (for setting up a test). */
  serviceNamed(businessSlug: string, nameSq: string): ServiceInfo {
    const s = this.svcs.find((x) => x.businessId === businessSlug && x.nameSq === nameSq);
    if (!s) throw new Error(`no service "${nameSq}" at ${businessSlug}`);
    return s;
  }
}
