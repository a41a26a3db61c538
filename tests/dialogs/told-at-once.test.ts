import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * What a customer says in one message after booking is acted on without being asked again: the minutes
 * of a delay, where reminders go, a complaint with what happened; and what they add to it is kept.
 */
describe("told at once, after the booking", () => {
  const server = serverAt(NOW);
  const db = () => server().db.prisma;

  async function booked(lang: "sq" | "en", request: string): Promise<WebChatClient> {
    const c = new WebChatClient(server().url);
    await c.start({ lang });
    for (const m of [request, "Ana Leka", "ana.leka@gmail.com", "069 123 4567", lang === "sq" ? "po" : "yes"]) await c.say(m);
    expect(c.text()).toMatch(/Booking confirmed|Rezervimi u konfirmua/);
    return c;
  }
  const lateOf = async (c: WebChatClient) => (await db().booking.findFirstOrThrow({ where: { conversationId: c.sessionId } })).lateMinutes;
  const ticketsOf = (c: WebChatClient) => db().ticket.findMany({ where: { conversationId: c.sessionId }, select: { kind: true, description: true, bookingId: true } });

  it.each([
    ["en", "haircut at Ardit today at 10", "running about 15 min late", 15],
    ["en", "check-up at DentaPlus today at 4pm", "stuck in traffic, I'll be there in 20", 20],
    ["sq", "fenirim te Adriana sot në 13", "jam në rrugë, vonohem 20 minuta", 20],
  ] as const)("(%s) «%s», then «%s»: the business is told the minutes, none asked", async (lang, request, text, minutes) => {
    const c = await booked(lang, request);
    await c.say(text);
    expect(c.text()).not.toMatch(/How many minutes|Sa minuta/);
    expect(await lateOf(c)).toBe(minutes);
  });

  it("«only send me reminders here in the chat» sets the reminders to the chat at once", async () => {
    const c = await booked("en", "haircut at Ardit tomorrow at 11");
    await c.say("only send me reminders here in the chat");
    expect(c.text()).toMatch(/Now: Web chat/);
    const b = await db().booking.findFirstOrThrow({ where: { conversationId: c.sessionId }, select: { customer: { select: { notifyChannels: true } } } });
    expect(b.customer?.notifyChannels).toEqual(["web"]);
  });

  it("a complaint told with what happened about tomorrow's booking opens at once, on that booking", async () => {
    const c = await booked("sq", "mbushje dhëmbi te DentaPlus nesër në 9");
    await c.say("kam një ankesë për rezervimin e nesërm: më thanë që çmimi është më i lartë se në faqe");
    expect(c.text()).toMatch(/T-\d+/);
    const [tk] = await ticketsOf(c);
    const b = await db().booking.findFirstOrThrow({ where: { conversationId: c.sessionId } });
    expect(tk).toMatchObject({ kind: "complaint", bookingId: b.id });
  });

  it("more told at «shall I send your message?» is sent with the message; special needs are specialised help", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("the payment page keeps crashing when I try to pay");
    expect(c.text()).toMatch(/Shall I send them your message as you wrote it/);
    await c.say("it shows error 500 every time");
    const d = new WebChatClient(server().url);
    await d.start({ lang: "en" });
    await d.say("I need to talk to someone about wheelchair access for my mother");
    await d.say("she needs a ground floor room at the spa");
    expect(await ticketsOf(c)).toEqual([{ kind: "technical", bookingId: null, description: "the payment page keeps crashing when I try to pay\nit shows error 500 every time" }]);
    expect((await ticketsOf(d)).map((x) => x.kind)).toEqual(["specialised"]);
    // A need told in Albanian, naming a kind of service, is for staff too, not a booking at a spa.
    const e = new WebChatClient(server().url);
    await e.start({ lang: "sq" });
    await e.say("kam nevoje per karroce per nenen time kur te vijme te spa");
    expect(e.text()).toMatch(/T'ua dërgojmë mesazhin tuaj/);
    await e.say("po");
    expect((await ticketsOf(e)).map((x) => x.kind)).toEqual(["specialised"]);
  });

  it("«si mund të ankohem …?» and «ndihmë e specializuar» ask what happened, of that kind", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("si mund të ankohem për një biznes?");
    expect(c.text()).not.toMatch(/T'ua dërgojmë mesazhin/);
    await c.say("berberi më vonoi një orë dhe s'më kërkoi as falje");
    const d = new WebChatClient(server().url);
    await d.start({ lang: "sq" });
    await d.say("kam nevojë për ndihmë të specializuar");
    expect(d.text()).not.toMatch(/Fjalë që funksionojnë kudo/);
    await d.say("djali im ka autizëm, a mund të na presin pa radhë?");
    expect(await ticketsOf(c)).toEqual([{ kind: "complaint", bookingId: null, description: "berberi më vonoi një orë dhe s'më kërkoi as falje" }]);
    expect((await ticketsOf(d)).map((x) => [x.kind, x.description])).toEqual([["specialised", "djali im ka autizëm, a mund të na presin pa radhë?"]]);
  });
});
