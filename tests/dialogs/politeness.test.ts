import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * "hello", "thanks" and "bye" said in the middle of a conversation are answered politely and change
 * nothing: the booking under way goes on, and «faleminderit» at the name step is no name.
 */
describe("greetings, thanks and goodbyes along the way", () => {
  const server = serverAt(NOW);

  const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);

  it("«hello» and «thanks» at the day step keep the booking: the days are asked again, and «Tuesday» is read", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut at Ardit");
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("hello");
    expect(c.text()).toMatch(/^Hello again! Let's go on from where we were\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("thanks");
    expect(c.text()).toMatch(/^You're welcome!/m);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("Tuesday");
    expect(c.text()).toMatch(/Free times on Tuesday 1 December/);
  });

  it("«faleminderit» at the name step is thanks, not a name; the name is asked again", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit nesër në 11");
    expect(c.text()).toMatch(/Si quheni\?/);
    await c.say("faleminderit");
    expect(c.text()).toMatch(/^S'ka përse!/m);
    expect(c.text()).toMatch(/Si quheni\?/);
    expect(c.text()).not.toMatch(/Faleminderit, faleminderit/);
    await c.say("Ana Leka");
    expect(c.text()).toMatch(/Faleminderit, Ana Leka\./);
  });

  it("after a booking, «thanks» is answered and «bye» says goodbye", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en", business: "berberi-ardit" });
    for (const m of ["haircut tomorrow at 12", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/confirmed/i);
    await c.say("thank you!");
    expect(c.text()).toMatch(/^You're welcome!/m);
    expect(c.text()).toMatch(/Can I help you with anything else\?/);
    expect(c.text()).not.toMatch(/I am Rezervo/);
    await c.say("bye");
    expect(c.text()).toMatch(/^Goodbye!/m);
    expect(labels(c)).not.toContain("Sorry");
  });

  it("«wait» and «sorry» at the name step are no name: «No problem — take your time.» and the name asked again", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut at Ardit tomorrow at 1pm");
    expect(c.text()).toMatch(/What is your name\?/);
    await c.say("wait");
    expect(c.text()).toMatch(/^No problem — take your time\./m);
    expect(c.text()).not.toMatch(/Thank you, wait/);
    expect(c.text()).toMatch(/What is your name\?/);
    await c.say("prit pak");
    expect(c.text()).toMatch(/^No problem — take your time\./m);
    await c.say("Ana Leka");
    expect(c.text()).toMatch(/Thank you, Ana Leka\./);
  });

  it("«never mind» or «anulo» in the middle of a booking, with no booking made before, stops it: nothing is booked", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut at Ardit");
    await c.say("never mind");
    expect(c.text()).toMatch(/^OK, I stopped this booking\. Nothing was booked\./m);
    expect(c.text()).toMatch(/Can I help you with anything else\?/);
    c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit nesër në 14");
    expect(c.text()).toMatch(/Si quheni\?/);
    await c.say("anulo");
    expect(c.text()).toMatch(/^Në rregull, e ndalova këtë rezervim\. Nuk u rezervua asgjë\./m);
    expect(c.text()).not.toMatch(/Nuk gjeta rezervime/);
    expect(await server().db.prisma.booking.count({ where: { conversationId: c.sessionId } })).toBe(0);
  });
});
