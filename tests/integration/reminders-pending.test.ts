import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../core/clock.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { createLogger } from "../../core/log.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const START = Date.parse("2026-11-25T08:00:00Z");
const at = (date: string, hm: string) => zonedToUtc(date, hm, "Europe/Tirane");
let now = START;
let db: TestDatabase;
let server: TestServer;
let sms: FakeSmsProvider;
let n = 0;

beforeAll(async () => {
  sms = await startFakeSmsProvider();
  // Offers are sent by the test itself (WAITLIST=schedule: no offer job runs here); their answers are on.
  // The waiting list keeps its jobs in the database it is given by URL.
  db = await createTestDatabase();
  server = await startTestServer({ db, clock: () => new Date(now), env: { DATABASE_URL: db.url, WAITLIST: "schedule", RATE_LIMIT_PER_MIN: "1000" } });
  if (!server.runtime.notifier.has("sms")) server.runtime.notifier.register(fakeSmsSender(sms.url));
});
afterAll(async () => {
  await server?.close();
  await sms?.close();
  await db?.close();
});

const prisma = () => server.db.prisma;
const barber = () => prisma().service.findFirstOrThrow({ where: { nameSq: "Prerje flokësh", business: { slug: "berberi-ardit" } } });

/** A booking of `phone` at `start`, made on the web, with its 24 h reminder sent (by SMS, to the phone). */
async function remindedBooking(phone: string, start: Date) {
  const service = await barber();
  const customer = (await prisma().customer.findFirst({ where: { phone } })) ?? (await prisma().customer.create({ data: { name: "Klient", phone } }));
  const b = await prisma().booking.create({
    data: { ref: `RZ-P${String(++n).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, contactName: "Klient", contactPhone: phone, start, end: new Date(start.getTime() + 30 * 60_000), priceLek: 800, channel: "web" },
  });
  const due = ReminderDispatcher.dueAt(start, "24h");
  const d = new ReminderDispatcher({ prisma: prisma(), notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
  expect(await d.run(b.id, "24h")).toMatchObject({ sent: 1 });
  return b;
}

/** A waiting-list offer of a place at `start` to the SMS chat of `phone`, sent as the offer job sends it. */
async function offer(phone: string, start: Date) {
  const service = await barber();
  const conv = await prisma().conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "sms", externalId: phone } } });
  const entry = await prisma().waitlistEntry.create({
    data: { businessId: service.businessId, serviceId: service.id, date: start.toISOString().slice(0, 10), conversationId: conv.id, contactName: "Gent Dervishi", contactEmail: "gent@example.com", contactPhone: phone },
  });
  const o = await prisma().waitlistOffer.create({
    data: { entryId: entry.id, businessId: service.businessId, serviceId: service.id, start, end: new Date(start.getTime() + 30 * 60_000), heldUntil: new Date(now + 15 * 60_000) },
  });
  expect(await server.runtime.features.waitlist!.notices.send(o.id, new Date(now))).toBe("sent");
  return o;
}

async function smsFrom(phone: string, text: string) {
  const out = await server.runtime.conversations.handle({ address: { channel: "sms", externalId: phone }, messageId: `SMP-${++n}`, content: { kind: "text", text } });
  return out.replies.map((r) => r.text).join("\n");
}

const stateOf = async (phone: string) =>
  (await prisma().conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "sms", externalId: phone } } })).state as ConversationState;
const booking = (id: string) => prisma().booking.findUniqueOrThrow({ where: { id } });

describe("a reminder's question kept in the conversation state (real database)", () => {
  it("a phone that never wrote by SMS gets its conversation with the reminder and its question; PO answers it once", async () => {
    now = START;
    const phone = "+355693330001";
    const b = await remindedBooking(phone, at("2026-11-26", "10:00"));
    const state = await stateOf(phone);
    expect(state.pending?.by).toBe("reminder");
    expect(state.pending?.choices.map((c) => c.id)).toEqual([`rr.y:${b.id}`, `rr.n:${b.id}`]);
    const conv = await prisma().conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "sms", externalId: phone } }, include: { messages: true } });
    expect(conv.messages.map((m) => (m.body as { text: string }).text).join("\n")).toMatch(/Kujtesë nga Rezervo/);

    expect(await smsFrom(phone, "PO")).toMatch(/E konfirmuat rezervimin te Berberi Ardit/);
    expect((await booking(b.id)).customerConfirmedAt).not.toBeNull();
    expect((await stateOf(phone)).pending).toBeUndefined();
  });

  it("in the middle of booking, a question is answered and other text gets the short help; both keep the question, so PO still confirms", async () => {
    now = START;
    const phone = "+355693330002";
    await smsFrom(phone, "rezervo");
    await smsFrom(phone, "Berber");
    const b = await remindedBooking(phone, at("2026-11-26", "11:00"));
    expect(await smsFrom(phone, "cfare ore ishte?")).toMatch(/Rezervimi juaj: .* në 11:00\. Adresa: .*PO për ta konfirmuar ose JO për ta anuluar/s);
    expect(await smsFrom(phone, "do ta mendoj")).toMatch(/PO \(ose 1\).*JO \(ose 2\)/);
    expect(await smsFrom(phone, "po")).toMatch(/E konfirmuat rezervimin/);
    expect((await booking(b.id)).customerConfirmedAt).not.toBeNull();
  });

  it("a reminder sent after a waiting-list offer is the question PO answers; the offer is left open", async () => {
    now = START;
    const phone = "+355693330003";
    await smsFrom(phone, "Pershendetje");
    const o = await offer(phone, at("2026-11-27", "14:00"));
    expect((await stateOf(phone)).pending?.by).toBe("waitlist");
    const b = await remindedBooking(phone, at("2026-11-26", "12:00"));
    expect(await smsFrom(phone, "PO")).toMatch(/E konfirmuat rezervimin te Berberi Ardit/);
    expect((await booking(b.id)).customerConfirmedAt).not.toBeNull();
    expect(await prisma().waitlistOffer.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ status: "open", bookingId: null });
  });

  it("a waiting-list offer sent after a reminder is the question PO answers: the place is booked, the reminded booking untouched", async () => {
    now = START;
    const phone = "+355693330004";
    await smsFrom(phone, "Pershendetje");
    const b = await remindedBooking(phone, at("2026-11-26", "13:00"));
    const o = await offer(phone, at("2026-11-27", "15:00"));
    expect(await smsFrom(phone, "PO")).toMatch(/Rezervimi u konfirmua!/);
    const taken = await prisma().waitlistOffer.findUniqueOrThrow({ where: { id: o.id } });
    expect(taken.status).toBe("accepted");
    expect((await booking(taken.bookingId!)).start.toISOString()).toBe(at("2026-11-27", "15:00").toISOString());
    expect((await booking(b.id)).customerConfirmedAt).toBeNull();
  });

  it("with a reminder waiting for PO/JO, \"can you take me off the waiting list?\" gives the place up and leaves the booking as it is", async () => {
    now = START;
    const phone = "+355693330009";
    await smsFrom(phone, "Pershendetje");
    const service = await barber();
    const conv = await prisma().conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "sms", externalId: phone } } });
    const entry = await prisma().waitlistEntry.create({
      data: { businessId: service.businessId, serviceId: service.id, date: "2026-11-28", conversationId: conv.id, contactName: "Gent Dervishi", contactEmail: "gent@example.com", contactPhone: phone },
    });
    const b = await remindedBooking(phone, at("2026-11-26", "14:00"));
    expect((await stateOf(phone)).pending?.by).toBe("reminder");
    const said = await smsFrom(phone, "can you take me off the waiting list?");
    expect(said).not.toMatch(/PO \(ose 1\)/);
    expect(said).toMatch(/U hoqët nga lista e pritjes/);
    expect((await prisma().waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("left");
    expect(await booking(b.id)).toMatchObject({ status: "confirmed", customerConfirmedAt: null });
  });

  it("two reminders of one phone sent in one batch ask one joined question: PO asks which booking", async () => {
    now = START;
    const phone = "+355693330005";
    const service = await barber();
    const customer = await prisma().customer.create({ data: { name: "Klient", phone } });
    const [first, second] = await Promise.all(["10:00", "11:00"].map((hm, k) => prisma().booking.create({
      data: { ref: `RZ-PJ${k}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, contactName: "Klient", contactPhone: phone, start: at("2026-11-26", hm), end: at("2026-11-26", hm), priceLek: 800, channel: "web" },
    })));
    const due = ReminderDispatcher.dueAt(second!.start, "24h");
    const d = new ReminderDispatcher({ prisma: prisma(), notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
    expect(await d.runMany([{ bookingId: first!.id, kind: "24h" }, { bookingId: second!.id, kind: "24h" }])).toMatchObject([{ sent: 1 }, { sent: 1 }]);
    expect((await stateOf(phone)).pending?.choices.map((c) => c.id)).toEqual([`rr.y:${first!.id}`, `rr.n:${first!.id}`, `rr.y:${second!.id}`, `rr.n:${second!.id}`]);
    const conv = await prisma().conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "sms", externalId: phone } }, include: { messages: true } });
    expect(conv.messages).toHaveLength(2);
    expect(await smsFrom(phone, "PO")).toMatch(/Cilin doni të konfirmoni/);
    expect(await smsFrom(phone, "2")).toMatch(/E konfirmuat rezervimin/);
    expect((await booking(second!.id)).customerConfirmedAt).not.toBeNull();
    expect((await booking(first!.id)).customerConfirmedAt).toBeNull();
  });
});
