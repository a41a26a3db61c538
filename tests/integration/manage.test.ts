import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { bookHaircut } from "../support/flows.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

describe("my bookings over the web chat, in Albanian", () => {
  let db: TestDatabase;
  let server: TestServer;
  const c = () => new WebChatClient(server.url);
  let arta: WebChatClient;
  let ref = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ db, clock: fixedClock(NOW), env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000" } });
    ({ client: arta, ref } = await bookHaircut(server.url));
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("lists the booking, offers its calendar file, and moves it to another day", async () => {
    await arta.pick("Rezervimet e mia");
    expect(arta.text()).toMatch(/Keni 1 rezervim të ardhshëm/);
    await arta.pick("e enjte, 26 nëntor në 10:00 · Berberi Ardit");
    expect(arta.text()).toMatch(new RegExp(`Rezervimi ${ref}`));
    const link = arta.last.at(-1)?.link;
    expect(link?.url).toMatch(new RegExp(`/api/bookings/${ref}/ics\\?token=`));
    const ics = await fetch(`${server.url}${link!.url}`);
    expect(ics.headers.get("content-type")).toMatch(/text\/calendar/);
    expect(await ics.text()).toMatch(/DTSTART:20261126T090000Z/);
    expect((await fetch(`${server.url}/api/bookings/${ref}/ics?token=guess`)).status).toBe(404);

    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    const before = await server.runtime.features.manage!.scheduler!.pending(booking.id);
    expect(Object.keys(before).sort()).toEqual(["24h", "2h"]);

    await arta.pick("Ndrysho orarin");
    expect(arta.text()).toMatch(/Prerje flokësh te Berberi Ardit: tani e keni të enjten, 26 nëntor, në orën 10:00/);
    await arta.pick(/27/);
    // Inside a sentence the day is written out in full (the buttons may abbreviate). The booking's own time
    // is free that day, and the customer is told so.
    expect(arta.text()).toMatch(/^E njëjta orë, 10:00, është e lirë: shkruani «po» për ta mbajtur, ose zgjidhni një tjetër\.$/m);
    expect(arta.text()).toMatch(/^Oraret e lira për të premten, 27 nëntor\. Zgjidhni orën e re/m);
    await arta.pick("11:00");
    expect(arta.text()).toMatch(/u zhvendos për të premten, 27 nëntor, në orën 11:00\./);
    expect(arta.last[0].link?.url).toMatch(/\/ics\?token=/);
    const moved = await db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    expect(moved.start.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    // The old time is free again, and the reminders moved a day later.
    const free = await server.runtime.availability.slots(moved.serviceId, "2026-11-26", new Date(NOW));
    expect(free.some((s) => s.start.toISOString() === "2026-11-26T09:00:00.000Z")).toBe(true);
    const after = await server.runtime.features.manage!.scheduler!.pending(booking.id);
    expect(after["2h"].getTime() - before["2h"].getTime()).toBeGreaterThan(24 * 3600_000);
  });

  it("cancels for free outside the window and frees the slot at once", async () => {
    await arta.pick("Rezervimet e mia");
    await arta.pick(/27 nëntor në 11:00/);
    await arta.pick("Anulo");
    expect(arta.text()).toMatch(/Anulimi është falas deri 24 orë para/);
    await arta.pick("Po, anuloje");
    expect(arta.text()).toMatch(new RegExp(`Rezervimi ${ref} .* u anulua`));
    const b = await db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    expect(b.status).toBe("cancelled");
    expect(await server.runtime.features.manage!.scheduler!.pending(b.id)).toEqual({});
    const free = await server.runtime.availability.slots(b.serviceId, "2026-11-27", new Date(NOW));
    expect(free.some((s) => s.start.toISOString() === "2026-11-27T10:00:00.000Z")).toBe(true);
  });

  it("inside the window explains the fee and cancels only after an explicit yes", async () => {
    const old = await db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    const today = await db.prisma.booking.create({
      data: { ref: "RZ-TDAY", businessId: old.businessId, serviceId: old.serviceId, customerId: old.customerId, conversationId: old.conversationId, contactName: old.contactName, contactPhone: old.contactPhone, contactEmail: old.contactEmail, start: new Date("2026-11-25T14:00:00Z"), end: new Date("2026-11-25T14:30:00Z"), priceLek: 800, channel: "web" },
    });
    await arta.pick("Rezervimet e mia");
    await arta.pick(/25 nëntor në 15:00/);
    await arta.pick("Anulo");
    expect(arta.text()).toMatch(/fillon për më pak se 24 orë.*tarifë anulimi/s);
    await arta.pick("Jo, mbaje");
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: today.id } })).status).toBe("confirmed");

    // "Po vonohem 10 min" on the day: the business's tolerance and phone are given, the minutes stored.
    // The only upcoming booking, and the minutes said: nothing to pick or answer.
    await arta.say("po vonohem 10 minuta");
    expect(arta.text()).not.toMatch(/Sa minuta mendoni se do të vonoheni/);
    const biz = await db.prisma.business.findUniqueOrThrow({ where: { id: old.businessId } });
    expect(arta.text()).toMatch(/E shënuam vonesën prej rreth 10 minutash/); // no SMS channel here: noted, not sent
    expect(arta.text()).toContain(`Biznesi pret deri ${biz.lateToleranceMin} minuta vonesë. Për çdo gjë, telefonojini në ${biz.phone}`);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: today.id } })).lateMinutes).toBe(10);

    await arta.pick("Rezervimet e mia");
    await arta.pick(/25 nëntor në 15:00/);
    await arta.pick("Anulo");
    await arta.pick("Po, e pranoj dhe anuloje");
    expect(arta.text()).toMatch(/u anulua/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: today.id } })).status).toBe("cancelled");
  });

  it("never shows one customer's bookings to another chat", async () => {
    const other = c();
    await other.start({ lang: "sq" });
    await other.pick("Rezervimet e mia");
    expect(other.text()).toMatch(/Nuk gjeta rezervime të ardhshme/);
    await other.pick("Rezervime me telefon/email tjetër");
    await other.say("069 123 4567");
    // No SMS channel in this server: the code cannot be sent, and nothing is shown.
    expect(other.text()).toMatch(/Nuk mund t'ju dërgojmë kod/);
  });
});
