import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";
import { FakeTwilio } from "../fakes/twilio.ts";
import { startFakeSmtp, type FakeSmtp } from "../fakes/smtp.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";
const SID = `AC${"4d".repeat(16)}`;
const TOKEN = "notify-typed-token";

/**
 * Where reminders go, set by typing as well as by the buttons: «vetëm me email», "also SMS", «pa SMS»,
 * «si më parë», "done"; a channel the customer cannot get is said so, and nothing changes.
 */
describe("the reminder channels, typed", () => {
  let server: TestServer;
  let twilio: FakeTwilio;
  let smtp: FakeSmtp;
  beforeAll(async () => {
    twilio = await new FakeTwilio(SID, TOKEN).start();
    smtp = await startFakeSmtp();
    server = await startTestServer({
      clock: fixedClock(NOW),
      env: { RATE_LIMIT_PER_MIN: "1000", PUBLIC_URL: "https://rezervo.test", SMTP_URL: smtp.url, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_URL: twilio.url, TWILIO_SMS_FROM: "+355680000000" },
    });
  });
  afterAll(async () => {
    await server?.close();
    await twilio?.close();
    await smtp?.close();
  });

  const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);
  async function channelsOf(c: WebChatClient): Promise<string[]> {
    const conv = await server.db.prisma.conversation.findUniqueOrThrow({ where: { id: c.sessionId }, select: { customerId: true } });
    const customer = await server.db.prisma.customer.findUniqueOrThrow({ where: { id: conv.customerId ?? "" }, select: { notifyChannels: true } });
    return customer.notifyChannels;
  }
  async function booked(lang: "sq" | "en"): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start({ lang, business: "berberi-ardit" });
    const say = lang === "sq" ? ["qethje nesër në 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"] : ["haircut tomorrow at 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"];
    for (const m of say) await c.say(m);
    return c;
  }

  it("in Albanian: «vetëm me email», «edhe sms», «pa sms», «si më parë», a button, then «mjaft, faleminderit»", async () => {
    const c = await booked("sq");
    await c.say("njoftimet");
    expect(c.text()).toMatch(/Tani: parazgjedhja/);
    expect(labels(c)).toEqual(expect.arrayContaining(["SMS", "Email", "Chat në web"]));
    await c.say("vetëm me email");
    expect(c.text()).toMatch(/Tani: Email\./);
    expect(await channelsOf(c)).toEqual(["email"]);
    await c.say("edhe sms");
    expect(c.text()).toMatch(/Tani: Email, SMS\./);
    await c.say("pa sms ju lutem");
    expect(c.text()).toMatch(/Tani: Email\./);
    expect(await channelsOf(c)).toEqual(["email"]);
    await c.say("si më parë");
    expect(c.text()).toMatch(/Tani: parazgjedhja/);
    expect(await channelsOf(c)).toEqual([]);
    await c.pick("SMS");
    expect(c.text()).toMatch(/Tani: SMS\./);
    await c.say("mjaft, faleminderit");
    expect(c.text()).toMatch(/U ruajt\. Kujtesat do të vijnë siç zgjodhët\./);
    expect(await channelsOf(c)).toEqual(["sms"]);
  });

  it("in English: «only by email» then «telegram», which this customer cannot get: said, nothing changed", async () => {
    const c = await booked("en");
    await c.say("my reminders");
    expect(c.text()).toMatch(/Now: the default/);
    await c.say("only by email please");
    expect(c.text()).toMatch(/Now: Email\./);
    await c.say("telegram");
    expect(c.text()).toMatch(/Reminders by Telegram are not possible for you here/);
    expect(c.text()).toMatch(/Now: Email\./);
    expect(await channelsOf(c)).toEqual(["email"]);
    await c.say("no email, text messages instead");
    expect(c.text()).toMatch(/Now: SMS\./);
    expect(await channelsOf(c)).toEqual(["sms"]);
    await c.say("that's all");
    expect(c.text()).toMatch(/Saved\. Reminders will come the way you chose\./);
  });

  it("asked as a question that names the channels («a mund të m'i dërgoni kujtesat vetëm me email?»), it is done, not explained", async () => {
    const bookAt = async (hour: number) => {
      const x = new WebChatClient(server.url);
      await x.start({ lang: "sq", business: "berberi-ardit" });
      for (const m of [`qethje nesër në ${hour}`, "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await x.say(m);
      expect(x.text()).toMatch(/Rezervimi u konfirmua/);
      return x;
    };
    const c = await bookAt(11);
    await c.say("a mund te me dergoni kujtesat vetem me email?");
    expect(c.text()).toMatch(/Tani: Email\./);
    expect(await channelsOf(c)).toEqual(["email"]);
    // A question that names none is still the FAQ's answer.
    const d = await bookAt(12);
    await d.say("si funksionojne kujtesat?");
    expect(d.text()).not.toMatch(/Tani:/);
    expect(await channelsOf(d)).toEqual([]);
  });
});
