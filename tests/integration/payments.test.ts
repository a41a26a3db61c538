import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStripe } from "../fakes/stripe.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const START = Date.parse("2026-11-25T08:00:00Z");

/** Books at a business over the web chat up to the summary (not confirmed yet). */
async function toSummary(c: WebChatClient, category: string, business: RegExp, service: RegExp, time: string, who: { name: string; email: string; phone: string }) {
  await c.start({ lang: "sq" });
  await c.pick("Rezervo një termin");
  await c.pick(category);
  await c.pick(business);
  await c.pick(service);
  await c.pick(/26/); // Thursday 26 November
  await c.pick(time);
  await c.say(who.name);
  await c.say(who.email);
  await c.say(who.phone);
  return c.text();
}

async function history(server: TestServer, c: WebChatClient): Promise<string[]> {
  const res = await fetch(`${server.url}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } });
  const json = (await res.json()) as { messages: { direction: string; text: string }[] };
  return json.messages.filter((m) => m.direction === "out").map((m) => m.text);
}

const post = (server: TestServer, payload: string, signature?: string) =>
  fetch(`${server.url}/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body: payload,
  });

const arta = { name: "Arta Hoxha", email: "arta@example.com", phone: "069 123 4567" };
const besa = { name: "Besa Krasniqi", email: "besa@example.com", phone: "068 765 4321" };

