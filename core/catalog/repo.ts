import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BusinessInfo, CatalogPort, CategoryInfo, ServiceInfo } from "./port.ts";
import type { OpeningHours } from "../availability/types.ts";
import { EntityIndex } from "./entity-index.ts";

type BusinessRow = Awaited<ReturnType<PrismaClient["business"]["findFirst"]>> & {};

/** Maps a Business row to what the dialogs see. */
export function toBusinessInfo(b: NonNullable<BusinessRow>): BusinessInfo {
  return {
    id: b.id, slug: b.slug, name: b.name, categoryId: b.categoryId, city: b.city, address: b.address,
    phone: b.phone, timeZone: b.timeZone, openingHours: b.openingHours as OpeningHours,
    cancelWindowHours: b.cancelWindowHours, lateToleranceMin: b.lateToleranceMin, slotStepMin: b.slotStepMin,
    paymentMode: b.paymentMode, depositLek: b.depositLek, aliases: b.aliases,
  };
}

/**
 * The catalog from the database, cached in memory with the entity index (names and aliases) built from
 * it. Both are kept until the catalog changes: at most once a second (`checkMs`) a read asks the
 * database for the row counts and the latest `updatedAt` of categories, businesses and services, one
 * cheap query that every instance makes for itself, so a change made anywhere (the seed, an admin, a
 * test) is seen everywhere within a second. `invalidate()` drops everything at once (this instance).
 */
export class CatalogRepo implements CatalogPort {
  private cache = new Map<string, unknown>();
  private index: Promise<EntityIndex> | undefined;
  private version: string | undefined;
  private checkedAt = 0;
  private readonly checkMs: number;

  constructor(private readonly prisma: PrismaClient, opts: { checkMs?: number } = {}) {
    this.checkMs = opts.checkMs ?? 1000;
  }

  /** Forgets the cached catalog and index: the next read loads them again. */
  invalidate(): void {
    this.cache.clear();
    this.index = undefined;
    this.version = undefined;
    this.checkedAt = 0;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.checkMs) return;
    this.checkedAt = Date.now();
    const rows = await this.prisma.$queryRaw<{ v: string }[]>`
      SELECT concat_ws('|',
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Category"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Business"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Service")) AS v`;
    const version = rows[0]?.v ?? "";
    if (version !== this.version) {
      this.cache.clear();
      this.index = undefined;
      this.version = version;
    }
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    await this.fresh();
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = await load();
    this.cache.set(key, value);
    return value;
  }

  /** The entity index of the current catalog (rebuilt after a change). */
  async entities(): Promise<EntityIndex> {
    await this.fresh();
    this.index ??= (async () => {
      const [categories, businesses, services] = await Promise.all([
        this.categories(),
        this.prisma.business.findMany({ orderBy: [{ city: "asc" }, { name: "asc" }] }),
        this.prisma.service.findMany({
          orderBy: [{ sort: "asc" }, { nameSq: "asc" }],
          select: { id: true, businessId: true, nameSq: true, nameEn: true, durationMin: true, priceLek: true, aliases: true },
        }),
      ]);
      return new EntityIndex({ categories, businesses: businesses.map(toBusinessInfo), services });
    })();
    const index = this.index;
    return index.catch((err) => {
      if (this.index === index) this.index = undefined;
      throw err;
    });
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
