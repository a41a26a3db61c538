import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createLogger } from "../../core/log.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { FakeTwilio, TwilioWebhooks } from "../fakes/twilio.ts";

const H = 3600_000;
const SID = `AC${"7e".repeat(16)}`;
const TOKEN = "twilio-reminders-token";
const PUBLIC_URL = "https://rezervo.example.test";

// A marketplace with WhatsApp and SMS through Twilio and no WhatsApp template: outside the 24-hour window
// WhatsApp refuses a message the business starts.
let server: TestServer;
let db: TestDatabase;
let fake: FakeTwilio;
let hooks: TwilioWebhooks;
let n = 0;

beforeAll(async () => {
  fake = await new FakeTwilio(SID, TOKEN).start();
  db = await createTestDatabase();
  server = await startTestServer({
    db,
    env: {
      // Reminders kept in the database (scheduled, run by the tests): a delivery callback can send one again.
      DATABASE_URL: db.url, REMINDERS: "schedule",
      PUBLIC_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_URL: fake.url,
      TWILIO_SMS_FROM: "+355680000000", TWILIO_WHATSAPP_FROM: "whatsapp:+355680000001",
    },
  });
  hooks = new TwilioWebhooks(server.url, PUBLIC_URL, TOKEN);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await fake?.close();
});

/**
 * A booking made on WhatsApp from `phone` 26 hours ahead, whose customer last wrote `wroteAgo` ms ago, with
 * its 24 h reminder run at its due time; the reminder rows and what reached the phone.
 */
async function remindWhatsAppBooking(phone: string, wroteAgo: number, notifyChannels: string[] = []) {
  const prisma = server.db.prisma;
  const service = await prisma.service.findFirstOrThrow({ where: { business: { slug: "berberi-ardit" } } });
  const customer = await prisma.customer.create({ data: { name: "Klient", phone, notifyChannels } });
  const conversationId = (await server.runtime.conversations.start({ channel: "whatsapp", externalId: phone }, { lang: "sq" })).conversationId;
  await prisma.conversation.update({ where: { id: conversationId }, data: { lastInboundAt: new Date(Date.now() - wroteAgo), customerId: customer.id } });
  const start = new Date(Date.now() + 26 * H);
  const b = await prisma.booking.create({
    data: {
      ref: `RZ-W${String(++n).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, conversationId,
      contactName: "Klient", contactPhone: phone, start, end: new Date(start.getTime() + 30 * 60_000), priceLek: 800, channel: "whatsapp",
    },
  });
  const due = ReminderDispatcher.dueAt(start, "24h");
  const d = new ReminderDispatcher({ prisma, notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
  await d.plan(b.id, new Date(due.getTime() - H));
  const result = await d.run(b.id, "24h");
  await server.runtime.features.twilio!.idle();
  const rows = await prisma.reminder.findMany({ where: { bookingId: b.id, kind: "24h" }, orderBy: { channel: "asc" } });
  return { booking: b, result, rows: rows.map((r) => [r.channel, r.status]), sent: fake.to(phone) };
}

describe("reminders of a booking made on WhatsApp", () => {
  it("go on WhatsApp only while WhatsApp takes them: one reminder per phone, not a second by SMS", async () => {
    const phone = "+355692220001";
    const { result, rows, sent } = await remindWhatsAppBooking(phone, 2 * H);
    expect(result).toMatchObject({ kind: "done", sent: 1, failed: 0 });
    expect(sent.map((m) => m.params.To)).toEqual([`whatsapp:${phone}`]);
    expect(sent[0].params.Body).toMatch(/Kujtes/);
    expect(rows).toEqual([["whatsapp", "sent"]]);
  });

  it("go by SMS to the same phone when WhatsApp refuses them (outside 24 hours, no template), and PO by SMS confirms", async () => {
    const phone = "+355692220002";
    const { booking, result, rows, sent } = await remindWhatsAppBooking(phone, 3 * 24 * H);
    expect(result).toMatchObject({ kind: "done", sent: 1, failed: 0 });
    expect(sent.map((m) => [m.params.To, m.params.From])).toEqual([[phone, "+355680000000"]]);
    expect(sent[0].params.Body).toMatch(/Pergjigjuni PO/);
    expect(rows).toEqual([["whatsapp", "sent"]]);
    const res = await hooks.post("/webhooks/twilio/sms", hooks.inbound("sms", phone, "PO"));
    expect(res.status).toBe(200);
    await server.runtime.features.twilio!.idle();
    expect(fake.to(phone).at(-1)?.params.Body).toMatch(/konfirmuat/);
    expect((await server.db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).customerConfirmedAt).not.toBeNull();
  });

  it("go by SMS to the same phone when WhatsApp reports later that one was not delivered, once, and PO by SMS confirms", async () => {
    const phone = "+355692220004";
    const { booking, rows, sent } = await remindWhatsAppBooking(phone, 2 * H);
    expect(rows).toEqual([["whatsapp", "sent"]]);
    expect(sent.map((m) => m.params.To)).toEqual([`whatsapp:${phone}`]);
    const failed = { MessageSid: sent[0].sid, MessageStatus: "undelivered", ErrorCode: "63024", To: `whatsapp:${phone}` };
    expect((await hooks.post("/webhooks/twilio/status", failed)).status).toBe(204);
    await server.runtime.features.twilio!.idle();
    const after = fake.to(phone);
    expect(after.map((m) => [m.params.To, m.params.From])).toEqual([[`whatsapp:${phone}`, "whatsapp:+355680000001"], [phone, "+355680000000"]]);
    expect(after[1].params.Body).toMatch(/Kujtes[\s\S]*Pergjigjuni PO/);
    const row = await server.db.prisma.reminder.findFirstOrThrow({ where: { bookingId: booking.id, kind: "24h" } });
    expect([row.channel, row.status]).toEqual(["whatsapp", "sent"]);
    // The same callback again (Twilio may repeat it) sends nothing more.
    await hooks.post("/webhooks/twilio/status", failed);
    await server.runtime.features.twilio!.idle();
    expect(fake.to(phone)).toHaveLength(2);
    await hooks.post("/webhooks/twilio/sms", hooks.inbound("sms", phone, "PO"));
    await server.runtime.features.twilio!.idle();
    expect(fake.to(phone).at(-1)?.params.Body).toMatch(/konfirmuat/);
    expect((await server.db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).customerConfirmedAt).not.toBeNull();
  });

  it("go on both when the customer chose both in the reminder settings", async () => {
    const phone = "+355692220003";
    const { rows, sent } = await remindWhatsAppBooking(phone, 2 * H, ["whatsapp", "sms"]);
    expect(sent.map((m) => m.params.To).sort()).toEqual([phone, `whatsapp:${phone}`]);
    expect(rows).toEqual([["sms", "sent"], ["whatsapp", "sent"]]);
  });
});
