import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../core/clock.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { bookHaircut, reachConfirm } from "../support/flows.ts";

const NOW = "2026-11-25T08:00:00Z";
const RACERS = 50;

describe("the last free place", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`goes to exactly one of ${RACERS} customers confirming at once; the others are shown the nearest free times`, async () => {
    const prisma = server.db.prisma;
    const business = await prisma.business.findUniqueOrThrow({ where: { slug: "berberi-ardit" }, include: { services: true } });
    const service = business.services.find((s) => s.nameSq === "Prerje flokësh")!;
    const start = zonedToUtc("2026-11-26", "15:00", "Europe/Tirane");
    // Two chairs: one is already taken, one place is left.
    const walkIn = await prisma.customer.create({ data: { name: "Klient Ekzistues", phone: "+355690000001" } });
    for (let i = 0; i < business.capacity - 1; i++) {
      await prisma.booking.create({
        data: { ref: `RZ-TST${i}`, businessId: business.id, serviceId: service.id, customerId: walkIn.id, start, end: new Date(start.getTime() + service.durationMin * 60000), priceLek: service.priceLek, channel: "web" },
      });
    }
    const clients = [];
    for (let batch = 0; batch < RACERS; batch += 10) {
      clients.push(...(await Promise.all(
        Array.from({ length: 10 }, (_, i) => reachConfirm(server.url, { day: /26/, time: "15:00", phone: `069 500 ${String(1000 + batch + i)}`, name: "Klient Gara" })),
      )));
    }
    const results = await Promise.all(clients.map((c) => c.pick(/Konfirmo/).then(() => c.text())));
    const won = results.filter((t) => /Rezervimi u konfirmua/.test(t));
    const lost = results.filter((t) => /sapo u rezervua nga dikush tjetër/.test(t));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(RACERS - 1);
    // The losers are offered other free times, not the taken one.
    const offered = clients.find((c) => /sapo u rezervua/.test(c.text()))!.last.flatMap((r) => r.choices ?? []);
    expect(offered.some((o) => /\d{2}:\d{2}/.test(o.label))).toBe(true);
    expect(offered.some((o) => /15:00/.test(o.label) && /26/.test(o.label))).toBe(false);
    const atThatTime = await prisma.booking.count({ where: { businessId: business.id, start, status: "confirmed" } });
    expect(atThatTime).toBe(business.capacity);
  });
});

describe("a time that comes within the business's notice while the customer confirms", () => {
  // Wednesday 25 November 2026, 08:55 in Tirana: 10:00 is free with the barber's hour of notice.
  let now = Date.parse("2026-11-25T07:55:00Z");
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(now), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is not booked, and the customer is told it is now too close (not that someone took it), with later times", async () => {
    const c = await reachConfirm(server.url, { day: /25/, time: "10:00", phone: "069 500 2001", name: "Klient Vonë" });
    now = Date.parse("2026-11-25T08:01:00Z"); // 09:01: ten o'clock is now 59 minutes away
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/ky orar tani është shumë afër: biznesi pranon rezervime të paktën 60 minuta përpara/);
    expect(c.text()).not.toMatch(/dikush tjetër/);
    const offered = c.last.flatMap((r) => r.choices ?? []).map((o) => o.label);
    expect(offered.some((l) => /10:30/.test(l))).toBe(true);
    expect(offered.some((l) => /\b10:00/.test(l))).toBe(false);
    expect(await server.db.prisma.booking.count({ where: { conversationId: c.sessionId } })).toBe(0);
  });

  it("nor is a booking moved to it: the customer is told it is now too close, with other times", async () => {
    now = Date.parse("2026-11-25T07:55:00Z");
    const { client: c } = await bookHaircut(server.url, { day: /26/, time: "10:00", phone: "069 500 2002" });
    await c.pick("Rezervimet e mia");
    await c.pick(/26 nëntor në 10:00/);
    await c.pick("Ndrysho orarin");
    await c.pick(/25/);
    now = Date.parse("2026-11-25T08:01:00Z");
    await c.pick("10:00");
    expect(c.text()).toMatch(/ky orar tani është shumë afër: biznesi pranon ndryshime të paktën 60 minuta përpara/);
    expect(c.text()).not.toMatch(/sapo u zu/);
    const b = await server.db.prisma.booking.findFirstOrThrow({ where: { conversationId: c.sessionId } });
    expect(b.start.toISOString()).toBe("2026-11-26T09:00:00.000Z");
  });
});
