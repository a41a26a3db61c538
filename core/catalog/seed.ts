import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { InputJsonValue } from "../../generated/prisma/internal/prismaNamespace.ts";
import type { OpeningHours } from "../availability/types.ts";
import type { CatalogSnapshot } from "./entity-index.ts";

/** A marketplace category; `slug` is stable and referenced by code. */
export interface CategorySeed {
  slug: string;
  nameSq: string;
  nameEn: string;
  sort: number;
  /** Other words customers use for the category ("berberi", "floktar", "qethje"); matched folded, with inflections. */
  aliases?: string[];
}

/** A bookable service of a business. */
export interface ServiceSeed {
  nameSq: string;
  nameEn: string;
  durationMin: number;
  priceLek: number;
  /** Other words customers use for the service ("qethje", "mjekër"). */
  aliases?: string[];
}

/** A business of the marketplace, with its booking rules and services. */
export interface BusinessSeed {
  slug: string;
  name: string;
  category: string;
  city: "Tiranë" | "Durrës" | "Vlorë" | "Shkodër";
  /** Street address without the city (the city is its own field). */
  address: string;
  /** E.164 */
  phone: string;
  openingHours: OpeningHours;
  closedDates: string[];
  slotStepMin: number;
  capacity: number;
  minNoticeMin: number;
  horizonDays: number;
  cancelWindowHours: number;
  lateToleranceMin: number;
  paymentMode: "on_site" | "card" | "deposit";
  depositLek?: number;
  /** Other names customers use for the business. */
  aliases?: string[];
  services: ServiceSeed[];
}

/** A catalog to load: categories and their businesses (the demo one is prisma/seed/catalog.ts). */
export interface CatalogSeed {
  categories: CategorySeed[];
  businesses: BusinessSeed[];
}

/** How many catalog rows the seed describes. */
export interface SeedCounts {
  categories: number;
  businesses: number;
  services: number;
}

/**
 * Writes a catalog (the demo one is prisma/seed/catalog.ts). Idempotent: categories and businesses are
 * upserted by slug; each business's services are replaced by the seed's list (matched by Albanian name, so services that
 * bookings point at keep their ids; a leftover service that has bookings is kept, others are deleted).
 */
export async function seedCatalog(prisma: PrismaClient, data: CatalogSeed): Promise<SeedCounts> {
  const categoryIds = new Map<string, string>();
  for (const c of data.categories) {
    const fields = { nameSq: c.nameSq, nameEn: c.nameEn, sort: c.sort, aliases: c.aliases ?? [] };
    const row = await prisma.category.upsert({
      where: { slug: c.slug },
      create: { slug: c.slug, ...fields },
      update: fields,
      select: { id: true },
    });
    categoryIds.set(c.slug, row.id);
  }

  let services = 0;
  for (const b of data.businesses) {
    const categoryId = categoryIds.get(b.category);
    if (!categoryId) throw new Error(`business ${b.slug}: unknown category ${b.category}`);
    const fields = {
      name: b.name,
      categoryId,
      city: b.city,
      address: b.address,
      phone: b.phone,
      openingHours: b.openingHours as unknown as InputJsonValue,
      closedDates: b.closedDates,
      slotStepMin: b.slotStepMin,
      capacity: b.capacity,
      minNoticeMin: b.minNoticeMin,
      horizonDays: b.horizonDays,
      cancelWindowHours: b.cancelWindowHours,
      lateToleranceMin: b.lateToleranceMin,
      paymentMode: b.paymentMode,
      depositLek: b.depositLek ?? null,
      aliases: b.aliases ?? [],
    };
    await prisma.$transaction(async (tx) => {
      const business = await tx.business.upsert({
        where: { slug: b.slug },
        create: { slug: b.slug, ...fields },
        update: fields,
        select: { id: true },
      });
      const existing = await tx.service.findMany({
        where: { businessId: business.id },
        select: {
          id: true, nameSq: true, nameEn: true, durationMin: true, priceLek: true, sort: true, aliases: true,
          _count: { select: { bookings: true } },
        },
      });
      const byName = new Map(existing.map((s) => [s.nameSq, s]));
      const kept = new Set<string>();
      const fresh: { businessId: string; nameSq: string; nameEn: string; durationMin: number; priceLek: number; sort: number; aliases: string[] }[] = [];
      for (const [sort, s] of b.services.entries()) {
        const values = { nameSq: s.nameSq, nameEn: s.nameEn, durationMin: s.durationMin, priceLek: s.priceLek, sort, aliases: s.aliases ?? [] };
        const match = byName.get(s.nameSq);
        if (!match || kept.has(match.id)) {
          fresh.push({ businessId: business.id, ...values });
          continue;
        }
        kept.add(match.id);
        const same = match.nameEn === values.nameEn && match.durationMin === values.durationMin &&
          match.priceLek === values.priceLek && match.sort === sort &&
          match.aliases.join("\n") === values.aliases.join("\n");
        if (!same) await tx.service.update({ where: { id: match.id }, data: values });
      }
      if (fresh.length) await tx.service.createMany({ data: fresh });
      const stale = existing.filter((s) => !kept.has(s.id) && s._count.bookings === 0).map((s) => s.id);
      if (stale.length) await tx.service.deleteMany({ where: { id: { in: stale } } });
    });
    services += b.services.length;
  }
  return { categories: data.categories.length, businesses: data.businesses.length, services };
}

/**
 * A catalog to load as the rows the dialogs would read (ids are the slugs, services `<business>/<n>`),
 * without a database: for the language evaluation and the `rezervo nlu` command.
 */
export function seedSnapshot(data: CatalogSeed): CatalogSnapshot {
  return {
    categories: data.categories.map((c) => ({ id: c.slug, slug: c.slug, nameSq: c.nameSq, nameEn: c.nameEn, aliases: c.aliases ?? [] })),
    businesses: data.businesses.map((b) => ({
      id: b.slug, slug: b.slug, name: b.name, categoryId: b.category, city: b.city, address: b.address, phone: b.phone,
      timeZone: "Europe/Tirane", openingHours: b.openingHours, cancelWindowHours: b.cancelWindowHours,
      lateToleranceMin: b.lateToleranceMin, slotStepMin: b.slotStepMin, paymentMode: b.paymentMode, depositLek: b.depositLek ?? null, aliases: b.aliases ?? [],
    })),
    services: data.businesses.flatMap((b) => b.services.map((s, i) => ({
      id: `${b.slug}/${i}`, businessId: b.slug, nameSq: s.nameSq, nameEn: s.nameEn, durationMin: s.durationMin, priceLek: s.priceLek, aliases: s.aliases ?? [],
    }))),
  };
}
