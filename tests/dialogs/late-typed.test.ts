import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/** How late the customer will be, typed in words as well as pressed: "about a quarter of an hour", «gjysmë ore». */
describe("running late: the minutes typed", () => {
  const server = serverAt(NOW);

  const lateOf = async (c: WebChatClient) =>
    (await server().db.prisma.booking.findFirstOrThrow({ where: { conversationId: c.sessionId }, select: { lateMinutes: true } })).lateMinutes;

  async function booked(lang: "sq" | "en", at: string): Promise<WebChatClient> {
    const c = new WebChatClient(server().url);
    await c.start({ lang, business: "berberi-ardit" });
    const say = lang === "sq" ? [`qethje nesër në ${at}`, "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"] : [`haircut tomorrow at ${at}`, "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"];
    for (const m of say) await c.say(m);
    return c;
  }

  it("\"yes I'll be there, might be 5 min late\" tells the business the 5 minutes and confirms the booking too", async () => {
    const c = await booked("en", "11");
    await c.say("yes I'll be there, might be 5 min late");
    expect(c.text()).toMatch(/about 5 minutes late[\s\S]*Your booking is confirmed as well/);
    const b = await server().db.prisma.booking.findFirstOrThrow({ where: { conversationId: c.sessionId }, select: { lateMinutes: true, customerConfirmedAt: true } });
    expect(b.lateMinutes).toBe(5);
    expect(b.customerConfirmedAt).not.toBeNull();
    // Late alone confirms nothing.
    const d = await booked("sq", "12");
    await d.say("do vonohem 10 minuta");
    expect(d.text()).not.toMatch(/u konfirmua gjithashtu/);
  });

  it("«about a quarter of an hour» at the question is 15 minutes, said to be over the barber's 10", async () => {
    const c = await booked("en", "10");
    await c.say("I'm running late");
    expect(c.text()).toMatch(/How many minutes late/);
    await c.say("about a quarter of an hour");
    expect(c.text()).toMatch(/about 15 minutes late/);
    expect(c.text()).toMatch(/That is longer than they wait/);
    expect(await lateOf(c)).toBe(15);
  });

  it("«nja dhjetë minuta» and «gjysmë ore» are read as minutes", async () => {
    let c = await booked("sq", "11");
    await c.say("po vonohem");
    await c.say("nja dhjetë minuta");
    expect(c.text()).toMatch(/rreth 10 minuta/);
    expect(c.text()).not.toMatch(/përtej tolerancës/);
    expect(await lateOf(c)).toBe(10);
    c = await booked("sq", "12");
    await c.say("po vonohem");
    await c.say("gjysmë ore");
    expect(c.text()).toMatch(/rreth 30 minuta/);
    expect(await lateOf(c)).toBe(30);
  });
});
