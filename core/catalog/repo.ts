import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BusinessInfo, CatalogPort, CategoryInfo, ServiceInfo } from "./port.ts";
import type { OpeningHours } from "../availability/types.ts";

type BusinessRow = Awaited<ReturnType<PrismaClient["business"]["findFirst"]>> & {};

/** Maps a Business row to what the dialogs see. */
export function toBusinessInfo(b: NonNullable<BusinessRow>): BusinessInfo {
  return {
    id: b.id, slug: b.slug, name: b.name, categoryId: b.categoryId, city: b.city, address: b.address,
    phone: b.phone, timeZone: b.timeZone, openingHours: b.openingHours as OpeningHours,
    cancelWindowHours: b.cancelWindowHours, lateToleranceMin: b.lateToleranceMin,
    paymentMode: b.paymentMode, depositLek: b.depositLek, aliases: b.aliases,
  };
}

const CACHE_MS = 30_000;

/**
 * The catalog from the database. The catalog changes rarely, so reads are cached for 30 s per process
 * (bookings and availability are never cached).
 */
export class CatalogRepo implements CatalogPort {
  private cache = new Map<string, { at: number; value: unknown }>();
  constructor(private readonly prisma: PrismaClient) {}

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as T;
    const value = await load();
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  categories(): Promise<CategoryInfo[]> {
    return this.cached("cats", () =>
      this.prisma.category.findMany({ orderBy: [{ sort: "asc" }, { nameSq: "asc" }], select: { id: true, slug: true, nameSq: true, nameEn: true, aliases: true } }),
    );
  }

  businesses(categoryId: string): Promise<BusinessInfo[]> {
    return this.cached(`bizIn:${categoryId}`, async () =>
      (await this.prisma.business.findMany({ where: { categoryId }, orderBy: [{ city: "asc" }, { name: "asc" }] })).map(toBusinessInfo),
    );
  }

  business(idOrSlug: string): Promise<BusinessInfo | null> {
    if (!idOrSlug) return Promise.resolve(null);
    return this.cached(`biz:${idOrSlug}`, async () => {
      const b = await this.prisma.business.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } });
      return b ? toBusinessInfo(b) : null;
    });
  }

  services(businessId: string): Promise<ServiceInfo[]> {
    return this.cached(`svcs:${businessId}`, () =>
      this.prisma.service.findMany({
        where: { businessId },
        orderBy: [{ sort: "asc" }, { nameSq: "asc" }],
        select: { id: true, businessId: true, nameSq: true, nameEn: true, durationMin: true, priceLek: true, aliases: true },
      }),
    );
  }

  service(id: string): Promise<ServiceInfo | null> {
    if (!id) return Promise.resolve(null);
    return this.cached(`svc:${id}`, () =>
      this.prisma.service.findUnique({
        where: { id },
        select: { id: true, businessId: true, nameSq: true, nameEn: true, durationMin: true, priceLek: true, aliases: true },
      }),
    );
  }
}
