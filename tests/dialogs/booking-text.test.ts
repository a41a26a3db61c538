import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana

/** Transcripts where the customer types instead of pressing buttons. */
describe("booking by typing, in Albanian without diacritics", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("pre-fills category, day and time from a first message", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("dua te shkoj te berberi neser ne 10");
    expect(c.text()).toMatch(/Zgjidhni biznesin/);
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    // Straight to the name: Thursday 26 November at 10:00 was free.
    expect(c.text()).toMatch(/Si quheni/);
    await c.say("Elira Kola");
    await c.say("elira@example.al");
    await c.say("0681234567");
    expect(c.text()).toMatch(/e enjte, 26 nëntor në 10:00/);
  });

  it("understands a typed day, a typed time and numbered choices", async () => {
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
  });

  it("offers the nearest free times when the asked time is taken", async () => {
    const prisma = server.db.prisma;
    const business = await prisma.business.findUniqueOrThrow({ where: { slug: "berber-kalaja" }, include: { services: true } });
    const service = business.services[0];
    const start = new Date("2026-11-27T10:00:00Z"); // Friday 11:00 in Tirana
    const someone = await prisma.customer.create({ data: { name: "Tjetër Klient", phone: "+355690000009" } });
    await prisma.booking.create({
      data: { ref: "RZ-KAL1", businessId: business.id, serviceId: service.id, customerId: someone.id, start, end: new Date(start.getTime() + service.durationMin * 60000), priceLek: service.priceLek, channel: "web" },
    });
    const c = new WebChatClient(server.url);
    await c.start({ business: "berber-kalaja" });
    await c.pick(new RegExp(`^${service.nameSq} ·`));
    await c.say("e premte ne oren 11");
    expect(c.text()).toMatch(/nuk është e lirë/);
    const offered = c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);
    expect(offered.some((l) => /11:00/.test(l) && /27/.test(l))).toBe(false);
    expect(offered.filter((l) => /\d{2}:\d{2}/.test(l)).length).toBeGreaterThan(0);
    await c.pick(/e premte, 27 nëntor/);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("answers a question with the FAQ and an off-topic one with an offer of help", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("a mund ta anuloj rezervimin pa pagese?");
    expect(c.text()).toMatch(/24 orë/);
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).toContain("Rezervimet e mia");
    await c.pick("Pyetje të shpeshta");
    await c.say("kush e fitoi ndeshjen dje?");
    expect(c.text()).toMatch(/nuk gjeta një përgjigje/);
  });
});
