import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStripe } from "../fakes/stripe.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const START = Date.parse("2026-11-25T08:00:00Z");

const arta = { name: "Arta Hoxha", email: "arta@example.com", phone: "069 123 4567" };

describe("refunds when a paid booking is cancelled, over the web chat", () => {
  let db: TestDatabase;
  let server: TestServer;
  let stripe: FakeStripe;
  let now = START;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    db = await createTestDatabase();
    server = await startTestServer({
      db, clock: () => new Date(now),
      env: { ...stripe.env(), DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000", PAYMENTS_POLL_MS: "3600000" },
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await stripe?.close();
  });

  async function history(c: WebChatClient): Promise<string[]> {
    const res = await fetch(`${server.url}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } });
    const json = (await res.json()) as { messages: { direction: string; text: string }[] };
    return json.messages.filter((m) => m.direction === "out").map((m) => m.text);
  }

  /** Books on Thursday 26 November and pays on the Checkout page; Stripe's signed webhook confirms it. */
  async function paidBooking(category: string, business: RegExp, service: RegExp, time: string) {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick(category);
    await c.pick(business);
    await c.pick(service);
    await c.pick(/26/);
    await c.pick(time);
    await c.say(arta.name);
    await c.say(arta.email);
    await c.say(arta.phone);
    await c.pick(/Konfirmo/);
    const session = stripe.sessionByUrl(c.last.find((r) => r.link)!.link!.url)!;
    const paid = stripe.event("checkout.session.completed", stripe.pay(session.id));
    const res = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": stripe.sign(paid.payload) }, body: paid.payload });
    expect(res.status).toBe(200);
    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId } });
    expect(booking.status).toBe("confirmed");
    return { c, session: stripe.sessions.get(session.id)!, booking };
  }

  const refundCalls = (bookingId: string) => stripe.calls.filter((x) => x.path === "/v1/refunds" && x.params.metadata && (x.params.metadata as Record<string, string>).bookingId === bookingId);

  it("refunds a card payment cancelled in time, says so, and refunds once when the cancel is repeated", async () => {
    const { c, session, booking } = await paidBooking("Spa & masazh", /Vlora Relax/, /^Masazh relaksues/, "12:00");
    await c.pick("Rezervimet e mia");
    await c.pick(/26 nëntor në 12:00/);
    await c.pick("Anulo");
    // Told before saying yes: free cancel, and the money comes back.
    expect(c.text()).toMatch(/Anulimi është falas deri 24 orë para\. Pagesa prej 4000 lekë që keni bërë me kartë ju kthehet e plotë\./);
    await c.pick("Po, anuloje");
    expect(c.text()).toMatch(new RegExp(`Rezervimi ${booking.ref} .* u anulua`));
    expect(c.text()).toMatch(/4000 lekë ju kthyen në kartë/);
    expect(stripe.refunds).toEqual([{ payment_intent: session.payment_intent, amount: 400_000, metadata: { bookingId: booking.id, paymentId: session.metadata.paymentId, bookingRef: booking.ref } }]);
    expect(refundCalls(booking.id).map((x) => x.idempotencyKey)).toEqual([`refund:${booking.id}`]);
    const after = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { payments: true } });
    expect([after.status, after.paymentStatus, after.payments[0].status]).toEqual(["cancelled", "refunded", "refunded"]);

    // The cancel again (the erasure path, a repeated refund, the poll): no second refund.
    expect(await server.runtime.features.manage!.manage.cancelById(booking.id, new Date(now))).toBe(false);
    expect(await server.runtime.features.payments!.payments.refundCancelled(booking.id, new Date(now))).toBe(true);
    expect(await server.runtime.features.payments!.refunds()).toBe(0);
    expect(stripe.refunds.filter((r) => r.payment_intent === session.payment_intent)).toHaveLength(1);
  });

  it("a refund Stripe made whose answer was lost is asked again with the same key and made once", async () => {
    now = START - 24 * 3600_000; // Tuesday: the dentist's 48 hours of free cancelling have not begun
    try {
      const { c, session, booking } = await paidBooking("Klinikë dentare", /DentaPlus/, /^Pastrim profesional/, "11:00");
      stripe.dropNextResponse("/v1/refunds");
      await c.pick("Rezervimet e mia");
      await c.pick(/26 nëntor në 11:00/);
      await c.pick("Anulo");
      expect(c.text()).toMatch(/Pagesa prej 2000 lekë që keni bërë me kartë ju kthehet e plotë/);
      await c.pick("Po, anuloje");
      expect(c.text()).toMatch(/2000 lekë ju kthyen në kartë/);
      const calls = refundCalls(booking.id);
      expect(calls.length).toBe(2); // the SDK retried after the cut connection
      expect(new Set(calls.map((x) => x.idempotencyKey))).toEqual(new Set([`refund:${booking.id}`]));
      expect(stripe.refunds.filter((r) => r.payment_intent === session.payment_intent)).toEqual([
        { payment_intent: session.payment_intent, amount: 200_000, metadata: { bookingId: booking.id, paymentId: session.metadata.paymentId, bookingRef: booking.ref } },
      ]);
      const after = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
      expect(after.paymentStatus).toBe("refunded");
    } finally {
      now = START;
    }
  });

  it("outside the free window tells the customer before the cancel that nothing is refunded, and refunds nothing", async () => {
    // DentaPlus lets you cancel free up to 48 hours before; Thursday 10:00 is 25 hours away.
    const { c, session, booking } = await paidBooking("Klinikë dentare", /DentaPlus/, /^Pastrim profesional/, "10:00");
    const before = stripe.refunds.length;
    await c.pick("Rezervimet e mia");
    await c.pick(/26 nëntor në 10:00/);
    await c.pick("Anulo");
    expect(c.text()).toMatch(/jashtë afatit të anulimit falas\. Pagesa prej 2000 lekë që keni bërë me kartë nuk kthehet/);
    expect(c.text()).not.toMatch(/ju kthehet/);
    await c.pick("Po, e pranoj dhe anuloje");
    expect(c.text()).toMatch(/u anulua/);
    expect(c.text()).toMatch(/Pagesa prej 2000 lekë nuk kthehet/);
    expect(c.text()).not.toMatch(/kthyen/);
    expect(await server.runtime.features.payments!.refunds()).toBe(0);
    expect(stripe.refunds.length).toBe(before);
    expect(stripe.refunds.some((r) => r.payment_intent === session.payment_intent)).toBe(false);
    const after = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { payments: true } });
    expect([after.status, after.paymentStatus, after.payments[0].status]).toEqual(["cancelled", "deposit_paid", "paid"]);
  });

  it("when Stripe is down the cancel stands, and the refund is made by the next poll and told once", async () => {
    const { c, session, booking } = await paidBooking("Spa & masazh", /Vlora Relax/, /^Masazh sportiv/, "13:00");
    await c.pick("Rezervimet e mia");
    await c.pick(/26 nëntor në 13:00/);
    await c.pick("Anulo");
    stripe.failNext(3); // the SDK's two retries fail too
    await c.pick("Po, anuloje");
    expect(c.text()).toMatch(/u anulua/);
    expect(c.text()).toMatch(/Kthimi i 3500 lekë në kartë po përgatitet/);
    const held = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { payments: true } });
    expect([held.status, held.payments[0].status]).toEqual(["cancelled", "refunding"]);
    // "Rezervimet e mia" shows the money on its way.
    await c.say("rezervimet e mia");
    expect(c.text()).toMatch(new RegExp(`↩ ${booking.ref} te Vlora Relax[^:]*: kthimi i 3500 lekë në kartë po përgatitet\\.`));
    expect(stripe.refunds.some((r) => r.payment_intent === session.payment_intent)).toBe(false);
    const slots = await server.runtime.availability.slots(booking.serviceId, "2026-11-26", new Date(now));
    expect(slots.map((s) => s.start.toISOString())).toContain(booking.start.toISOString());

    stripe.failNext(3);
    expect(await server.runtime.features.payments!.refunds()).toBe(0); // still down: kept for later
    expect(await server.runtime.features.payments!.refunds()).toBe(1);
    expect(await server.runtime.features.payments!.refunds()).toBe(0);
    expect(stripe.refunds.filter((r) => r.payment_intent === session.payment_intent)).toHaveLength(1);
    const after = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { payments: true } });
    expect([after.paymentStatus, after.payments[0].status]).toEqual(["refunded", "refunded"]);
    await c.say("rezervimet e mia");
    expect(c.text()).toMatch(new RegExp(`↩ ${booking.ref} te Vlora Relax[^:]*: 3500 lekë ju kthyen në kartë\\.`));
    const told = (await history(c)).filter((m) => m.includes(`Kthimi i 3500 lekë për rezervimin e anuluar ${booking.ref} u krye`));
    expect(told).toHaveLength(1);
  });
});
