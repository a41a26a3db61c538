import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * What customers give or ask on the way: no email at all, a name after «Emri», the cheapest service asked
 * for, a second person "at the same time", the chat's bookings asked as a question and one of them named by
 * its town.
 */
describe("details given or not, and questions on the way", () => {
  const server = serverAt(NOW);
  const db = () => server().db.prisma;
  const active = (c: WebChatClient) =>
    db().booking.findMany({ where: { conversationId: c.sessionId, status: "confirmed" }, orderBy: { start: "asc" }, select: { start: true, contactEmail: true, contactName: true, business: { select: { slug: true } } } });

  it("«nuk kam email» books without one: the phone is asked next and the summary says the confirmation comes in the chat", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    for (const m of ["një qethje te Berberi Ardit nesër në 11", "Agim Hoxha"]) await c.say(m);
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).toContain("Nuk kam email");
    await c.say("nuk kam email");
    expect(c.text()).toMatch(/e rezervojmë pa email/);
    expect(c.text()).toMatch(/numrin tuaj të telefonit/);
    await c.say("069 404 1515");
    expect(c.text()).toMatch(/Email: — \(pa email; konfirmimi vjen këtu në bisedë\)/);
    await c.say("po");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    expect(await active(c)).toEqual([expect.objectContaining({ contactEmail: null, contactName: "Agim Hoxha" })]);
    // The button says the same in English.
    const d = new WebChatClient(server().url);
    await d.start({ lang: "en" });
    for (const m of ["a haircut at Ardit tomorrow at 12", "Ana Leka"]) await d.say(m);
    await d.pick("I have no email");
    expect(d.text()).toMatch(/phone number/);
    // "skip" alone at the email step says the same.
    const e = new WebChatClient(server().url);
    await e.start({ lang: "en" });
    for (const m of ["a haircut at Ardit tomorrow at 13", "Ana Leka", "skip"]) await e.say(m);
    expect(e.text()).toMatch(/without an email/);
  });

  it("«…, nuk kam email» said with the request: no email is asked", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("jam Klodian Xhafa, 069 515 7272, nuk kam email. dua nje larje dhe prerje te berber kalaja te shtunen ne 12");
    expect(c.text()).toMatch(/Ta konfirmoj\?/);
    expect(c.text()).toMatch(/Email: — \(pa email/);
  });

  it("a second booking in a chat that booked without an email offers the same details, and no email is asked", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    for (const m of ["një qethje te Berberi Ardit të mërkurën në 11", "Besnik Hoxha", "nuk kam email", "069 404 2626", "po"]) await c.say(m);
    await c.say("edhe një rruajtje me brisk te Ardit të enjten në 12");
    expect(c.text()).toMatch(/Besnik Hoxha/);
    await c.say("po, të njëjtat");
    expect(c.text()).toMatch(/Email: — \(pa email[\s\S]*Ta konfirmoj\?/);
    await c.say("po");
    expect((await active(c)).map((b) => [b.contactName, b.contactEmail])).toEqual([["Besnik Hoxha", null], ["Besnik Hoxha", null]]);
    // In English: "yes same details" takes them.
    await c.say("and a razor shave there on Friday at 4pm");
    await c.say("yes same details");
    expect(c.text()).toMatch(/Email: — \(pa email[\s\S]*Ta konfirmoj\?/);
    await c.say("jo");
    // "the same again next week" takes them too: straight to the summary.
    await c.say("the same haircut again next Wednesday at 11");
    expect(c.text()).toMatch(/Email: — \(pa email[\s\S]*Ta konfirmoj\?/);
  });

  it("\"…, name Erion Hasa, erion.h@…, 0691120808\" in a hurried request gives all three: straight to the summary", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("book kalaja beard trim sat 11, name Erion Hasa, erion.h@example.com, 0691120808");
    expect(c.text()).toMatch(/Name: Erion Hasa[\s\S]*Shall I confirm it\?/);
  });

  it("«Emri Ilir Basha, email …» in the request gives the name and the email", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("dua nje kontroll te pergjithshem te Autoservis Alba te henen tjeter ne 8. Emri Ilir Basha, email ilir.b@example.com");
    expect(c.text()).not.toMatch(/Si quheni/);
    expect(c.text()).toMatch(/numrin tuaj të telefonit/);
  });

  it(`"what's the cheapest massage at Marina Spa?" chooses it and says its price`, async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("what's the cheapest massage at Marina Spa?");
    expect(c.text()).toMatch(/Back and neck massage \(2,000 lek\)/);
  });

  it(`"can my husband get the same massage at the same time?" books him on the same day and time, his name asked`, async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["full body massage at Marina Spa on Saturday at 11", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    await c.say("can my husband get the same massage at the same time?");
    expect(c.text()).toMatch(/Full body massage, Saturday 5 December, at 11:00 — free/);
    await c.say("Dritan Leka");
    await c.say("yes");
    expect((await active(c)).map((b) => [b.start.toISOString(), b.contactName])).toEqual([
      ["2026-12-05T10:00:00.000Z", "Ana Leka"], ["2026-12-05T10:00:00.000Z", "Dritan Leka"],
    ]);
  });

  it(`"what bookings do I have?" lists them; "cancel the one in Shkoder" is the one at the business there`, async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["haircut at Ardit tomorrow at 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    for (const m of ["beard trim at Berber Kalaja on Thursday at 9", "yes", "yes"]) await c.say(m);
    expect(await active(c)).toHaveLength(2);
    await c.say("what bookings do I have?");
    expect(c.text()).toMatch(/You have 2 upcoming bookings/);
    await c.say("cancel the one in Shkoder");
    expect(c.text()).toMatch(/Berber Kalaja/);
    await c.say("yes");
    expect((await active(c)).map((b) => b.business.slug)).toEqual(["berberi-ardit"]);
  });
});

describe("going back and changing one's mind after a request that said everything at once", () => {
  const server = serverAt(NOW);

  it(`"back" at the times a request went straight to shows the days; a service named there keeps the day asked`, async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut at Kalaja tomorrow");
    expect(c.text()).toMatch(/Free times on Tuesday 1 December/);
    await c.say("back");
    expect(c.text()).toMatch(/Which day suits you\?/);
    await c.say("wash and cut");
    expect(c.text()).toMatch(/Free times on Tuesday 1 December/);
    await c.say("11am");
    expect(c.text()).toMatch(/Tuesday 1 December, at 11:00 — free/);
  });

  it(`"back" at the summary of such a request asks the phone again, the booking kept`, async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("Hi, I'm Ana Berisha (ana.berisha@example.al, 069 555 7001). Could you book me a haircut at Ardit on Friday at 11?");
    expect(c.text()).toMatch(/Shall I confirm it\?/);
    await c.say("back");
    expect(c.text()).toMatch(/phone number/);
    await c.say("069 555 7002");
    expect(c.text()).toMatch(/Phone: \+355 69 555 7002/);
  });

  it(`"never mind, I changed my mind" stops the booking; "can I get a pedicure there … instead?" is a new request`, async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a manicure at Elegance tomorrow at 2pm");
    await c.say("never mind, I changed my mind");
    expect(c.text()).toMatch(/I stopped this booking/);
    await c.say("actually, can I get a pedicure there on Saturday at 11 instead?");
    expect(c.text()).toMatch(/Pedicure, Saturday 5 December, at 11:00 — free/);
  });
});
