import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/** Which of two bookings in the chat a typed request means, and both of them at once. */
describe("two bookings in one chat", () => {
  const server = serverAt(NOW);

  /** Books by typing in this chat; the details given the first time are taken again. */
  async function book(c: WebChatClient, request: string, lang: "en" | "sq" = "en") {
    await c.say(request);
    if (/your name|Si quheni/i.test(c.text())) {
      await c.say("Ana Lee");
      await c.say("ana.lee@example.com");
      await c.say("069 111 2233");
    } else if (/Ana Lee/.test(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label).join())) {
      await c.pick(/^Ana Lee/);
    }
    await c.say(lang === "en" ? "yes" : "po");
    expect(c.text()).toMatch(/Booking confirmed|Rezervimi u konfirmua/);
  }

  async function chat(lang: "en" | "sq", ...requests: string[]) {
    const c = new WebChatClient(server().url);
    await c.start({ lang });
    for (const r of requests) await book(c, r, lang);
    return c;
  }

  it("a booking named by its service in another form («qethjen») or by «tomorrow's» is the one asked about, not «which one?»", async () => {
    const c = await chat("sq", "qethje te Ardit nesër në 10", "masazh i plotë trupor te Marina Spa të enjten në 12");
    await c.say("dua ta anuloj qethjen");
    expect(c.text()).toMatch(/Të anulojmë rezervimin e së martës, 1 dhjetor, në orën 10:00 te Berberi Ardit\?/);
    await c.say("jo");
    const d = await chat("sq", "pedikyr te Elegance nesër në 11", "pedikyr te Elegance të hënën tjetër në 11");
    await d.say("a mund ta anuloj vetëm pedikyrin e nesërmit?");
    expect(d.text()).toMatch(/Të anulojmë rezervimin e së martës, 1 dhjetor, në orën 11:00 te Sallon Elegance\?/);
  });

  it("«cancel the shave, keep the haircut» and «anulo masazhin, qethja mbetet» cancel the other one", async () => {
    const c = await chat("en", "haircut at Ardit on Wednesday at 10", "razor shave at Ardit on Friday at 5pm");
    await c.say("cancel the shave, keep the haircut");
    expect(c.text()).toMatch(/Cancel your booking of Friday 4 December at 17:00 at Berberi Ardit\?/);
    const d = await chat("sq", "qethje te Ardit të mërkurën në 11", "masazh i plotë trupor te Marina Spa të premten në 12");
    await d.say("anulo masazhin ju lutem, qethja mbetet");
    expect(d.text()).toMatch(/Të anulojmë rezervimin e së premtes, 4 dhjetor, në orën 12:00 te Marina Spa & Masazh\?/);
  });

  it("«me e kalu qethjen për të shtunën n'ora 10» (Gheg) moves the haircut there", async () => {
    const c = await chat("sq", "qethje te Ardit të enjten në 10", "masazh i plotë trupor te Marina Spa të enjten në 13");
    await c.say("a mundem me e kalu qethjen per te shtunen n'ora 10?");
    expect(c.text()).toMatch(/të shtunën, 5 dhjetor, në orën 10:00\?/);
  });

  it("«cancel all my bookings» asks once, listing them, and a yes cancels both", async () => {
    const c = await chat("en", "tyre change at Alba on Thursday at 8:30", "haircut at Kalaja on Saturday at 10");
    await c.say("cancel all my bookings");
    expect(c.text()).toMatch(/Cancel all 2 of your upcoming bookings\?\n• Thursday 3 December at 08:30 · Autoservis Alba · Tyre change\n• Saturday 5 December at 10:00 · Berber Kalaja · Haircut/);
    await c.say("yes");
    expect(c.text().match(/is cancelled/g)).toHaveLength(2);
    await c.say("my bookings");
    expect(c.text()).toMatch(/no upcoming bookings/);
  });

  it("«when is my massage?» shows the massage, and «move it to saturday at 4pm» moves that one", async () => {
    const c = await chat("en", "physio session at Levizja tomorrow at 2pm", "relaxing massage at Vlora Relax Spa on Friday at 4pm");
    await c.say("when is my massage?");
    expect(c.text()).toMatch(/Relaxing massage at Vlora Relax Spa\nFriday 4 December at 16:00/);
    await c.say("ok, move it to saturday at 4pm");
    expect(c.text()).toMatch(/Move your booking of Friday 4 December at 16:00 .* to Saturday 5 December at 16:00\?/);
  });

  it("«kaloni gomat për të premten në 9» moves the tyre change, it does not book another", async () => {
    const c = await chat("sq", "ndërrim gomash te Alba të enjten në 9", "qethje te Kalaja të shtunën në 11");
    await c.say("kaloni gomat për të premten në 9");
    expect(c.text()).toMatch(/të premten, 4 dhjetor, në orën 09:00\?/);
    expect(c.text()).not.toMatch(/Si quheni|kontrolloni rezervimin/);
  });

  it("a pedicure «right after the manicure» that ends at 15:45 is at 16:00, where bookings start every 30 minutes", async () => {
    const c = await chat("en", "manicure at Elegance on Friday at 3pm");
    await c.say("also book me a pedicure at Elegance right after the manicure");
    expect(c.text()).toMatch(/Friday 4 December at 16:00/);
    expect(c.text()).not.toMatch(/bookings here start every 30 minutes/);
  });
});
