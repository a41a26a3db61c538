import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";
import { fillDay } from "../support/waitlist.ts";

// Wednesday 25 November 2026, 09:00 in Tirana. Berberi Ardit's haircuts are full on Thursday 26 November
// and on Friday 4 December (the next week's).
const NOW = new Date("2026-11-25T08:00:00Z");
const THURSDAY = "2026-11-26";
const FRIDAY_NEXT_WEEK = "2026-12-04";

describe("asking for the waiting list by typing", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ db, clock: () => new Date(NOW), env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000" } });
    const s = await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Prerje flokësh", business: { slug: "berberi-ardit" } } });
    for (const day of [THURSDAY, FRIDAY_NEXT_WEEK]) await fillDay(db.prisma, server.runtime.availability, s.id, day, NOW);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const entries = (c: WebChatClient) => db.prisma.waitlistEntry.findMany({ where: { conversationId: c.sessionId }, select: { date: true, fromMin: true, toMin: true, status: true } });

  it("a first message asking to wait for a full day, with the part of the day, asks only the details", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.say("më fut në listën e pritjes për qethje te Ardit nesër pasdite");
    expect(c.text()).toMatch(/Për të enjten, 26 nëntor nuk ka më orare të lira/);
    expect(c.text()).toMatch(/Do t'ju njoftojmë sapo të lirohet një vend për Prerje flokësh te Berberi Ardit të enjten, 26 nëntor, pasdite/);
    expect(c.text()).toMatch(/Si quheni/);
    expect(c.text()).not.toMatch(/Cila pjesë e ditës/);
    await c.say("Gent Berisha");
    await c.say("gent.berisha@example.com");
    await c.say("069 123 4510");
    expect(c.text()).toMatch(/U shtuat në listën e pritjes për Prerje flokësh te Berberi Ardit, të enjten, 26 nëntor, pasdite/);
    expect(await entries(c)).toEqual([{ date: THURSDAY, fromMin: 720, toMin: 1080, status: "waiting" }]);
  });

  it("a first message asking to wait for a day with free times shows them and puts no one on the list", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.say("put me on the waiting list for a haircut at Berberi Ardit on Friday");
    expect(c.text()).toMatch(/That day still has free times, so there is no need for the waiting list/);
    expect(c.text()).toMatch(/Free times on Friday 27 November/);
    expect(await entries(c)).toEqual([]);
  });

  it.each([
    ["en", "can you put me on the waitlist for tomorrow then?", /Which part of the day suits you/],
    ["en", "yes please notify me", /Which part of the day suits you/],
    ["en", "no other day works for me, can you tell me if there's a cancellation?", /Which part of the day suits you/],
    ["sq", "nëse anulon dikush më shkruani", /Cila pjesë e ditës ju përshtatet/],
    ["sq", "s'ka gjë, më njoftoni nëse lirohet ndonjë vend pas orës 4", /pas orës 16:00\.[\s\S]*Si quheni/],
  ] as const)("at a full day's answer (%s) «%s» asks to wait for that day", async (lang, text, reply) => {
    const c = new WebChatClient(server.url);
    await c.start({ lang });
    await c.say(lang === "en" ? "haircut at Berberi Ardit tomorrow" : "qethje te Berberi Ardit nesër");
    expect(c.last.flatMap((r) => r.choices ?? []).some((x) => /Notify me|Më njoftoni/.test(x.label))).toBe(true);
    await c.say(text);
    expect(c.text()).toMatch(reply);
    expect(c.text()).toMatch(/26 (?:November|nëntor)/);
    // Nothing is booked, and the day was not read again as a new request.
    expect(await db.prisma.booking.count({ where: { conversationId: c.sessionId } })).toBe(0);
  });

  it("«the same time» on another day after a full day asked at a time is that time", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.say("haircut at Berberi Ardit tomorrow at 11");
    await c.say("what about Friday at the same time?");
    expect(c.text()).toMatch(/Friday 27 November, at 11:00 — free/);
    expect(c.text()).toMatch(/What is your name/);
  });

  it("«take me off the waiting list» gives up the only place at once; with several, the one the message names, else which", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.say("take me off the waiting list please");
    expect(c.text()).toMatch(/You are not on any waiting list/);
    await c.say("haircut at Berberi Ardit tomorrow");
    await c.say("notify me");
    await c.say("any time");
    await c.say("Lena Hoxha");
    await c.say("lena.hoxha@example.com");
    await c.say("069 123 4511");
    const massage = await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Masazh relaksues" }, include: { business: true } });
    await db.prisma.waitlistEntry.create({
      data: { businessId: massage.businessId, serviceId: massage.id, date: "2026-11-28", conversationId: c.sessionId, contactName: "Lena Hoxha", contactEmail: "lena.hoxha@example.com", contactPhone: "+355691234511" },
    });
    await c.say("I don't need the massage waitlist anymore");
    expect(c.text()).toMatch(/You have left the waiting list for Saturday 28 November/);
    expect((await entries(c)).map((e) => [e.date, e.status]).sort()).toEqual([[THURSDAY, "waiting"], ["2026-11-28", "left"]]);
    await db.prisma.waitlistEntry.updateMany({ where: { conversationId: c.sessionId, date: "2026-11-28" }, data: { status: "waiting" } });
    await c.say("take me off the waiting list");
    expect(c.text()).toMatch(/Which one do you want to leave/);
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label).filter((l) => l.startsWith("⏳"))).toEqual([
      "⏳ Waiting: Thursday 26 November · Berberi Ardit", "⏳ Waiting: Saturday 28 November · Vlora Relax Spa",
    ]);
    expect((await entries(c)).every((e) => e.status === "waiting")).toBe(true);
  });

  it("«më hiqni nga lista» said by a chat on no waiting list is not taken for it", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.say("dil nga lista e pritjes");
    expect(c.text()).toMatch(/Nuk jeni në asnjë listë pritjeje/);
    await c.say("më hiqni nga lista");
    expect(c.text()).not.toMatch(/listë pritjeje/);
  });

  it("a weekday named alone after a full day of the next week is the day of that week", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.say("haircut at Berberi Ardit friday next week");
    expect(c.text()).toMatch(/no free times left on Friday 4 December/);
    await c.say("is there anything on Saturday instead?");
    expect(c.text()).toMatch(/Free times on Saturday 5 December/);
  });
});
