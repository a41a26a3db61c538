import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * Two services of one business asked one after the other ("a haircut and then a razor shave right after",
 * «një qethje dhe pastaj një rruajtje»): the first is booked at the time said, then the second is offered
 * starting when the first ends, confirmed as usual.
 */
describe("two services one after the other", () => {
  const server = serverAt(NOW);
  const held = async (c: WebChatClient) =>
    (await server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId, status: "confirmed" }, orderBy: { start: "asc" }, select: { start: true, service: { select: { nameEn: true } } } }))
      .map((b) => `${b.service.nameEn} ${b.start.toISOString()}`);

  it("\"a haircut and then a razor shave right after at Ardit tomorrow at 11\": the haircut at 11, the shave at 11:30", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a haircut and then a razor shave right after at Ardit tomorrow at 11");
    expect(c.text()).toMatch(/I book them one after the other: first "Haircut", then "Razor shave" right after it\.[\s\S]*Haircut, Tuesday 1 December, at 11:00 — free/);
    for (const m of ["Luan Bala", "luan.b@example.com", "069 109 1717", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/Now the other service you asked for, "Razor shave", right after it, Tuesday 1 December at 11:30:[\s\S]*Shall I confirm it\?/);
    await c.say("yes");
    expect(await held(c)).toEqual(["Haircut 2026-12-01T10:00:00.000Z", "Razor shave 2026-12-01T10:30:00.000Z"]);
  });

  it("«një qethje dhe pastaj një rruajtje me brisk» when the time after it is taken offers the nearest free times", async () => {
    // Both of Ardit's chairs are taken at 11:30 on Wednesday.
    const { runtime, db } = server();
    const shave = await db.prisma.service.findFirstOrThrow({ where: { nameEn: "Razor shave", business: { slug: "berberi-ardit" } } });
    for (const i of [1, 2]) {
      const other = await runtime.conversations.start({ channel: "web", externalId: `other-${i}` }, { lang: "sq" });
      const r = await runtime.bookings.book({
        serviceId: shave.id, start: new Date("2026-12-02T10:30:00Z"), contact: { name: "Klient Tjetër", email: `tjeter${i}@example.al`, phone: `+35569100000${i}` },
        channel: "web", conversationId: other.conversationId, requestKey: `taken-${i}`, lang: "sq", now: new Date(NOW),
      });
      expect(r.ok).toBe(true);
    }
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("nje qethje dhe pastaj nje rruajtje me brisk te Ardit te merkuren ne 11");
    expect(c.text()).toMatch(/I rezervoj njërin pas tjetrit: së pari «Prerje flokësh», pastaj «Rruajtje me brisk» menjëherë pas\./);
    for (const m of ["Luan Bala", "luan.b@example.com", "069 109 1717", "po"]) await c.say(m);
    expect(c.text()).toMatch(/Për shërbimin tjetër që kërkuat, «Rruajtje me brisk», e mërkurë, 2 dhjetor në 11:30 nuk është e lirë\. Oraret e lira më të afërta:/);
    expect(await held(c)).toEqual(["Haircut 2026-12-02T10:00:00.000Z"]);
  });

  it("one service named on both sides, or \"haircut and beard\" (one service), books one", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut and beard at Ardit on Thursday at 10");
    expect(c.text()).not.toMatch(/one after the other/);
    expect(c.text()).toMatch(/Haircut and beard, Thursday 3 December, at 10:00 — free/);
  });
});
