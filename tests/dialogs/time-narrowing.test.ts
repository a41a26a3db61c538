import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/** At the time step a part of the day narrows the list, and "the earliest" / "the latest" pick a time. */
describe("typing a part of the day or «the earliest» at the time step", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const times = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label).filter((l) => /^\d\d:\d\d$/.test(l));

  /** Berberi Ardit (09:00-20:00 on weekdays), haircut, at the time step of Thursday 3 December. */
  async function toThursday(lang: "sq" | "en" = "sq"): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start({ lang, business: "berberi-ardit" });
    await c.say(lang === "sq" ? "qethje" : "haircut");
    await c.say(lang === "sq" ? "të enjten" : "Thursday");
    expect(c.last.at(-1)?.kind).toBe("slots");
    expect(times(c)[0]).toBe("09:00");
    return c;
  }

  it("«pasdite» lists only the afternoon, saying so; a time from it books as usual", async () => {
    const c = await toThursday();
    await c.say("pasdite");
    expect(c.text()).toMatch(/^Oraret e lira pasdite, të enjten, 3 dhjetor:/m);
    expect(times(c)).toEqual(["12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30"]);
    await c.pick("Më shumë orare »");
    expect(times(c)).toEqual(["16:00", "16:30", "17:00", "17:30"]);
    await c.say("17:30");
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("«n'mëngjes», «në drekë», «pas orës 15» and «para orës 12» narrow the list to those hours", async () => {
    const c = await toThursday();
    await c.say("n'mëngjes");
    expect(c.text()).toMatch(/Oraret e lira në mëngjes, të enjten, 3 dhjetor:/);
    expect(times(c)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    await c.say("në drekë");
    expect(c.text()).toMatch(/Oraret e lira në drekë, të enjten, 3 dhjetor:/);
    expect(times(c)).toEqual(["12:00", "12:30", "13:00", "13:30"]);
    await c.say("pas orës 15");
    expect(c.text()).toMatch(/Oraret e lira pas orës 15:00, të enjten, 3 dhjetor:/);
    expect(times(c)[0]).toBe("15:00");
    await c.say("para orës 12");
    expect(times(c).at(-1)).toBe("11:30");
    // Another day shows the whole day again.
    await c.say("të premten");
    expect(c.text()).toMatch(/Oraret e lira për të premten, 4 dhjetor/);
    expect(times(c)[0]).toBe("09:00");
  });

  it("«më e hershmja» and «më e vona» take the first and last free time and say which", async () => {
    let c = await toThursday();
    await c.say("më e hershmja");
    expect(c.text()).toMatch(/E enjte, 3 dhjetor, në orën 09:00 — e lirë\./);
    expect(c.text()).toMatch(/Si quheni/);
    c = await toThursday();
    await c.say("ma e vona");
    expect(c.text()).toMatch(/E enjte, 3 dhjetor, në orën 19:30 — e lirë\./);
    c = await toThursday();
    await c.say("sa më herët pasdite");
    expect(c.text()).toMatch(/në orën 12:00 — e lirë/);
    await c.say("Ilir Basha");
    await c.say("ilir.basha@gmail.com");
    await c.say("069 123 4567");
    await c.say("po");
    expect(c.text()).toMatch(/3 dhjetor/);
    const booked = await server.db.prisma.booking.findFirst({ where: { conversationId: c.sessionId }, select: { start: true } });
    expect(booked?.start.toISOString()).toBe("2026-12-03T11:00:00.000Z");
  });

  it("a day and a part of it at the day step go to that day's list, narrowed; a part with no free time says so", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq", business: "klinika-adriatik" });
    await c.say("vizitë kontrolli");
    await c.say("të shtunën në mbrëmje");
    // Saturday 09:00-13:00 only: nothing in the evening, so the whole day is shown.
    expect(c.text()).toMatch(/Nuk ka orare të lira në mbrëmje, të shtunën, 5 dhjetor\. Oraret e lira për të shtunën, 5 dhjetor/);
    expect(times(c)[0]).toBe("09:00");
    await c.say("të enjten pasdite");
    expect(c.text()).toMatch(/Oraret e lira pasdite, të enjten, 3 dhjetor:/);
    expect(times(c)[0]).toBe("12:00");
  });

  it("in English: «afternoon» narrows, «the earliest» picks", async () => {
    const c = await toThursday("en");
    await c.say("afternoon");
    expect(c.text()).toMatch(/Free times in the afternoon on Thursday 3 December:/);
    expect(times(c)[0]).toBe("12:00");
    await c.say("the earliest");
    expect(c.text()).toMatch(/12:00 — free\./);
  });

  it("while moving a booking, «pasdite» narrows the new day's list and «e para e lirë» is said back before moving", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq", business: "berberi-ardit" });
    for (const m of ["qethje", "të martën në 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    await c.say("dua ta shtyj terminin");
    await c.say("të enjten");
    await c.say("pasdite");
    expect(c.text()).toMatch(/Oraret e lira pasdite, të enjten, 3 dhjetor:/);
    expect(times(c)[0]).toBe("12:00");
    await c.say("e para e lirë");
    expect(c.text()).toMatch(/për të enjten, 3 dhjetor, në orën 12:00/);
    await c.say("po");
    const b = await server.db.prisma.booking.findFirst({ where: { conversationId: c.sessionId }, select: { start: true } });
    expect(b?.start.toISOString()).toBe("2026-12-03T11:00:00.000Z");
  });
});
