import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../core/clock.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * A complaint about a booking, with two bookings in the chat: the one it names by its business (or its
 * service, or its day) is the ticket's, when only one fits; typed at "which booking?" too.
 */
describe("a complaint names its booking", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A web chat with a manicure at Sallon Elegance today at 15:00 and a haircut at Berberi Ardit tomorrow at 10:00. */
  async function twoBookings(lang: "sq" | "en", tag: string): Promise<{ chat: WebChatClient; elegance: string; ardit: string }> {
    const chat = new WebChatClient(server.url);
    await chat.start({ lang });
    const ids: string[] = [];
    for (const [slug, service, date, time] of [["sallon-elegance", "Manikyr", "2026-11-30", "15:00"], ["berberi-ardit", "Prerje flokësh", "2026-12-01", "10:00"]]) {
      const s = await server.db.prisma.service.findFirstOrThrow({ where: { nameSq: service, business: { slug } } });
      const r = await server.runtime.bookings.book({
        serviceId: s.id, start: zonedToUtc(date, time, "Europe/Tirane"), channel: "web", conversationId: chat.sessionId, lang, now: new Date(NOW),
        contact: { name: "Nora Basha", email: `nora.${tag}@example.com`, phone: "+355691234567" }, requestKey: `ticket-named:${tag}:${slug}`,
      });
      if (!r.ok) throw new Error(`setup booking at ${slug} failed`);
      ids.push(r.booking.id);
    }
    return { chat, elegance: ids[0], ardit: ids[1] };
  }
  const ticketOf = (conversationId: string) => server.db.prisma.ticket.findFirst({ where: { conversationId }, select: { bookingId: true, description: true } });

  it("«I was charged twice for my visit at Sallon Elegance»: the ticket is about that booking, not asked", async () => {
    const { chat, elegance } = await twoBookings("en", "a");
    await chat.say("I was charged twice for my visit at Sallon Elegance, can someone from your team help?");
    await chat.say("yes please");
    expect(chat.text()).not.toMatch(/Which booking/);
    expect((await ticketOf(chat.sessionId))?.bookingId).toBe(elegance);
  });

  it("«atë te Berberi Ardit» typed at «Për cilin rezervim bëhet fjalë?» picks that booking", async () => {
    const { chat, ardit } = await twoBookings("sq", "b");
    await chat.say("dua te bej nje ankese");
    await chat.say(chat.text().match(/(\d+)\. Ankes/)?.[1] ?? "Ankesë për një rezervim");
    expect(await ticketOf(chat.sessionId)).toBeNull();
    await chat.say("atë te Berberi Ardit");
    await chat.say("me mbajten 40 minuta ne pritje edhe pse kisha rezervim");
    expect((await ticketOf(chat.sessionId))?.bookingId).toBe(ardit);
  });
});
