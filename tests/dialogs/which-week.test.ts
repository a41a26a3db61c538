import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * «next Wednesday» said on a Monday may be the day after tomorrow or the Wednesday of next week: the bot
 * asks which, naming both dates, and keeps the time or part of the day said with it.
 */
describe("«next Wednesday» said early in the week: the bot asks which week", () => {
  const server = serverAt(NOW);

  const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);
  const times = (c: WebChatClient) => labels(c).filter((l) => /^\d\d:\d\d$/.test(l));
  const bookingsOf = (c: WebChatClient) => server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, select: { start: true } });

  async function atDays(lang: "sq" | "en"): Promise<WebChatClient> {
    const c = new WebChatClient(server().url);
    await c.start({ lang, business: "berberi-ardit" });
    await c.say(lang === "sq" ? "qethje" : "haircut");
    expect(c.last.at(-1)?.kind).toBe("days");
    return c;
  }

  it("«të mërkurën tjetër» at the day step asks this week's or next week's; the second button lists the 9th", async () => {
    const c = await atDays("sq");
    await c.say("të mërkurën tjetër");
    expect(c.text()).toMatch(/Cilën ditë keni parasysh: të mërkurën, 2 dhjetor \(këtë javë\), apo të mërkurën, 9 dhjetor \(javën tjetër\)\?/);
    expect(labels(c).slice(0, 2)).toEqual(["mër, 2 dhj", "mër, 9 dhj"]);
    await c.pick("mër, 9 dhj");
    expect(c.text()).toMatch(/Oraret e lira për të mërkurën, 9 dhjetor/);
    expect(times(c)[0]).toBe("09:00");
  });

  it("«next Wednesday at 3pm» in a first message keeps the time; «next week» answers and books the 9th at 15:00", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("I'd like a haircut at Berberi Ardit next Wednesday at 3pm");
    expect(c.text()).toMatch(/Which day do you mean for 15:00: Wednesday 2 December \(this week\) or Wednesday 9 December \(next week\)\?/);
    await c.say("next week");
    expect(c.text()).toMatch(/Wednesday 9 December, at 15:00 — free\./);
    for (const m of ["Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/confirmed/i);
    const [b] = await bookingsOf(c);
    expect(b.start.toISOString()).toBe("2026-12-09T14:00:00.000Z");
  });

  it("a time typed over the question («3:15pm») is kept and the question asked again with it, never today's", async () => {
    const c = await atDays("en");
    await c.say("next wednesday");
    await c.say("3pm");
    expect(c.text()).toMatch(/Which day do you mean for 15:00: Wednesday 2 December \(this week\) or Wednesday 9 December \(next week\)\?/);
    expect(await bookingsOf(c)).toEqual([]);
    await c.say("the 9th");
    expect(c.text()).toMatch(/Wednesday 9 December, at 15:00 — free\./);
  });

  it("a date typed at the question («the 2nd») takes that one, still at the time said", async () => {
    const c = await atDays("en");
    await c.say("next Wednesday at 10");
    expect(c.text()).toMatch(/Which day do you mean for 10:00/);
    await c.say("the 2nd");
    expect(c.text()).toMatch(/Wednesday 2 December, at 10:00 — free\./);
  });

  it("«next Wednesday afternoon», then «this week»: the afternoon's list of the 2nd", async () => {
    const c = await atDays("en");
    await c.say("next Wednesday afternoon");
    expect(c.text()).toMatch(/Which day do you mean: Wednesday 2 December \(this week\) or Wednesday 9 December \(next week\)\?/);
    await c.say("this week");
    expect(c.text()).toMatch(/Free times in the afternoon on Wednesday 2 December/);
    expect(times(c)[0]).toBe("12:00");
  });

  it("no question where the reading is one: «next Monday» on a Monday, «this Wednesday», «Wednesday next week», «të enjten që vjen», a Sunday where the business is closed", async () => {
    for (const [lang, said, day] of [
      ["en", "next Monday", /Monday 7 December/],
      ["en", "this Wednesday", /Wednesday 2 December/],
      ["en", "Wednesday next week", /Wednesday 9 December/],
      ["sq", "të enjten që vjen", /të enjten, 3 dhjetor/],
      ["sq", "të mërkurën e javës tjetër", /të mërkurën, 9 dhjetor/],
      // Berberi Ardit does not open on Sundays: that is the answer, whichever Sunday was meant.
      ["en", "next Sunday", /Berberi Ardit is closed on Sunday 6 December/],
    ] as const) {
      const c = await atDays(lang);
      await c.say(said);
      expect(c.text(), said).not.toMatch(/Cilën ditë keni parasysh|Which day do you mean/);
      expect(c.text(), said).toMatch(day);
    }
  });

  it("moving a booking «to next Thursday»: asked which, then the chosen week's list; «another day» goes to the days", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq", business: "berberi-ardit" });
    for (const m of ["qethje nesër në 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    await c.say("dua ta shtyj terminin për të enjten tjetër");
    expect(c.text()).toMatch(/Cilën ditë keni parasysh: të enjten, 3 dhjetor \(këtë javë\), apo të enjten, 10 dhjetor \(javën tjetër\)\?/);
    await c.say("javën tjetër");
    expect(c.text()).toMatch(/Oraret e lira për të enjten, 10 dhjetor/);
    await c.say("në 11");
    expect(c.text()).toMatch(/u zhvendos për të enjten, 10 dhjetor, në orën 11:00/);
    const [b] = await bookingsOf(c);
    expect(b.start.toISOString()).toBe("2026-12-10T10:00:00.000Z");

    await c.say("dua ta shtyj terminin për të premten tjetër");
    expect(c.text()).toMatch(/Cilën ditë keni parasysh/);
    await c.pick(/Ditë tjetër|Një ditë tjetër/);
    expect(c.last.at(-1)?.kind).toBe("days");
  });

  it("«next Tuesday» on a Monday is next week's, not tomorrow; «next week» said at the question that follows keeps that day", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en", business: "berberi-ardit" });
    await c.say("a haircut next Tuesday at 10");
    expect(c.text()).not.toMatch(/Which day do you mean/);
    expect(c.text()).toMatch(/Tuesday 8 December, at 10:00 — free/);
    for (const m of ["Ana Lee", "ana.lee@example.com", "069 111 2233"]) await c.say(m);
    await c.say("next week");
    expect(c.text()).toMatch(/Please check your booking[\s\S]*Tuesday 8 December at 10:00/);
    await c.say("yes");
    expect((await bookingsOf(c)).map((b) => b.start.toISOString())).toEqual(["2026-12-08T09:00:00.000Z"]);

    await c.say("move it to next Wednesday at 11");
    expect(c.text()).toMatch(/Which day do you mean for 11:00/);
    await c.say("next week");
    await c.say("next week");
    expect(c.text()).toMatch(/to Wednesday 9 December at 11:00\?/);
    await c.say("yes");
    expect((await bookingsOf(c)).map((b) => b.start.toISOString())).toEqual(["2026-12-09T10:00:00.000Z"]);
  });
});
