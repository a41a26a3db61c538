import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana
/** The catalog is checked for changes at most once a second. */
const seen = () => new Promise((r) => setTimeout(r, 1200));

/** Businesses, services and category words are catalog data: added to the database, understood at once. */
describe("catalog entities come from the database", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a business and a service alias inserted in the database are understood in a typed message", async () => {
    const prisma = server.db.prisma;
    const before = new WebChatClient(server.url);
    await before.start();
    await before.say("dua nje fade te Berberi Lulzim neser ne 11");
    expect(before.text()).not.toMatch(/Lulzim/);

    const barber = await prisma.category.findUniqueOrThrow({ where: { slug: "berber" } });
    const week = { "1": [{ open: "09:00", close: "19:00" }], "2": [{ open: "09:00", close: "19:00" }], "3": [{ open: "09:00", close: "19:00" }], "4": [{ open: "09:00", close: "19:00" }], "5": [{ open: "09:00", close: "19:00" }] };
    await prisma.business.create({
      data: {
        slug: "berberi-lulzim", name: "Berberi Lulzim", categoryId: barber.id, city: "Durrës", address: "Rruga Egnatia 5",
        phone: "+355691112233", openingHours: week, slotStepMin: 30, capacity: 1, aliases: ["Lulzimi"],
        services: { create: [{ nameSq: "Prerje klasike", nameEn: "Classic cut", durationMin: 30, priceLek: 700, aliases: ["fade"] }] },
      },
    });
    await seen();
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("dua nje fade te Lulzimi neser ne 11");
    expect(c.text()).toMatch(/^Berberi Lulzim, Prerje klasike, e enjte, 26 nëntor, në orën 11:00 — e lirë\.$/m);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("an alias added to a service and one added to a category work with no code change", async () => {
    const prisma = server.db.prisma;
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("shiatsu");
    expect(c.text()).not.toMatch(/Zgjidhni biznesin/);

    await prisma.category.update({ where: { slug: "spa-masazh" }, data: { aliases: { push: "shiatsu" } } });
    const marina = await prisma.business.findUniqueOrThrow({ where: { slug: "marina-spa-durres" }, include: { services: { orderBy: { sort: "asc" } } } });
    await prisma.service.update({ where: { id: marina.services[1].id }, data: { aliases: { push: "shiatsu" } } });
    await seen();

    const d = new WebChatClient(server.url);
    await d.start();
    await d.say("shiatsu");
    // Only Marina offers it, so the alias names the business too: straight to the days of the back and
    // neck massage, said with the business and its city.
    expect(d.text()).toMatch(/^Marina Spa & Masazh \(Durrës\), Masazh shpine dhe qafe\.$/m);
    expect(d.last.at(-1)?.kind).toBe("days");
  });
});
