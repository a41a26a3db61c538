import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalog } from "../../core/catalog/seed.ts";
import { businesses, categories, demoCatalog } from "../../prisma/seed/catalog.ts";
import { createTestDatabase } from "../support/db.ts";

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

describe("seedCatalog on a real database", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const counts = async () => ({
    categories: await db.prisma.category.count(),
    businesses: await db.prisma.business.count(),
    services: await db.prisma.service.count(),
  });

  it("writes the whole catalog, and seeding again leaves the same rows", async () => {
    const first = await seedCatalog(db.prisma, demoCatalog);
    const expected = {
      categories: categories.length,
      businesses: businesses.length,
      services: businesses.reduce((n, b) => n + b.services.length, 0),
    };
    expect(first).toEqual(expected);
    expect(await counts()).toEqual(expected);
    const ardit = await db.prisma.business.findUniqueOrThrow({
      where: { slug: "berberi-ardit" },
      include: { category: true, services: { orderBy: { sort: "asc" } } },
    });
    expect(ardit.category.slug).toBe("berber");
    expect(ardit.city).toBe("Tiranë");
    expect(ardit.services[0]).toMatchObject({ nameSq: "Prerje flokësh", durationMin: 30, priceLek: 800 });

    const serviceIds = (await db.prisma.service.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
    expect(await seedCatalog(db.prisma, demoCatalog)).toEqual(expected);
    expect(await counts()).toEqual(expected);
    const again = (await db.prisma.service.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
    expect(again).toEqual(serviceIds);
  });

  it("restores edited rows and keeps a service that has bookings when the seed changes", async () => {
    await db.prisma.business.update({ where: { slug: "berberi-ardit" }, data: { capacity: 9, name: "X" } });
    await seedCatalog(db.prisma, demoCatalog);
    const ardit = await db.prisma.business.findUniqueOrThrow({ where: { slug: "berberi-ardit" }, include: { services: true } });
    expect(ardit).toMatchObject({ capacity: 2, name: "Berberi Ardit" });

    const booked = ardit.services.find((s) => s.nameSq === "Rruajtje me brisk")!;
    const customer = await db.prisma.customer.create({ data: { name: "Test Klient" } });
    await db.prisma.booking.create({
      data: {
        ref: "SEEDTEST1", businessId: ardit.id, serviceId: booked.id, customerId: customer.id,
        start: new Date("2026-12-01T09:00:00Z"), end: new Date("2026-12-01T09:30:00Z"), priceLek: 600, channel: "web",
      },
    });
    const trimmed = businesses.map((b) =>
      b.slug === "berberi-ardit" ? { ...b, services: b.services.filter((s) => s.nameSq !== "Rruajtje me brisk" && s.nameSq !== "Prerje për fëmijë") } : b,
    );
    await seedCatalog(db.prisma, { categories, businesses: trimmed });
    const names = (await db.prisma.service.findMany({ where: { businessId: ardit.id } })).map((s) => s.nameSq).sort();
    // The booked service stays (its booking still points at it); the unbooked one is gone.
    expect(names).toEqual(["Prerje flokësh", "Prerje flokësh dhe mjekre", "Rruajtje me brisk"]);
  });
});
