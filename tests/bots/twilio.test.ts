import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OptedOutError, TwilioSender, WindowClosedError } from "../../bots/twilio/sender.ts";
import { smsSegments } from "../../bots/twilio/sms.ts";
import { FakeTwilio, TwilioWebhooks, type TwilioSent } from "../fakes/twilio.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";

const NOW = "2026-11-25T08:00:00Z";
const SID = `AC${"1a".repeat(16)}`;
const TOKEN = "twilio-test-auth-token";
const PUBLIC_URL = "https://rezervo.example.test";

describe("WhatsApp and SMS through Twilio", () => {
  let fake: FakeTwilio;
  let server: TestServer;
  let hooks: TwilioWebhooks;

  /** Posts an inbound message, waits for the bot's REST replies, returns them. */
  async function say(channel: "sms" | "whatsapp", from: string, body: string, extra: Record<string, string> = {}): Promise<TwilioSent[]> {
    return deliver(channel, hooks.inbound(channel, from, body, extra));
  }
  async function deliver(channel: "sms" | "whatsapp", params: Record<string, string>): Promise<TwilioSent[]> {
    const before = fake.messages.length;
    const res = await hooks.post(`/webhooks/twilio/${channel}`, params);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/xml/);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    await server.runtime.features.twilio!.idle();
    return fake.messages.slice(before).filter((m) => m.params.To.endsWith(params.From.replace(/^whatsapp:/, "")));
  }
  const text = (sent: TwilioSent[]) => sent.map((m) => m.params.Body).join("\n");
  /** The number of the numbered choice whose label matches. */
  const num = (sent: TwilioSent[], label: RegExp) => {
    const line = text(sent).split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
    if (!line) throw new Error(`no choice ${label} in:\n${text(sent)}`);
    return line.split(".")[0];
  };

  beforeAll(async () => {
    fake = await new FakeTwilio(SID, TOKEN).start();
    server = await startTestServer({
      clock: fixedClock(NOW),
      env: {
        PUBLIC_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_URL: fake.url,
        TWILIO_SMS_FROM: "+355680000000", TWILIO_WHATSAPP_FROM: "whatsapp:+355680000001", TWILIO_TEMPLATE_REMINDER_SID: "HX0123456789abcdef0123456789abcdef",
      },
    });
    hooks = new TwilioWebhooks(server.url, PUBLIC_URL, TOKEN);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("books on WhatsApp with numbered choices, answering by number and by label", async () => {
    const phone = "+355691110001";
    let sent = await say("whatsapp", phone, "Përshëndetje");
    expect(text(sent)).toMatch(/1\. Rezervo një termin/);
    expect(sent[0].params.From).toBe("whatsapp:+355680000001");
    expect(sent[0].params.StatusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/status`);
    sent = await say("whatsapp", phone, "1");
    expect(text(sent)).toMatch(/kategorinë/);
    sent = await say("whatsapp", phone, "Berber");
    sent = await say("whatsapp", phone, num(sent, /Ardit/));
    sent = await say("whatsapp", phone, num(sent, /Prerje flokësh/));
    sent = await say("whatsapp", phone, num(sent, /26/));
    sent = await say("whatsapp", phone, "10:00");
    sent = await say("whatsapp", phone, "Arta Hoxha");
    sent = await say("whatsapp", phone, "arta@example.com");
    // The phone step offers the WhatsApp number itself.
    expect(text(sent)).toMatch(/\+355691110001/);
    sent = await say("whatsapp", phone, num(sent, /\+355691110001/));
    expect(text(sent)).toMatch(/e enjte, 26 nëntor në 10:00/);
    sent = await say("whatsapp", phone, num(sent, /Konfirmo/));
    expect(text(sent)).toMatch(/Rezervimi u konfirmua/);
    const booking = await server.db.prisma.booking.findFirstOrThrow({ where: { channel: "whatsapp" }, include: { customer: true } });
    expect(booking.start.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    expect(booking.customer.phone).toBe(phone);
    // Every reply is tracked with its Message SID.
    const rows = await server.db.prisma.outboundMessage.findMany({ where: { channel: "whatsapp", status: "sent" } });
    expect(rows.map((r) => r.providerId)).toEqual(expect.arrayContaining(sent.map((m) => m.sid)));
  });

  it("books by SMS in GSM-7 within two segments per message", async () => {
    const phone = "+355692220002";
    const all: TwilioSent[] = [];
    const step = async (body: string) => {
      const sent = await say("sms", phone, body);
      all.push(...sent);
      return sent;
    };
    let sent = await step("Pershendetje");
    sent = await step(num(sent, /Rezervo/));
    sent = await step(num(sent, /Berber/));
    sent = await step(num(sent, /Ardit/));
    sent = await step(num(sent, /Prerje flokesh/));
    sent = await step(num(sent, /26/));
    sent = await step("11:00");
    sent = await step("Besa Krasniqi");
    sent = await step("besa@example.com");
    sent = await step(num(sent, /\+355692220002/));
    expect(text(sent)).toMatch(/26 nentor ne 11:00/);
    sent = await step(num(sent, /Konfirmo/));
    expect(text(sent)).toMatch(/Rezervimi u konfirmua/);
    // Choices read as plain words after their number: no quote marks where «, », ✓ or emoji were.
    const choiceLines = text(all).split("\n").filter((l) => /^\d+\. /.test(l));
    expect(choiceLines).toContainEqual(expect.stringMatching(/^\d+\. Mbrapa$/));
    expect(choiceLines).toContainEqual(expect.stringMatching(/^\d+\. Me shume dite$/));
    expect(choiceLines).toContainEqual(expect.stringMatching(/^\d+\. Konfirmo$/));
    for (const l of choiceLines) expect(l).not.toMatch(/["'<>]|\s$/);
    for (const m of all) {
      expect(m.params.From).toBe("+355680000000");
      expect(m.params.Body).not.toMatch(/[ëËçÇ·]/);
      expect(smsSegments(m.params.Body)).toMatchObject({ encoding: "GSM-7" });
      expect(smsSegments(m.params.Body).segments).toBeLessThanOrEqual(2);
    }
    expect(await server.db.prisma.booking.count({ where: { channel: "sms" } })).toBe(1);
  });

  it("takes the number written from in words at the phone step, and answers an English first message in English", async () => {
    // WhatsApp, Albanian: «po, ky numri» is the WhatsApp number offered; «jo» asks for another without calling it wrong.
    const arta = "+355697710071";
    let sent = await say("whatsapp", arta, "dua nje qethje te Berberi Ardit te enjten ne 11");
    expect(text(sent)).toMatch(/Si quheni/);
    sent = await say("whatsapp", arta, "Arta Hoxha");
    sent = await say("whatsapp", arta, "arta@example.com");
    expect(text(sent)).toMatch(/1\. Përdor \+355697710071/);
    sent = await say("whatsapp", arta, "jo");
    expect(text(sent)).not.toMatch(/nuk është i vlefshëm/);
    expect(text(sent)).toMatch(/numrin tuaj të telefonit/);
    sent = await say("whatsapp", arta, "po, ky numri");
    expect(text(sent)).toMatch(/Telefoni: \+355 69 771 0071/);
    sent = await say("whatsapp", arta, "po");
    expect(text(sent)).toMatch(/Rezervimi u konfirmua/);
    // SMS, English: the chat starts in English, and "the number I'm texting from" is the sender's.
    const tom = "+355698820082";
    sent = await say("sms", tom, "Hi, can I book a haircut at Berberi Ardit on Thursday at 12?");
    expect(text(sent)).toMatch(/What is your name/);
    sent = await say("sms", tom, "Tom Fischer");
    sent = await say("sms", tom, "tom@example.com");
    sent = await say("sms", tom, "the number I'm texting from");
    expect(text(sent)).toMatch(/Phone: \+355 69 882 0082/);
    sent = await say("sms", tom, "yes");
    expect(text(sent)).toMatch(/Booking confirmed/);
    // In words of their own: "a different one" asks for it; "sure, use the number I'm on" takes this one.
    const mia = "+355699930093";
    sent = await say("whatsapp", mia, "book a haircut at Berberi Ardit on Thursday at 14");
    sent = await say("whatsapp", mia, "Mia Berg");
    sent = await say("whatsapp", mia, "mia@example.com");
    sent = await say("whatsapp", mia, "no, a different one");
    expect(text(sent)).not.toMatch(/not valid/);
    expect(text(sent)).toMatch(/type your phone number/);
    sent = await say("whatsapp", mia, "sorry, sure, use the number I'm on");
    expect(text(sent)).toMatch(/Phone: \+355 69 993 0093/);
    const booked = await server.db.prisma.booking.findMany({ where: { customer: { phone: { in: [arta, tom] } } }, include: { customer: true } });
    expect(booked.map((b) => [b.customer.phone, b.customer.lang]).sort()).toEqual([[arta, "sq"], [tom, "en"]]);
  });

  it("refuses forged signatures with 403 and stores nothing", async () => {
    const params = hooks.inbound("sms", "+355693330003", "Pershendetje");
    const before = fake.messages.length;
    expect((await hooks.post("/webhooks/twilio/sms", params, { signature: "Zm9yZ2Vk" })).status).toBe(403);
    const other = await import("twilio").then((m) => m.default.getExpectedTwilioSignature("another-token", `${PUBLIC_URL}/webhooks/twilio/sms`, params));
    expect((await hooks.post("/webhooks/twilio/sms", params, { signature: other })).status).toBe(403);
    expect((await hooks.post("/webhooks/twilio/status", { MessageSid: "SMx", MessageStatus: "delivered" }, { signature: "Zm9yZ2Vk" })).status).toBe(403);
    await server.runtime.features.twilio!.idle();
    expect(fake.messages.length).toBe(before);
    expect(await server.db.prisma.processedMessage.count({ where: { messageId: params.MessageSid } })).toBe(0);
    expect(await server.db.prisma.conversation.count({ where: { externalId: "+355693330003" } })).toBe(0);
  });

  it("answers a MessageSid delivered twice once", async () => {
    const params = hooks.inbound("whatsapp", "+355696660006", "Përshëndetje");
    expect((await deliver("whatsapp", params)).length).toBeGreaterThan(0);
    expect(await deliver("whatsapp", params)).toHaveLength(0);
  });

  it("answers photos, locations and empty messages politely", async () => {
    const phone = "+355695550005";
    expect(text(await say("whatsapp", phone, "", { NumMedia: "1", MediaContentType0: "image/jpeg" }))).toMatch(/kuptoj vetëm tekst/);
    expect(text(await say("whatsapp", phone, "", { Latitude: "41.33", Longitude: "19.82" }))).toMatch(/kuptoj vetëm tekst/);
    expect(text(await say("sms", phone, "   "))).toMatch(/bosh/);
  });

  it("STOP / NDALO opt out: no more sends until START", async () => {
    const phone = "+355696660006";
    await say("sms", phone, "Pershendetje");
    const stop = await say("sms", phone, "Stop");
    expect(text(stop)).toMatch(/Nuk do te merrni me mesazhe/);
    expect(await server.db.prisma.optOut.findUnique({ where: { phone } })).toMatchObject({ channel: "sms" });
    expect(await say("sms", phone, "Pershendetje")).toHaveLength(0);
    const conv = await server.db.prisma.conversation.findFirstOrThrow({ where: { channel: "sms", externalId: phone } });
    await expect(server.runtime.notifier.sendToConversation(conv.id, [{ text: "Kujtese" }], { purpose: "reminder-24h" })).rejects.toBeInstanceOf(OptedOutError);
    expect(fake.to(phone).filter((m) => m.params.Body === "Kujtese")).toHaveLength(0);
    // NDALO on WhatsApp too makes it "all"; START on SMS leaves WhatsApp opted out.
    expect(text(await say("whatsapp", phone, "ndalo"))).toMatch(/Nuk do të merrni më mesazhe/);
    expect(await server.db.prisma.optOut.findUnique({ where: { phone } })).toMatchObject({ channel: "all" });
    expect(text(await say("sms", phone, "START"))).toMatch(/Mire se u kthyet/);
    expect(await server.db.prisma.optOut.findUnique({ where: { phone } })).toMatchObject({ channel: "whatsapp" });
    expect((await say("sms", phone, "menu")).length).toBeGreaterThan(0);
  });

  it("outside the 24-hour window sends the WhatsApp template, or refuses clearly without one", async () => {
    const phone = "+355697770007";
    await say("whatsapp", phone, "Përshëndetje");
    const conv = await server.db.prisma.conversation.findFirstOrThrow({ where: { channel: "whatsapp", externalId: phone } });
    await server.db.prisma.conversation.update({ where: { id: conv.id }, data: { lastInboundAt: new Date(Date.parse(NOW) - 25 * 3600_000) } });
    const before = fake.messages.length;
    await server.runtime.notifier.sendToConversation(conv.id, [{ text: "Kujtesë:\nnesër në 10:00" }], { purpose: "reminder-24h" });
    const [tpl] = fake.messages.slice(before);
    expect(tpl.params.ContentSid).toBe("HX0123456789abcdef0123456789abcdef");
    expect(JSON.parse(tpl.params.ContentVariables)).toEqual({ 1: "Kujtesë: nesër në 10:00" });
    expect(tpl.params.Body).toBeUndefined();

    const rt = server.runtime;
    const noTemplate = new TwilioSender("whatsapp", { config: { ...rt.config, TWILIO_TEMPLATE_REMINDER_SID: undefined }, prisma: rt.prisma, log: rt.log, clock: rt.clock, client: rt.features.twilio!.client });
    await expect(noTemplate.send({ channel: "whatsapp", externalId: phone }, [{ text: "Kujtesë" }])).rejects.toBeInstanceOf(WindowClosedError);
    expect(fake.messages.length).toBe(before + 1);
    expect(await rt.prisma.outboundMessage.count({ where: { status: "refused", channel: "whatsapp" } })).toBe(1);
  });

  it("delivery callbacks update messages and reminders; 63016 is marked refused", async () => {
    const booking = await server.db.prisma.booking.findFirstOrThrow({ where: { channel: "whatsapp" } });
    const conv = await server.db.prisma.conversation.findFirstOrThrow({ where: { channel: "sms", externalId: "+355692220002" } });
    const reminder = await server.db.prisma.reminder.create({ data: { bookingId: booking.id, kind: "24h", channel: "sms", dueAt: new Date(NOW), status: "sending" } });
    const before = fake.messages.length;
    await server.runtime.notifier.sendToConversation(conv.id, [{ text: "Kujtese per nesër" }], { purpose: `reminder:${reminder.id}` });
    const [sms] = fake.messages.slice(before);
    expect((await server.db.prisma.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).providerId).toBe(sms.sid);
    await server.db.prisma.reminder.update({ where: { id: reminder.id }, data: { status: "sent" } });
    expect((await hooks.post("/webhooks/twilio/status", { MessageSid: sms.sid, MessageStatus: "delivered" })).status).toBe(204);
    // A late "sent" does not undo "delivered".
    await hooks.post("/webhooks/twilio/status", { MessageSid: sms.sid, MessageStatus: "sent" });
    expect((await server.db.prisma.outboundMessage.findFirstOrThrow({ where: { providerId: sms.sid } })).status).toBe("delivered");
    expect((await server.db.prisma.reminder.findUniqueOrThrow({ where: { id: reminder.id } })).status).toBe("delivered");

    const wa = fake.messages.find((m) => m.params.To.startsWith("whatsapp:"))!;
    await hooks.post("/webhooks/twilio/status", { MessageSid: wa.sid, MessageStatus: "failed", ErrorCode: "63016", To: wa.params.To });
    expect(await server.db.prisma.outboundMessage.findFirstOrThrow({ where: { providerId: wa.sid } })).toMatchObject({ status: "refused", error: "63016" });
  });

  it("retries a failed send, and records one that keeps failing", async () => {
    const phone = "+355698880008";
    fake.failNext(503, 20503);
    const sent = await say("sms", phone, "Pershendetje");
    expect(sent.length).toBeGreaterThan(0);
    expect(await server.db.prisma.outboundMessage.count({ where: { address: { path: ["externalId"], equals: phone }, status: "sent" } })).toBe(sent.length);
    fake.failNext(400, 21211, "invalid To");
    expect(await say("sms", phone, "menu")).toHaveLength(0);
    expect(await server.db.prisma.outboundMessage.count({ where: { address: { path: ["externalId"], equals: phone }, status: "failed" } })).toBe(1);
  });

  it("never sends a message twice when the database cannot record that Twilio took it", async () => {
    const phone = "+355699990009";
    const rt = server.runtime;
    const db = server.db.prisma;
    const sender = new TwilioSender("sms", { config: rt.config, prisma: rt.prisma, sql: rt.sql, log: rt.log, clock: rt.clock, client: rt.features.twilio!.client, retryDelays: [5, 5] });
    // A real database fault: the first `failures` writes that mark this phone's messages sent fail.
    const breakMarks = async (failures: number) => {
      await db.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS mark_fault_seq`);
      await db.$executeRawUnsafe(`CREATE SEQUENCE mark_fault_seq`);
      await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION mark_fault() RETURNS trigger AS $$
        BEGIN
          IF NEW.status = 'sent' AND NEW.address->>'externalId' = '${phone}' AND nextval('mark_fault_seq') <= ${failures} THEN
            RAISE EXCEPTION 'could not extend file';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql`);
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS mark_fault ON "OutboundMessage"`);
      await db.$executeRawUnsafe(`CREATE TRIGGER mark_fault BEFORE UPDATE ON "OutboundMessage" FOR EACH ROW EXECUTE FUNCTION mark_fault()`);
    };
    const rows = () => db.outboundMessage.findMany({ where: { address: { path: ["externalId"], equals: phone } }, orderBy: { createdAt: "asc" } });
    try {
      // The mark fails once, then goes in: one SMS, recorded as sent with its SID.
      await breakMarks(1);
      const [first] = await sender.sendTracked({ channel: "sms", externalId: phone }, [{ text: "Kujtesë: nesër në 10:00" }]);
      expect(fake.to(phone).map((m) => m.sid)).toEqual([first]);
      expect((await rows()).map((r) => [r.status, r.providerId])).toEqual([["sent", first]]);

      // The mark never goes in: still one SMS, and the caller hears it went (so nothing resends it).
      await breakMarks(100);
      const [second] = await sender.sendTracked({ channel: "sms", externalId: phone }, [{ text: "Kujtesë: sot në 10:00" }]);
      expect(fake.to(phone).map((m) => m.sid)).toEqual([first, second]);
      expect((await rows()).map((r) => r.status)).toEqual(["sent", "queued"]);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS mark_fault ON "OutboundMessage"`);
    }
  });
});