describe("card payments with Stripe Checkout, over the web chat", () => {
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

  it("holds a deposit booking until the signed webhook says it is paid, then confirms it once", async () => {
    const c = new WebChatClient(server.url);
    const summary = await toSummary(c, "Klinikë dentare", /DentaPlus/, /^Pastrim profesional/, "10:00", arta);
    expect(summary).toMatch(/paradhënie 2000 lekë me kartë/);
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/ruhet për 30 minuta/);
    expect(c.text()).toMatch(/paradhënien prej 2000 lekë/);
    expect(c.text()).not.toMatch(/Rezervimi u konfirmua/);
    const link = c.last.find((r) => r.link)?.link;
    expect(link?.label).toBe("Paguaj 2000 lekë me kartë");
    const session = stripe.sessionByUrl(link!.url)!;
    expect(session).toBeDefined();
    // Lek is a two-decimal currency in Stripe's API: 2 000 lek = 200 000 minor units.
    expect(session.currency).toBe("all");
    expect(session.amount_total).toBe(200_000);
    expect(session.allowed_payment_method_types).toEqual(["card"]);
    expect(session.success_url).toMatch(new RegExp(`^${server.url}/payments/return\\?result=paid`));
    const create = stripe.calls.find((x) => x.path === "/v1/checkout/sessions" && x.method === "POST");
    expect(create?.idempotencyKey).toBe(`rezervo-checkout-${session.metadata.paymentId}`);

    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId }, include: { payments: true } });
    expect(booking.status).toBe("pending_payment");
    expect(booking.start.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    expect(booking.payments.map((p) => [p.kind, p.amountLek, p.status])).toEqual([["deposit", 2000, "pending"]]);
    const scheduler = server.runtime.features.manage!.scheduler!;
    expect(await scheduler.pending(booking.id)).toEqual({}); // no reminders for an unpaid booking

    const back = await fetch(`${server.url}/payments/return?result=paid&lang=sq`);
    expect(await back.text()).toMatch(/Pagesa juaj po konfirmohet/);

    const paid = stripe.event("checkout.session.completed", stripe.pay(session.id));
    const sig = stripe.sign(paid.payload);
    expect((await post(server, paid.payload, sig)).status).toBe(200);
    const after = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { payments: true } });
    expect(after.status).toBe("confirmed");
    expect(after.paymentStatus).toBe("deposit_paid");
    expect(after.payments[0].status).toBe("paid");
    expect(Object.keys(await scheduler.pending(booking.id)).length).toBeGreaterThan(0);
    const told = (await history(server, c)).filter((m) => /Paradhënia prej 2000 lekë u krye/.test(m));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(new RegExp(`Rezervimi u konfirmua! Numri i rezervimit: ${booking.ref}`));

    // Stripe delivers the same event again: nothing changes, the customer is not told twice.
    expect((await post(server, paid.payload, stripe.sign(paid.payload))).status).toBe(200);
    expect((await history(server, c)).filter((m) => /Paradhënia prej/.test(m))).toHaveLength(1);
    expect((await db.prisma.payment.findMany({ where: { bookingId: booking.id } })).map((p) => p.status)).toEqual(["paid"]);
  });

  it("refuses a webhook with a forged or missing signature and changes nothing", async () => {
    const c = new WebChatClient(server.url);
    await toSummary(c, "Spa & masazh", /Vlora Relax/, /^Masazh relaksues/, "11:00", besa);
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/paguani 4000 lekë me kartë/);
    const session = stripe.sessionByUrl(c.last.find((r) => r.link)!.link!.url)!;
    expect(session.amount_total).toBe(400_000);
    const evt = stripe.event("checkout.session.completed", { ...session, status: "complete", payment_status: "paid" });
    expect((await post(server, evt.payload, stripe.sign(evt.payload, "whsec_not_the_secret"))).status).toBe(400);
    expect((await post(server, evt.payload)).status).toBe(400);
    const tampered = evt.payload.replace('"amount_total":400000', '"amount_total":1');
    expect((await post(server, tampered, stripe.sign(evt.payload))).status).toBe(400);
    const b = await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId }, include: { payments: true } });
    expect(b.status).toBe("pending_payment");
    expect(b.payments[0].status).toBe("pending");
    expect((await history(server, c)).some((m) => /u krye/.test(m))).toBe(false);

    // Stripe's own expiry of the session frees the place and the customer is told, once.
    stripe.sessions.get(session.id)!.status = "expired";
    const expired = stripe.event("checkout.session.expired", stripe.sessions.get(session.id)!);
    expect((await post(server, expired.payload, stripe.sign(expired.payload))).status).toBe(200);
    expect((await post(server, expired.payload, stripe.sign(expired.payload))).status).toBe(200);
    const gone = await db.prisma.booking.findUniqueOrThrow({ where: { id: b.id }, include: { payments: true } });
    expect(gone.status).toBe("cancelled");
    expect(gone.payments[0].status).toBe("expired");
    expect((await history(server, c)).filter((m) => /Koha për pagesën e rezervimit .* mbaroi/.test(m))).toHaveLength(1);
  });

  it("releases an unpaid hold when the time runs out, so the place can be booked again", async () => {
    // DentaPlus takes two patients at a time: two unpaid holds fill 11:00.
    const a = new WebChatClient(server.url);
    const b = new WebChatClient(server.url);
    for (const [c, who] of [[a, arta], [b, besa]] as const) {
      await toSummary(c, "Klinikë dentare", /DentaPlus/, /^Pastrim profesional/, "11:00", who);
      await c.pick(/Konfirmo/);
      expect(c.text()).toMatch(/ruhet për 30 minuta/);
    }
    const service = await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Pastrim profesional i dhëmbëve" } });
    const times = async () => (await server.runtime.availability.slots(service.id, "2026-11-26", new Date(now))).map((s) => s.start.toISOString());
    expect(await times()).not.toContain("2026-11-26T10:00:00.000Z");

    const sessions = [a, b].map((c) => stripe.sessionByUrl(c.last.find((r) => r.link)!.link!.url)!);
    const sweep = server.runtime.features.payments!.sweep;
    now = START + 29 * 60_000;
    expect(await sweep()).toBe(0); // still within the hold
    now = START + 31 * 60_000;
    expect(await sweep()).toBe(2);
    expect(await times()).toContain("2026-11-26T10:00:00.000Z");
    for (const c of [a, b]) {
      const msgs = await history(server, c);
      expect(msgs.filter((m) => /Koha për pagesën .* mbaroi dhe vendi u lirua/.test(m))).toHaveLength(1);
    }
    expect(sessions.map((s) => s.status)).toEqual(["expired", "expired"]); // no longer payable at Stripe
    const rows = await db.prisma.booking.findMany({ where: { id: { in: sessions.map((s) => s.metadata.bookingId) } } });
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    expect(await sweep()).toBe(0);
    now = START;
  });

  it("confirms instead of releasing when the sweep finds the session already paid (lost webhook)", async () => {
    const c = new WebChatClient(server.url);
    await toSummary(c, "Spa & masazh", /Vlora Relax/, /^Masazh sportiv/, "12:00", arta);
    await c.pick(/Konfirmo/);
    const session = stripe.sessionByUrl(c.last.find((r) => r.link)!.link!.url)!;
    stripe.pay(session.id); // paid at Stripe, but no webhook arrives
    now = START + 31 * 60_000;
    expect(await server.runtime.features.payments!.sweep()).toBe(1);
    now = START;
    const b = await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId } });
    expect([b.status, b.paymentStatus]).toEqual(["confirmed", "paid"]);
    expect((await history(server, c)).some((m) => /Pagesa prej 3500 lekë u krye/.test(m))).toBe(true);
  });

  it("refunds a payment that arrives after its place was released, and tells the customer", async () => {
    const c = new WebChatClient(server.url);
    await toSummary(c, "Spa & masazh", /Vlora Relax/, /^Masazh me gurë/, "12:30", besa);
    await c.pick(/Konfirmo/);
    const session = stripe.sessionByUrl(c.last.find((r) => r.link)!.link!.url)!;
    now = START + 31 * 60_000;
    stripe.failNext(3); // Stripe unreachable during the sweep: the hold is kept, not released blindly
    expect(await server.runtime.features.payments!.sweep()).toBe(0);
    const kept = await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId }, include: { payments: true } });
    expect([kept.status, kept.payments[0].status]).toEqual(["pending_payment", "pending"]);
    expect(await server.runtime.features.payments!.sweep()).toBe(1);
    now = START;
    // The customer had the page open and pays in the same instant Stripe expired it (a race).
    const paid = stripe.event("checkout.session.completed", { ...session, status: "complete", payment_status: "paid", payment_intent: "pi_test_late" });
    expect((await post(server, paid.payload, stripe.sign(paid.payload))).status).toBe(200);
    expect((await post(server, paid.payload, stripe.sign(paid.payload))).status).toBe(200);
    expect(stripe.refunds).toEqual([{ payment_intent: "pi_test_late", metadata: { paymentId: session.metadata.paymentId } }]);
    const b = await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId }, include: { payments: true } });
    expect([b.status, b.payments[0].status]).toEqual(["cancelled", "refunded"]);
    expect((await history(server, c)).filter((m) => /Do t'jua kthejmë të plotë/.test(m))).toHaveLength(1);
  });

  it("books an on-site business exactly as before, with no payment", async () => {
    const c = new WebChatClient(server.url);
    const summary = await toSummary(c, "Berber", /Ardit/, /^Prerje flokësh ·/, "10:00", besa);
    expect(summary).toMatch(/Pagesa: në vend, gjatë vizitës/);
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    expect(c.last.some((r) => r.link?.label.match(/Paguaj/))).toBe(false);
    const ref = c.text().match(/RZ-[A-Z0-9]{6}/)![0];
    const b = await db.prisma.booking.findUniqueOrThrow({ where: { ref }, include: { payments: true } });
    expect([b.status, b.paymentStatus, b.payments.length]).toEqual(["confirmed", "on_site", 0]);
  });

  it("tells the customer when card payment cannot start, and keeps no hold", async () => {
    const c = new WebChatClient(server.url);
    await toSummary(c, "Spa & masazh", /Vlora Relax/, /^Sauna dhe hamam/, "13:00", besa);
    stripe.failNext(3); // the SDK's two retries fail too
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/pagesa me kartë nuk mund të niset tani/);
    const b = await db.prisma.booking.findFirstOrThrow({ where: { service: { nameSq: "Sauna dhe hamam" } }, include: { payments: true } });
    expect([b.status, b.payments[0].status]).toEqual(["cancelled", "failed"]);
  });

  it("a deposit booking for two: each place has its own payment link, the next person is asked after the first link", async () => {
    now = START;
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.say("një vizitë te DentaPlus të premten në 11 për mua dhe gruan time");
    await c.say("Dritan Gashi");
    await c.say("dritan@example.com");
    await c.say("069 222 3344");
    await c.say("po");
    // The deposit is more than the check-up's price: the price is paid.
    expect(c.text()).toMatch(/paguani 1500 lekë me kartë/);
    expect(c.text()).toMatch(/Ta rezervoj të njëjtën orë edhe për personin tjetër\?/);
    const first = c.last.find((r) => r.link)!.link!.url;
    await c.say("po");
    expect(c.text()).toMatch(/Si quhet personi tjetër\?/);
    await c.say("Elira Gashi");
    expect(c.text()).toMatch(/Ju lutem kontrolloni rezervimin/);
    await c.say("po");
    const second = c.last.find((r) => r.link)?.link?.url;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const held = await db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, orderBy: { createdAt: "asc" }, include: { payments: true } });
    expect(held.map((b) => [b.contactName, b.status, b.start.toISOString(), b.payments.map((p) => p.amountLek)])).toEqual([
      ["Dritan Gashi", "pending_payment", "2026-11-27T10:00:00.000Z", [1500]],
      ["Elira Gashi", "pending_payment", "2026-11-27T10:00:00.000Z", [1500]],
    ]);
  });

  it("a place held for its payment is let go on request, asked without a fee since nothing was paid, and its payment page closed", async () => {
    const c = new WebChatClient(server.url);
    await toSummary(c, "Spa & masazh", /Vlora Relax/, /^Masazh sportiv/, "10:30", besa);
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/ruhet për 30 minuta/);
    const session = stripe.sessionByUrl(c.last.find((r) => r.link)!.link!.url)!;
    await c.say("me fal, ndryshova mendje, anuloje");
    expect(c.text()).toMatch(/Ta lëshojmë rezervimin e së enjtes, 26 nëntor, në orën 10:30 te Vlora Relax Spa, që pret ende pagesën\? Për të nuk është paguar asgjë, ndaj nuk ka tarifë\./);
    expect(c.text()).not.toMatch(/falas deri|tarifë anulimi/);
    await c.say("po");
    expect(c.text()).toMatch(/u anulua/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: session.metadata.bookingId } })).status).toBe("cancelled");
    // Its payment page is closed at once: it can no longer take money for a place let go.
    expect(stripe.sessions.get(session.id)?.status).toBe("expired");
    expect((await db.prisma.payment.findMany({ where: { bookingId: session.metadata.bookingId } })).map((p) => p.status)).toEqual(["expired"]);
    expect((await history(server, c)).filter((m) => /Koha për pagesën/.test(m))).toEqual([]);
  });

  it("a place still waiting for its payment shows its payment page again in «rezervimet e mia»", async () => {
    const c = new WebChatClient(server.url);
    await toSummary(c, "Spa & masazh", /Vlora Relax/, /^Masazh sportiv/, "11:00", arta);
    await c.pick(/Konfirmo/);
    const first = c.last.find((r) => r.link)!.link!;
    await c.say("rezervimet e mia");
    await c.pick(/Vlora Relax Spa/);
    expect(c.text()).toMatch(/Pret ende pagesën: paguani 3500 lekë me kartë te lidhja më poshtë/);
    const again = c.last.find((r) => r.link)?.link;
    expect(again).toEqual({ url: first.url, label: "Paguaj 3500 lekë me kartë" });
  });
});

describe("card/deposit businesses without Stripe configured", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(new Date(START).toISOString()), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("promises no online payment and confirms the booking as before", async () => {
    const c = new WebChatClient(server.url);
    const summary = await toSummary(c, "Klinikë dentare", /DentaPlus/, /^Pastrim profesional/, "10:00", arta);
    expect(summary).toMatch(/biznesi kërkon paradhënie 2000 lekë; mënyrën e pagesës e rregulloni drejtpërdrejt me biznesin/);
    expect(summary).not.toMatch(/me kartë/);
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    expect(c.last.some((r) => /Paguaj/.test(r.link?.label ?? ""))).toBe(false);
    const ref = c.text().match(/RZ-[A-Z0-9]{6}/)![0];
    const b = await server.db.prisma.booking.findUniqueOrThrow({ where: { ref }, include: { payments: true } });
    expect([b.status, b.payments.length]).toEqual(["confirmed", 0]);
    expect((await fetch(`${server.url}/webhooks/stripe`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
