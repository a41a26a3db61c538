import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana

const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);

/** One message that names business, service, day and time fills them all and says what it understood. */
describe("one-shot booking requests", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("fills business, service, day and time from the first message, says them, then asks the name", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("dua një qethje te Berberi Ardit të martën në 10");
    expect(c.text()).toMatch(/^Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën 10:00 — e lirë\.$/m);
    expect(c.text()).toMatch(/Si quheni/);
    await c.say("Besa Leka");
    await c.say("besa@example.al");
    await c.say("069 555 1234");
    expect(c.text()).toMatch(/Biznesi: Berberi Ardit\n/);
    expect(c.text()).toMatch(/Shërbimi: Prerje flokësh\n/);
    expect(c.text()).toMatch(/e martë, 1 dhjetor në 10:00/);
  });

  it("a city picks the business and a service alias the service, without diacritics", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("du nje qethje n'tirane neser ne 11");
    expect(c.text()).toMatch(/^Berberi Ardit, Prerje flokësh, e enjte, 26 nëntor, në orën 11:00 — e lirë\.$/m);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("a service named before the business is taken up once the business is chosen, with the time", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("dua te rregulloj mjekren neser ne 15");
    expect(c.text()).toMatch(/Zgjidhni biznesin/);
    await c.say("kalaja");
    expect(c.text()).toMatch(/^Rregullim mjekre, e enjte, 26 nëntor, në orën 15:00 — e lirë\.$/m);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("a taken time offers the nearest free times that day and the same time on the next days", async () => {
    const prisma = server.db.prisma;
    const ardit = await prisma.business.findUniqueOrThrow({ where: { slug: "berberi-ardit" }, include: { services: { orderBy: { sort: "asc" } } } });
    const haircut = ardit.services[0];
    const start = new Date("2026-12-01T09:00:00Z"); // Tuesday 1 December, 10:00 in Tirana
    for (const [i, phone] of ["+355690000101", "+355690000102"].entries()) {
      const someone = await prisma.customer.create({ data: { name: `Klient ${i}`, phone } });
      await prisma.booking.create({
        data: { ref: `RZ-OS${i}X`, businessId: ardit.id, serviceId: haircut.id, customerId: someone.id, start, end: new Date(start.getTime() + 30 * 60000), priceLek: haircut.priceLek, channel: "web" },
      });
    }
    const c = new WebChatClient(server.url);
    await c.start();
    await c.say("dua nje qethje te berberi ardit te marten ne 10");
    expect(c.text()).toMatch(/^Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën 10:00 — kjo orë nuk është e lirë\.$/m);
    const offered = labels(c);
    expect(offered).toContain("e martë, 1 dhjetor në 09:30");
    expect(offered).toContain("e martë, 1 dhjetor në 10:30");
    expect(offered).not.toContain("e martë, 1 dhjetor në 10:00");
    expect(offered).toContain("e mërkurë, 2 dhjetor në 10:00");
    expect(offered).toContain("e enjte, 3 dhjetor në 10:00");
    await c.pick("e mërkurë, 2 dhjetor në 10:00");
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("a day and time typed at the day step are said back, never taken silently", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Rezervo një termin");
    await c.say("berber");
    await c.say("ardit");
    await c.say("qethje");
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("pasnesër në 10");
    expect(c.text()).toMatch(/^E premte, 27 nëntor, në orën 10:00 — e lirë\.$/m);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("in English", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.say("I want to book a haircut at Berber Kalaja");
    expect(c.text()).toMatch(/^Berber Kalaja, Haircut\.$/m);
    expect(c.last.at(-1)?.kind).toBe("days");
  });
});
