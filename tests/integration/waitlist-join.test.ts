import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";
import { fillDay } from "../support/waitlist.ts";

// Wednesday 25 November 2026, 09:00 in Tirana; Thursday 26 November is made full.
const START = Date.parse("2026-11-25T08:00:00Z");
const DAY = "2026-11-26";

describe("joining the waiting list of a full day", () => {
  let db: TestDatabase;
  let server: TestServer;
  let serviceId: string;
  const now = START;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ db, clock: () => new Date(now), env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000" } });
    const s = await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Prerje flokësh", business: { slug: "berberi-ardit" } } });
    serviceId = s.id;
    await fillDay(db.prisma, server.runtime.availability, serviceId, DAY, new Date(now));
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  async function toDayStep(c: WebChatClient) {
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
  }

  it("offers «Më njoftoni» for a typed full day, asks the part of the day and the details, and confirms in one message", async () => {
    const c = new WebChatClient(server.url);
    await toDayStep(c);
    // The full day is not among the days offered.
    expect(c.last.flatMap((r) => r.choices ?? []).some((x) => /26/.test(x.label))).toBe(false);
    await c.say("nesër në orën 15");
    expect(c.text()).toMatch(/Për të enjten, 26 nëntor nuk ka më orare të lira/);
    await c.pick(/Më njoftoni/);
    expect(c.text()).toMatch(/Cila pjesë e ditës ju përshtatet/);
    expect(c.text()).toMatch(/Prerje flokësh te Berberi Ardit të enjten, 26 nëntor/);
    await c.say("pas orës 15");
    expect(c.text()).toMatch(/Si quheni/);
    await c.say("Arta Hoxha");
    expect(c.text()).toMatch(/email/);
    await c.say("arta@example.com");
    await c.say("069 123 4567");
    expect(c.last).toHaveLength(1);
    expect(c.text()).toMatch(/U shtuat në listën e pritjes për Prerje flokësh te Berberi Ardit, të enjten, 26 nëntor, pas orës 15:00/);
    expect(c.text()).toMatch(/15 minuta/);
    const entries = await db.prisma.waitlistEntry.findMany({ where: { conversationId: c.sessionId } });
    expect(entries.map((e) => [e.date, e.fromMin, e.toMin, e.status, e.contactName, e.contactPhone, e.contactEmail])).toEqual([
      [DAY, 15 * 60, 1440, "waiting", "Arta Hoxha", "+355691234567", "arta@example.com"],
    ]);

    // "rezervimet e mia" lists the day waited for; its page lets the customer leave.
    await c.say("rezervimet e mia");
    await c.pick(/Në pritje: e enjte, 26 nëntor · Berberi Ardit/);
    expect(c.text()).toMatch(/Jeni në listën e pritjes/);
    await c.pick("Dil nga lista e pritjes");
    expect(c.text()).toMatch(/U hoqët nga lista e pritjes për të enjten, 26 nëntor/);
    expect((await db.prisma.waitlistEntry.findFirstOrThrow({ where: { conversationId: c.sessionId } })).status).toBe("left");
    await c.say("rezervimet e mia");
    expect(c.last.flatMap((r) => r.choices ?? []).some((x) => /Në pritje/.test(x.label))).toBe(false);
  });

  it("the part of the day said with the full day («nesër pasdite») is the one waited for: not asked again", async () => {
    const c = new WebChatClient(server.url);
    await toDayStep(c);
    await c.say("nesër pasdite");
    expect(c.text()).toMatch(/nuk ka më orare të lira/);
    await c.say("më njoftoni nëse lirohet ndonjë vend");
    expect(c.text()).not.toMatch(/Cila pjesë e ditës ju përshtatet/);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("a typed «më njoftoni nëse lirohet një vend» at the full day joins as the button does; elsewhere it says how", async () => {
    const c = new WebChatClient(server.url);
    await toDayStep(c);
    await c.say("nesër në orën 15");
    expect(c.text()).toMatch(/nuk ka më orare të lira/);
    await c.say("më njoftoni nëse lirohet ndonjë vend");
    expect(c.text()).toMatch(/Cila pjesë e ditës ju përshtatet/);
    expect(c.text()).toMatch(/Prerje flokësh te Berberi Ardit të enjten, 26 nëntor/);
    // In English, from the start: how the waiting list works, and nothing is joined.
    const e = new WebChatClient(server.url);
    await e.start({ lang: "en" });
    await e.say("can you put me on the waiting list?");
    expect(e.text()).toMatch(/When a day is full, I show «🔔 Notify me when a place frees up»/);
    expect(await db.prisma.waitlistEntry.count({ where: { conversationId: e.sessionId } })).toBe(0);
  });

  it("booking a place on a day the chat waits for ends that wait, and only that one", async () => {
    const c = new WebChatClient(server.url);
    await toDayStep(c);
    const service = await db.prisma.service.findUniqueOrThrow({ where: { id: serviceId } });
    // The chat joined the list for Friday when it was full, and for Thursday; a place on Friday is free now.
    const wait = (date: string) => db.prisma.waitlistEntry.create({
      data: { businessId: service.businessId, serviceId, date, conversationId: c.sessionId, contactName: "Ilir Gashi", contactPhone: "+355691112233" },
    });
    const friday = await wait("2026-11-27");
    const thursday = await wait(DAY);
    await c.pick(/^e premte|^pre/i);
    await c.pick("11:00");
    await c.say("Ilir Gashi");
    await c.say("ilir@example.com");
    await c.say("069 111 2233");
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    // Ended by the work that follows a booking (off the customer's turn).
    const status = async (id: string) => (await db.prisma.waitlistEntry.findUniqueOrThrow({ where: { id } })).status;
    const until = Date.now() + 10_000;
    while (Date.now() < until && (await status(friday.id)) !== "booked") await new Promise((r) => setTimeout(r, 50));
    expect(await status(friday.id)).toBe("booked");
    expect(await status(thursday.id)).toBe("waiting");
  });

  it("asks only for what is missing: a customer who booked before in the chat is not asked again", async () => {
    const c = new WebChatClient(server.url);
    await toDayStep(c);
    await c.pick(/^e premte|^pre/i); // Friday 27 November has free times
    await c.pick("10:00");
    await c.say("Besa Krasniqi");
    await c.say("besa@example.com");
    await c.say("068 765 4321");
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.say("të enjten");
    await c.pick(/Më njoftoni/);
    await c.pick(/Pasdite/);
    expect(c.last).toHaveLength(1);
    expect(c.text()).toMatch(/U shtuat në listën e pritjes .* pasdite\./);
    const e = await db.prisma.waitlistEntry.findFirstOrThrow({ where: { conversationId: c.sessionId } });
    expect([e.fromMin, e.toMin, e.contactName, e.contactEmail]).toEqual([720, 1080, "Besa Krasniqi", "besa@example.com"]);

    // Joining the same day again changes the part of the day and keeps the place in line.
    await c.say("menu");
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.say("nesër");
    await c.pick(/Më njoftoni/);
    await c.pick(/Çdo orë/);
    const again = await db.prisma.waitlistEntry.findMany({ where: { conversationId: c.sessionId } });
    expect(again.map((x) => [x.id, x.fromMin, x.toMin])).toEqual([[e.id, 0, 1440]]);
  });

  it("a first message asking for a full day («qethje te Berberi Ardit nesër») offers «Më njoftoni» too", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Berberi Ardit nesër");
    expect(c.text()).toMatch(/Berberi Ardit, Prerje flokësh/);
    expect(c.text()).toMatch(/Për të enjten, 26 nëntor nuk ka më orare të lira/);
    await c.pick(/Më njoftoni/);
    expect(c.text()).toMatch(/Prerje flokësh te Berberi Ardit të enjten, 26 nëntor/);
    await c.pick(/Pasdite/);
    await c.say("Gent Dervishi");
    await c.say("gent@example.com");
    await c.say("069 222 3333");
    expect(c.text()).toMatch(/U shtuat në listën e pritjes për Prerje flokësh te Berberi Ardit, të enjten, 26 nëntor, pasdite/);
    const entries = await db.prisma.waitlistEntry.findMany({ where: { conversationId: c.sessionId } });
    expect(entries.map((e) => [e.serviceId, e.date, e.fromMin, e.toMin, e.contactName])).toEqual([[serviceId, DAY, 720, 1080, "Gent Dervishi"]]);
  });

  it("a first message asking for a taken time of a full day in English offers «Notify me»", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.say("haircut at Berberi Ardit tomorrow at 15:00");
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).toContain("🔔 Notify me when a place frees up");
  });

  it("reads the English button and answers in English", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.pick(/Book an appointment/);
    await c.pick("Barber");
    await c.pick(/Ardit/);
    await c.pick(/^Haircut ·/);
    await c.say("tomorrow");
    await c.pick(/Notify me/);
    await c.say("any time");
    await c.say("John Smith");
    await c.say("john@example.com");
    await c.say("069 765 4321");
    expect(c.text()).toMatch(/You are on the waiting list for Haircut at Berberi Ardit on Thursday 26 November, any time/);
  });

  it("book again: the same business and service, asking only the day and the time", async () => {
    const c = new WebChatClient(server.url);
    await toDayStep(c);
    await c.pick(/^e premte|^pre/i);
    await c.pick("11:00");
    await c.say("Drita Leka");
    await c.say("drita@example.com");
    await c.say("067 111 2222");
    await c.pick(/Konfirmo/);
    await c.say("rezervo përsëri");
    expect(c.text()).toMatch(/Rezervojmë përsëri Prerje flokësh te Berberi Ardit/);
    expect(c.text()).toMatch(/Cilën ditë ju përshtatet/);
    await c.pick(/^e premte|^pre/i);
    await c.pick("12:00");
    // Straight to the summary, with the details given last time.
    expect(c.text()).toMatch(/Ju lutem kontrolloni rezervimin/);
    expect(c.text()).toMatch(/Emri: Drita Leka/);
    await c.pick(/Konfirmo/);
    const mine = await db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, orderBy: { start: "asc" } });
    expect(mine.map((b) => [b.serviceId, b.contactName])).toEqual([[serviceId, "Drita Leka"], [serviceId, "Drita Leka"]]);
  });
});
