import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/** A booking for several people ("for me and my wife"): one place at a time, the next offered at the same time. */
describe("a booking for several people", () => {
  const server = serverAt(NOW);
  const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);

  async function firstPlace(c: WebChatClient, request: string, lang: "sq" | "en") {
    await c.start({ lang });
    await c.say(request);
    await c.say("Ana Lee");
    await c.say("ana.lee@example.com");
    await c.say("069 111 2233");
    await c.say(lang === "sq" ? "po" : "yes");
  }

  const held = async (c: WebChatClient) =>
    (await server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId, status: "confirmed" }, orderBy: { createdAt: "asc" } }))
      .map((b) => `${b.contactName} ${b.contactEmail} ${b.start.toISOString()}`);

  it("«dy qethje te Ardit të premten në 11»: the first place, then «po» asks only the next person's name and books the same time", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "dy qethje te Ardit të premten në 11", "sq");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    expect(c.text()).toMatch(/Ta rezervoj të njëjtën orë edhe për personin tjetër\?/);
    await c.say("po");
    expect(c.text()).toMatch(/Si quhet personi tjetër\?/);
    expect(labels(c).some((l) => /Ana Lee/.test(l))).toBe(false);
    await c.say("Leo Lee");
    expect(c.text()).toMatch(/Ju lutem kontrolloni rezervimin/);
    await c.say("po");
    expect(await held(c)).toEqual(["Ana Lee ana.lee@example.com 2026-12-04T10:00:00.000Z", "Leo Lee ana.lee@example.com 2026-12-04T10:00:00.000Z"]);
  });

  it("«haircuts for me and my little boy»: the customer's own haircut first, then the children's haircut for the boy", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "haircuts for me and my little boy at Ardit on Friday at 4pm", "en");
    expect(c.text()).toMatch(/Haircut at Berberi Ardit/);
    await c.say("yes");
    expect(c.text()).toMatch(/Children's haircut, Friday 4 December at 16:00, with the same email and phone\./);
    await c.say("Leo Lee");
    await c.say("yes");
    const made = await server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, orderBy: { createdAt: "asc" }, include: { service: true } });
    expect(made.map((b) => [b.contactName, b.service.nameEn, b.start.toISOString()])).toEqual([
      ["Ana Lee", "Haircut", "2026-12-04T15:00:00.000Z"],
      ["Leo Lee", "Children's haircut", "2026-12-04T15:00:00.000Z"],
    ]);
  });

  it("«haircuts for me and my 6 year old»: the child's haircut is the second place, and the child's name typed at «the next person?» is taken", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "haircuts for me and my 6 year old at Ardit on Saturday at 10", "en");
    expect(c.text()).toMatch(/Haircut at Berberi Ardit/);
    await c.say("Noa Lee");
    expect(c.text()).toMatch(/Please check your booking[\s\S]*Children's haircut[\s\S]*Noa Lee/);
    await c.say("yes");
    const made = await server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, orderBy: { createdAt: "asc" }, include: { service: true } });
    expect(made.map((b) => [b.contactName, b.service.nameEn])).toEqual([["Ana Lee", "Haircut"], ["Noa Lee", "Children's haircut"]]);
  });

  it("where the time has no second place (Kalaja takes one at a time), the nearest free times are offered", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "haircuts for me and my son at Kalaja on Friday at 10am", "en");
    expect(c.text()).toMatch(/Shall I book the same time for the next person too\?/);
    await c.say("yes");
    expect(c.text()).toMatch(/There is no place left for another person on Friday 4 December at 10:00\./);
    expect(labels(c)).toEqual(expect.arrayContaining(["Friday 4 December at 10:30"]));
  });

  it("«no thanks» leaves one booking and goes back to the menu", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "haircuts for me and my wife at Ardit on Friday at 3pm", "en");
    await c.say("no thanks");
    expect(c.text()).toMatch(/Can I help you with anything else\?/);
    expect(await held(c)).toHaveLength(1);
  });

  it("a service changed on the way («jo, më mirë prerje flokësh dhe mjekre») keeps the party: the next person is still asked about", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("dy qethje te Ardit të shtunën në 11");
    await c.say("jo, më mirë prerje flokësh dhe mjekre");
    expect(c.text()).toMatch(/Prerje flokësh dhe mjekre, e shtunë, 5 dhjetor, në orën 11:00 — e lirë/);
    await c.say("Ana Lee");
    await c.say("ana.lee@example.com");
    await c.say("069 111 2233");
    await c.say("po");
    expect(c.text()).toMatch(/Ta rezervoj të njëjtën orë edhe për personin tjetër\?/);
  });

  it("«një qethje për djalin tim»: the name asked is the son's, and the email and phone are the customer's", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("dua një qethje për djalin tim të enjten në 12 te Ardit");
    expect(c.text()).toMatch(/Për kë është rezervimi\?/);
    expect(c.text()).not.toMatch(/Si quheni\?/);
    await c.say("Leo Lee");
    expect(c.text()).toMatch(/Shkruani adresën tuaj të email-it/);
    await c.say("ana.lee@example.com");
    await c.say("069 111 2233");
    await c.say("po");
    expect(await held(c)).toEqual(["Leo Lee ana.lee@example.com 2026-12-03T11:00:00.000Z"]);
  });

  it("«book my wife in» after a booking of one's own: only her name is asked, not the customer's offered, and the details given before are kept", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "haircut at Ardit on Thursday at 1pm", "en");
    await c.say("book my wife in for a manicure at Elegance on Saturday at 3pm");
    expect(c.text()).toMatch(/Who is the booking for\?/);
    expect(labels(c).some((l) => /Ana Lee/.test(l))).toBe(false);
    await c.say("Mira Lee");
    expect(c.text()).toMatch(/Name: Mira Lee\n• Email: ana\.lee@example\.com/);
    await c.say("yes");
    expect(await held(c)).toEqual(["Ana Lee ana.lee@example.com 2026-12-03T12:00:00.000Z", "Mira Lee ana.lee@example.com 2026-12-05T14:00:00.000Z"]);
  });

  it("«dy qethje …, njëra për djalin tim të vogël»: two places, the customer's haircut, then the children's haircut for the boy", async () => {
    const c = new WebChatClient(server().url);
    await firstPlace(c, "dy qethje te Ardit të enjten në 5, njëra për djalin tim të vogël", "sq");
    expect(c.text()).toMatch(/Ta rezervoj të njëjtën orë edhe për personin tjetër\?/);
    await c.say("po");
    expect(c.text()).toMatch(/Prerje për fëmijë, e enjte, 3 dhjetor në 17:00, me të njëjtin email dhe telefon\./);
    await c.say("Leo Lee");
    await c.say("po");
    const made = await server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, orderBy: { createdAt: "asc" }, include: { service: true } });
    expect(made.map((b) => [b.contactName, b.service.nameSq])).toEqual([["Ana Lee", "Prerje flokësh"], ["Leo Lee", "Prerje për fëmijë"]]);
  });
});
