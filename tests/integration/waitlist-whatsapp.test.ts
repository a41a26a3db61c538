import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../core/clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { fillDay } from "../support/waitlist.ts";
import { FakeTwilio, TwilioWebhooks, type TwilioSent } from "../fakes/twilio.ts";

// Wednesday 25 November 2026, 09:00 in Tirana; Thursday 26 November is full.
const START = Date.parse("2026-11-25T08:00:00Z");
const DAY = "2026-11-26";
const SID = `AC${"1a".repeat(16)}`;
const TOKEN = "twilio-test-auth-token";
const PUBLIC_URL = "https://rezervo.example.test";
const TEMPLATE = "HX0123456789abcdef0123456789abcdef";

/** A server with Twilio (WhatsApp and SMS) on its own database, the barber's Thursday full. */
async function setup(template: boolean) {
  const fake = await new FakeTwilio(SID, TOKEN).start();
  const db: TestDatabase = await createTestDatabase();
  const clock = { now: START };
  const server: TestServer = await startTestServer({
    db, clock: () => new Date(clock.now),
    env: {
      DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000", WAITLIST_POLL_MS: "200", WAITLIST_SWEEP_MS: "3600000",
      PUBLIC_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_URL: fake.url,
      TWILIO_SMS_FROM: "+355680000000", TWILIO_WHATSAPP_FROM: "whatsapp:+355680000001",
      ...(template ? { TWILIO_TEMPLATE_REMINDER_SID: TEMPLATE } : {}),
    },
  });
  const hooks = new TwilioWebhooks(server.url, PUBLIC_URL, TOKEN);
  const serviceId = (await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Prerje flokësh", business: { slug: "berberi-ardit" } } })).id;
  const fills = await fillDay(db.prisma, server.runtime.availability, serviceId, DAY, new Date(clock.now));
  /** Posts an inbound message and returns what the bot sent back to that phone. */
  const say = async (channel: "sms" | "whatsapp", from: string, body: string): Promise<TwilioSent[]> => {
    const before = fake.messages.length;
    const res = await hooks.post(`/webhooks/twilio/${channel}`, hooks.inbound(channel, from, body));
    expect(res.status).toBe(200);
    await server.runtime.features.twilio!.idle();
    return fake.messages.slice(before).filter((m) => m.params.To.replace(/^whatsapp:/, "") === from);
  };
  const close = async () => {
    await server.close();
    await db.close();
    await fake.close();
  };
  return { fake, db, server, serviceId, fills, say, close, clock };
}
type Setup = Awaited<ReturnType<typeof setup>>;
const bodies = (sent: TwilioSent[]) => sent.map((m) => m.params.Body ?? "").join("\n");

/** A WhatsApp customer joins Thursday's waiting list, then stays silent for more than 24 hours. */
async function joinOnWhatsApp(s: Setup, phone: string) {
  for (const step of ["rezervo", "Berber", "Berberi Ardit", "Prerje flokësh", "nesër", "Më njoftoni", "çdo orë", "Arta Hoxha"]) await s.say("whatsapp", phone, step);
  const joined = await s.say("whatsapp", phone, "arta@example.com");
  expect(bodies(joined)).toMatch(/U shtuat në listën e pritjes/);
  const conv = await s.db.prisma.conversation.findFirstOrThrow({ where: { channel: "whatsapp", externalId: phone } });
  await s.db.prisma.conversation.update({ where: { id: conv.id }, data: { lastInboundAt: new Date(START - 25 * 3600_000) } });
}

async function freeAt(s: Setup, hm: string) {
  const f = s.fills.find((x) => x.start.getTime() === zonedToUtc(DAY, hm, "Europe/Tirane").getTime())!;
  expect(await s.server.runtime.features.manage!.manage.cancelById(f.id, new Date(s.clock.now))).toBe(true);
  return f;
}

async function waitFor(fake: FakeTwilio, phone: string, test: (m: TwilioSent) => boolean): Promise<TwilioSent> {
  for (let i = 0; i < 400; i++) {
    const m = fake.to(phone).find(test);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no such message to ${phone}: ${JSON.stringify(fake.to(phone).slice(-3))}`);
}

describe("an offer to a WhatsApp customer outside the 24-hour window", () => {
  describe("with a WhatsApp template configured", () => {
    let s: Setup;
    beforeAll(async () => {
      s = await setup(true);
    }, 60_000);
    afterAll(async () => s?.close());

    it("is sent as the template, naming the place; answering PO on WhatsApp books it", async () => {
      const phone = "+355691110001";
      await joinOnWhatsApp(s, phone);
      const before = s.fake.to(phone).length;
      await freeAt(s, "15:00");
      const tpl = await waitFor(s.fake, phone, (m) => !!m.params.ContentSid);
      expect(tpl.params.To).toBe(`whatsapp:${phone}`);
      expect(tpl.params.ContentSid).toBe(TEMPLATE);
      expect(tpl.params.Body).toBeUndefined();
      expect(JSON.parse(tpl.params.ContentVariables)[1]).toMatch(/U lirua një vend te Berberi Ardit për Prerje flokësh, të enjten, 26 nëntor, në orën 15:00.*PO për ta rezervuar/);
      expect(s.fake.to(phone).slice(before).filter((m) => !m.params.To.startsWith("whatsapp:"))).toEqual([]);
      const yes = await s.say("whatsapp", phone, "PO");
      expect(bodies(yes)).toMatch(/Rezervimi u konfirmua!/);
      const b = await s.db.prisma.booking.findFirstOrThrow({ where: { contactPhone: phone } });
      expect([b.start.toISOString(), b.channel, b.status]).toEqual([zonedToUtc(DAY, "15:00", "Europe/Tirane").toISOString(), "whatsapp", "confirmed"]);
    }, 60_000);
  });

  describe("without a template", () => {
    let s: Setup;
    beforeAll(async () => {
      s = await setup(false);
    }, 60_000);
    afterAll(async () => s?.close());

    it("goes by SMS to the same phone instead, and PO by SMS books it once", async () => {
      const phone = "+355691110002";
      await joinOnWhatsApp(s, phone);
      await freeAt(s, "14:00");
      const sms = await waitFor(s.fake, phone, (m) => /Lajm i mire/.test(m.params.Body ?? ""));
      expect(sms.params.To).toBe(phone);
      expect(sms.params.From).toBe("+355680000000");
      expect(sms.params.Body).toMatch(/te enjten, 26 nentor, ne oren 14:00/);
      expect(sms.params.Body).toMatch(/Pergjigjuni PO per ta rezervuar ose JO/);
      // Nothing reached WhatsApp: the free-form message was refused there before any call.
      expect(s.fake.to(phone).filter((m) => m.params.To.startsWith("whatsapp:") && /Lajm/.test(m.params.Body ?? ""))).toEqual([]);
      // The offer is marked sent once Twilio has answered the send, a moment after the fake received it.
      const where = { start: zonedToUtc(DAY, "14:00", "Europe/Tirane") };
      let offer = await s.db.prisma.waitlistOffer.findFirstOrThrow({ where });
      for (let i = 0; i < 100 && offer.notice === "sending"; i++) {
        await new Promise((r) => setTimeout(r, 50));
        offer = await s.db.prisma.waitlistOffer.findFirstOrThrow({ where });
      }
      expect([offer.status, offer.notice]).toEqual(["open", "sent"]);

      const yes = await s.say("sms", phone, "PO");
      expect(bodies(yes)).toMatch(/Rezervimi u konfirmua!/);
      await s.say("sms", phone, "PO");
      const entry = await s.db.prisma.waitlistEntry.findFirstOrThrow({ where: { contactPhone: phone } });
      const booked = await s.db.prisma.booking.findMany({ where: { contactPhone: phone } });
      expect(booked.map((b) => [b.start.toISOString(), b.status, b.contactName, b.contactEmail])).toEqual([
        [zonedToUtc(DAY, "14:00", "Europe/Tirane").toISOString(), "confirmed", entry.contactName, "arta@example.com"],
      ]);
      expect((await s.db.prisma.waitlistEntry.findFirstOrThrow({ where: { contactPhone: phone } })).status).toBe("booked");
    }, 60_000);

    it("another phone's SMS chat cannot answer it", async () => {
      const phone = "+355691110003";
      await joinOnWhatsApp(s, phone);
      await freeAt(s, "16:00");
      await waitFor(s.fake, phone, (m) => /Lajm i mire/.test(m.params.Body ?? ""));
      const offer = await s.db.prisma.waitlistOffer.findFirstOrThrow({ where: { start: zonedToUtc(DAY, "16:00", "Europe/Tirane") } });
      const other = await s.server.runtime.conversations.handle({ address: { channel: "sms", externalId: "+355699990000" }, messageId: "SMother", content: { kind: "choice", id: `wl.y:${offer.id}` } });
      expect(other.replies[0].text).not.toMatch(/Rezervimi u konfirmua/);
      expect((await s.db.prisma.waitlistOffer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("open");
    }, 60_000);
  });
});
