// The support team's daily digest: yesterday's figures in Tirana's day, the most frequent messages the
// bot did not understand with personal data masked, posted once to the Slack support channel however
// many instances look at 08:00.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const CHANNEL = "C0SUPPORT";

describe("the daily support digest", () => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  // Wednesday 25 November 2026, 10:00 in Tirana; moved to the next morning for the digest.
  let now = new Date("2026-11-25T09:00:00Z");
  const clock = () => new Date(now);

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await createTestDatabase();
    const env = { SLACK_BOT_TOKEN: "xoxb-digest-test", SLACK_SIGNING_SECRET: "digest-signing-secret", SLACK_SUPPORT_CHANNEL: CHANNEL, SLACK_API_URL: slack.apiUrl, REMINDERS: "off", DIGEST: "on" };
    a = await startTestServer({ db, clock, env });
    b = await startTestServer({ db, clock, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
    await slack?.close();
  });

  /** Digest posts: top-level messages in the support channel (ticket posts carry a ticket number). */
  const digests = () => slack.sent("chat.postMessage").filter((c) => c.payload.channel === CHANNEL && /Përmbledhja/.test(String(c.payload.text)));

  it("posts yesterday's bookings, cancellations, waiting-list offers, tickets and unmatched messages once, masked", async () => {
    // Customers write things nobody understands, through the real chat.
    for (const [i, text] of ["zgjgj blorp 069 123 4567", "Zgjgj   blorp +355691112233", "asdf qwer arta@example.com", "xkcd 12345 plonk"].entries()) {
      const c = new WebChatClient(i % 2 ? b.url : a.url);
      await c.start({ lang: "sq" });
      await c.say(text);
      expect(c.text()).toMatch(/nuk e kuptova/i);
    }
    await a.runtime.features.digest!.recorded();
    await b.runtime.features.digest!.recorded();

    // Bookings and tickets around Tirana's day of 25 November (UTC+1): the database stamps rows with its
    // own clock, so they are written with the instants the figures are about.
    const service = await db.prisma.service.findFirstOrThrow({ where: { business: { slug: "berberi-ardit" } } });
    const customer = await db.prisma.customer.create({ data: { name: "Arta Hoxha" } });
    let n = 0;
    const booking = (channel: string, createdAt: string, extra: { status?: string; cancelledAt?: string } = {}) => {
      const start = new Date(Date.UTC(2026, 11, 1, 9) + n * 3600_000);
      return db.prisma.booking.create({
        data: {
          ref: `RZ-G${String(++n).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id,
          contactName: "Arta Hoxha", contactPhone: "+355691234567", start, end: new Date(start.getTime() + 1800_000), priceLek: service.priceLek,
          channel, createdAt: new Date(createdAt), status: extra.status ?? "confirmed", cancelledAt: extra.cancelledAt ? new Date(extra.cancelledAt) : null,
        },
      });
    };
    const morning = await booking("web", "2026-11-25T08:00:00Z");
    const afterMidnight = await booking("web", "2026-11-24T23:30:00Z"); // 00:30 on the 25th in Tirana
    await booking("telegram", "2026-11-25T12:00:00Z");
    await booking("sms", "2026-11-25T22:30:00Z"); // 23:30 on the 25th
    const nextDay = await booking("whatsapp", "2026-11-25T23:30:00Z"); // already the 26th in Tirana
    await booking("web", "2026-11-24T22:30:00Z"); // still the 24th
    await booking("telegram", "2026-11-25T10:00:00Z", { status: "released" }); // an unpaid hold, never a booking
    await booking("web", "2026-11-20T10:00:00Z", { status: "cancelled", cancelledAt: "2026-11-25T15:00:00Z" });
    await booking("web", "2026-11-20T11:00:00Z", { status: "cancelled", cancelledAt: "2026-11-26T09:00:00Z" });

    const ticket = async (createdAt: string, staffAfterMin: number[]) => {
      const at = new Date(createdAt);
      const t = await db.prisma.ticket.create({ data: { conversationId: "digest-conv", kind: "technical", description: "Nuk më vjen kodi", createdAt: at } });
      for (const m of staffAfterMin) {
        await db.prisma.ticketMessage.create({ data: { ticketId: t.id, author: "staff", authorName: "Erion", text: "Po e shohim", createdAt: new Date(at.getTime() + m * 60_000) } });
      }
    };
    await ticket("2026-11-25T09:00:00Z", [10, 200]);
    await ticket("2026-11-25T11:00:00Z", [30]);
    await ticket("2026-11-25T13:00:00Z", []);
    await ticket("2026-11-24T13:00:00Z", [24 * 60]); // opened the day before

    // Waiting-list offers: made on the 25th (Tirana) or not, taken (the customer's yes booked the held
    // place) on the 25th or not.
    const entry = await db.prisma.waitlistEntry.create({
      data: { businessId: service.businessId, serviceId: service.id, date: "2026-12-01", conversationId: "digest-conv", contactName: "Arta Hoxha" },
    });
    const offer = (createdAt: string, status: string, bookingId?: string) => {
      const start = new Date(Date.UTC(2026, 11, 1, 9));
      return db.prisma.waitlistOffer.create({
        data: { entryId: entry.id, businessId: service.businessId, serviceId: service.id, start, end: new Date(start.getTime() + 1800_000), heldUntil: new Date(new Date(createdAt).getTime() + 900_000), status, bookingId, notice: "sent", createdAt: new Date(createdAt) },
      });
    };
    await offer("2026-11-25T07:50:00Z", "accepted", morning.id); // made and taken on the 25th
    await offer("2026-11-24T22:50:00Z", "accepted", afterMidnight.id); // made at 23:50 on the 24th, taken at 00:30 on the 25th
    await offer("2026-11-25T22:10:00Z", "accepted", nextDay.id); // made at 23:10 on the 25th, taken on the 26th
    await offer("2026-11-25T10:00:00Z", "declined");
    await offer("2026-11-25T14:00:00Z", "expired");
    await offer("2026-11-24T12:00:00Z", "expired"); // the day before

    // 07:30 in Tirana on the 26th: too early, nothing goes out.
    now = new Date("2026-11-26T06:30:00Z");
    expect(await a.runtime.features.digest!.runDue()).toEqual({ kind: "early" });
    expect(digests()).toHaveLength(0);

    // 08:00: both instances look; one sends.
    now = new Date("2026-11-26T07:00:05Z");
    const results = await Promise.all([a.runtime.features.digest!.runDue(), b.runtime.features.digest!.runDue()]);
    expect(results.map((r) => r.kind).sort()).toEqual(["sent", "taken"]);
    expect(await a.runtime.features.digest!.runDue()).toEqual({ kind: "taken", day: "2026-11-25" });
    expect(digests()).toHaveLength(1);

    const text = String(digests()[0].payload.text);
    expect(text).toMatch(/25 nëntor/);
    const lines = text.split("\n");
    expect(lines).toContain("Rezervime të reja: 4");
    expect(lines).toEqual(expect.arrayContaining(["• Web chat: 2", "• Telegram: 1", "• SMS: 1"]));
    expect(text).not.toMatch(/WhatsApp/);
    expect(lines).toContain("Anulime: 1");
    expect(lines).toContain("Lista e pritjes: 4 vende të ofruara, 2 të pranuara");
    expect(lines).toContain("Kërkesa për ndihmë: 3 të hapura, 2 me përgjigje nga stafi");
    expect(lines).toContain("Koha mediane deri në përgjigjen e parë: 20 min");
    const top = lines.slice(lines.indexOf("Mesazhet që boti nuk i kuptoi më shpesh:") + 1);
    expect(top).toEqual(["1. 2× «zgjgj blorp [phone]»", "2. 1× «asdf qwer [email]»", "3. 1× «xkcd # plonk»"]);
    for (const personal of ["069", "691112233", "1234567", "arta@", "12345"]) expect(text).not.toContain(personal);
  });
});
