import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookHaircut } from "../support/flows.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana

/**
 * Typed conversations end to end: the web chat API, the database's catalog, availability and bookings.
 * The dialog's behaviour in detail is tested on the engine in memory (tests/dialogs/memory/).
 */
describe("typed conversations over the web chat, on the database", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });
  const booking = (ref: string) => server.db.prisma.booking.findUniqueOrThrow({ where: { ref } });

  it("books from a typed day, a typed time and numbered choices, confirmed by a typed «Po, konfirmoj»", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("1"); // first menu entry: book
    expect(c.text()).toMatch(/kategorinë/);
    await c.say("berber");
    await c.say("berberi ardit");
    await c.say("1");
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("te premten");
    expect(c.text()).toMatch(/Oraret e lira për të premten, 27 nëntor \(ora e Tiranës\)/);
    await c.say("ora 3 pasdite");
    expect(c.text()).toMatch(/Si quheni/);
    await c.say("Dritan Hoxha");
    await c.say("dritan@example.al");
    await c.say("+355 69 444 5566");
    expect(c.text()).toMatch(/e premte, 27 nëntor në 15:00/);
    await c.say("Po, konfirmoj");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    const ref = c.text().match(/RZ-[A-Z0-9]{6}/)![0];
    const row = await booking(ref);
    expect(row.status).toBe("confirmed");
    expect(row.start.toISOString()).toBe("2026-11-27T14:00:00.000Z");
    expect(row.contactPhone).toBe("+355694445566");
  });

  it("a one-shot request is read against the database's catalog, and a time booked in the database is not offered", async () => {
    const prisma = server.db.prisma;
    const business = await prisma.business.findUniqueOrThrow({ where: { slug: "berber-kalaja" }, include: { services: { orderBy: { sort: "asc" } } } });
    const service = business.services[0];
    const start = new Date("2026-11-27T10:00:00Z"); // Friday 11:00 in Tirana
    const someone = await prisma.customer.create({ data: { name: "Tjetër Klient", phone: "+355690000009" } });
    await prisma.booking.create({
      data: { ref: "RZ-KAL1", businessId: business.id, serviceId: service.id, customerId: someone.id, start, end: new Date(start.getTime() + service.durationMin * 60000), priceLek: service.priceLek, channel: "web" },
    });
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("dua nje qethje te berber kalaja te premten ne 11");
    expect(c.text()).toMatch(/^Berber Kalaja, Prerje flokësh, e premte, 27 nëntor, në orën 11:00 — kjo orë nuk është e lirë\.$/m);
    const offered = c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);
    expect(offered.some((l) => /11:00/.test(l) && /27/.test(l))).toBe(false);
    await c.pick(/e premte, 27 nëntor/);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("moves a booking by typing, in the database only after the yes, and cancels it on a typed «po»", async () => {
    const { client: c, ref } = await bookHaircut(server.url, { day: /26/, time: "10:00" });
    await c.say("dua ta shtyj terminin");
    await c.say("të premten në 14:00");
    expect(c.text()).toMatch(/për të premten, 27 nëntor, në orën 14:00\?/);
    expect((await booking(ref)).start.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    await c.say("po");
    expect(c.text()).toMatch(new RegExp(`Rezervimi ${ref} te Berberi Ardit u zhvendos`));
    expect((await booking(ref)).start.toISOString()).toBe("2026-11-27T13:00:00.000Z");
    await c.say("dua ta anuloj rezervimin");
    expect(c.text()).toMatch(/Të anulojmë rezervimin e së premtes, 27 nëntor, në orën 14:00 te Berberi Ardit\?/);
    await c.say("po");
    expect(c.text()).toMatch(/u anulua/);
    expect((await booking(ref)).status).toBe("cancelled");
  });
});
