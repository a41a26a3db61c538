import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createLogger } from "../../core/log.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";
import { startFakeSmtp, type FakeSmtp } from "../fakes/smtp.ts";

const H = 3600_000;
let db: TestDatabase;
let sms: FakeSmsProvider;
let smtp: FakeSmtp;
let a: TestServer;
let b: TestServer;

async function worker(): Promise<TestServer> {
  const s = await startTestServer({
    db,
    env: { DATABASE_URL: db.url, REMINDERS_POLL_MS: "250", REMINDERS_LOCK_MS: "5000", REMINDERS_RETRY_MS: "200", REMINDERS_MAX_ATTEMPTS: "3", SMTP_URL: smtp.url },
  });
  if (!s.runtime.notifier.has("sms")) s.runtime.notifier.register(fakeSmsSender(sms.url));
  return s;
}

let seq = 0;
/** A confirmed booking for a customer, `inMs` from now (real time). */
async function booking(opts: { inMs: number; phone?: string; email?: string; notify?: string[]; lang?: string }) {
  const prisma = db.prisma;
  const service = await prisma.service.findFirstOrThrow({ where: { business: { slug: "berberi-ardit" } }, orderBy: { sort: "asc" } });
  const phone = opts.phone ?? `+35569${String(1000000 + ++seq).slice(-7)}`;
  const customer = (await prisma.customer.findFirst({ where: { phone } })) ??
    (await prisma.customer.create({ data: { name: "Arta Hoxha", phone, email: opts.email, lang: opts.lang ?? "sq", notifyChannels: opts.notify ?? [] } }));
  const start = new Date(Date.now() + opts.inMs);
  return prisma.booking.create({
    data: {
      ref: `RZ-T${String(++seq).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id,
      start, end: new Date(start.getTime() + service.durationMin * 60_000), priceLek: service.priceLek, channel: "web",
    },
  });
}

const forPhone = (phone: string) => sms.messages.filter((m) => m.to === phone);

beforeAll(async () => {
  db = await createTestDatabase();
  sms = await startFakeSmsProvider();
  smtp = await startFakeSmtp();
  a = await worker();
  b = await worker();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await db?.close();
  await sms?.close();
  await smtp?.close();
});

describe("reminders with two workers on one database", () => {
  it("sends a reminder due in 2 s exactly once", async () => {
    const bk = await booking({ inMs: 2 * H + 2000 });
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    // Scheduled from one worker; both poll the same jobs table.
    expect(await a.runtime.features.manage!.scheduler!.schedule(bk.id)).toBe(1); // the 24 h one is already past
    await sms.waitFor(() => forPhone(phone).length >= 1);
    await new Promise((r) => setTimeout(r, 1500)); // several more polls by both workers
    const got = forPhone(phone);
    expect(got).toHaveLength(1);
    expect(got[0].body).toMatch(/Kujtese nga Rezervo: pas rreth 2 oresh/);
    expect(got[0].body).toMatch(/PO \(ose 1\).*JO \(ose 2\)/);
    const rows = await db.prisma.reminder.findMany({ where: { bookingId: bk.id } });
    expect(rows.map((r) => [r.kind, r.channel, r.status])).toEqual([["2h", "sms", "sent"]]);
    expect(await b.runtime.features.manage!.scheduler!.pending(bk.id)).toEqual({});
  });

  it("removes the jobs of a cancelled booking and moves those of a rescheduled one", async () => {
    const s = a.runtime.features.manage!.scheduler!;
    const cancelled = await booking({ inMs: 48 * H });
    expect(await s.schedule(cancelled.id)).toBe(2);
    expect(Object.keys(await s.pending(cancelled.id)).sort()).toEqual(["24h", "2h"]);
    expect(await s.cancel(cancelled.id)).toBe(2);
    expect(await s.pending(cancelled.id)).toEqual({});

    const moved = await booking({ inMs: 48 * H });
    await s.schedule(moved.id);
    const later = new Date(moved.start.getTime() + 24 * H);
    await db.prisma.booking.update({ where: { id: moved.id }, data: { start: later, end: new Date(later.getTime() + 30 * 60_000) } });
    await s.move(moved.id);
    const pending = await s.pending(moved.id);
    expect(Math.abs(pending["24h"].getTime() - (later.getTime() - 24 * H))).toBeLessThan(2000);
    expect(Math.abs(pending["2h"].getTime() - (later.getTime() - 2 * H))).toBeLessThan(2000);
  });

  it("plans no reminders for a booking waiting for its card payment, even when it is moved", async () => {
    const s = a.runtime.features.manage!.scheduler!;
    const unpaid = await booking({ inMs: 48 * H });
    await db.prisma.booking.update({ where: { id: unpaid.id }, data: { status: "pending_payment" } });
    expect(await s.schedule(unpaid.id)).toBe(0);
    expect(await s.move(unpaid.id)).toBe(0);
    expect(await s.pending(unpaid.id)).toEqual({});
    await db.prisma.booking.update({ where: { id: unpaid.id }, data: { status: "confirmed" } });
    expect(await s.schedule(unpaid.id)).toBe(2);
  });

  it("sends nothing for a booking cancelled after its job was scheduled", async () => {
    const bk = await booking({ inMs: 2 * H + 1000 });
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    await a.runtime.features.manage!.scheduler!.schedule(bk.id);
    await db.prisma.booking.update({ where: { id: bk.id }, data: { status: "cancelled" } }); // job left in place on purpose
    await new Promise((r) => setTimeout(r, 2500));
    expect(forPhone(phone)).toHaveLength(0);
    expect((await db.prisma.reminder.findFirstOrThrow({ where: { bookingId: bk.id } })).status).toBe("cancelled");
  });

  it("retries a refused send with backoff and still sends once", async () => {
    const bk = await booking({ inMs: 2 * H + 500 });
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    sms.failNext(1);
    await a.runtime.features.manage!.scheduler!.schedule(bk.id);
    await sms.waitFor(() => forPhone(phone).length >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(forPhone(phone)).toHaveLength(1);
    const row = await db.prisma.reminder.findFirstOrThrow({ where: { bookingId: bk.id } });
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(2);
  });

  it("marks a reminder failed after the last try", async () => {
    const bk = await booking({ inMs: 2 * H + 1000 });
    sms.failNext(3);
    await a.runtime.features.manage!.scheduler!.schedule(bk.id);
    const until = Date.now() + 15_000;
    let row = await db.prisma.reminder.findFirstOrThrow({ where: { bookingId: bk.id } });
    while (row.status !== "failed" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      row = await db.prisma.reminder.findFirstOrThrow({ where: { bookingId: bk.id } });
    }
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(3);
    expect(row.lastError).toMatch(/503/);
    sms.failNext(0);
  });
});

describe("reminder text and channels", () => {
  const dispatcherAt = (iso: string) =>
    new ReminderDispatcher({ prisma: db.prisma, notifier: a.runtime.notifier, log: createLogger("silent"), clock: () => new Date(iso), maxAttempts: 3,
      icsUrl: (bk) => a.runtime.features.manage!.manage.icsLink(bk) });

  it("shows Tirana wall-clock time on the day summer time starts", async () => {
    const bk = await booking({ inMs: 24 * H });
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    // Sunday 29 March 2026, 10:00 in Tirana (CEST, UTC+2); the 24 h reminder goes out on Saturday (CET, UTC+1).
    await db.prisma.booking.update({ where: { id: bk.id }, data: { start: new Date("2026-03-29T08:00:00Z"), end: new Date("2026-03-29T08:30:00Z") } });
    expect(await dispatcherAt("2026-03-28T08:00:00Z").run(bk.id, "24h")).toMatchObject({ kind: "done", sent: 1 });
    expect(await dispatcherAt("2026-03-29T06:00:00Z").run(bk.id, "2h")).toMatchObject({ kind: "done", sent: 1 });
    const [day, twoHours] = forPhone(phone);
    expect(day.body).toMatch(/e diel, 29 mars ne 10:00/);
    expect(twoHours.body).toMatch(/e diel, 29 mars ne 10:00/);
    // A second run (another worker, a retry) sends nothing more.
    expect(await dispatcherAt("2026-03-29T06:00:10Z").run(bk.id, "2h")).toMatchObject({ kind: "done", sent: 0 });
    expect(forPhone(phone)).toHaveLength(2);
  });

  it("a 24 h reminder that goes out late, on the booking's own day, says today, not tomorrow", async () => {
    const bk = await booking({ inMs: 24 * H });
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    // Tuesday 15 December 2026, 17:00 in Tirana; the worker was down at the due time (Monday 17:00) and
    // catches up on Tuesday at 09:00, still more than 2 h before the start.
    await db.prisma.booking.update({ where: { id: bk.id }, data: { start: new Date("2026-12-15T16:00:00Z"), end: new Date("2026-12-15T16:30:00Z") } });
    expect(await dispatcherAt("2026-12-15T08:00:00Z").run(bk.id, "24h")).toMatchObject({ kind: "done", sent: 1 });
    const [late] = forPhone(phone);
    expect(late.body).toMatch(/^Kujtese nga Rezervo: sot keni .* e marte, 15 dhjetor ne 17:00/);
  });

  it("sends email reminders through SMTP to customers who chose email", async () => {
    const bk = await booking({ inMs: 26 * H, email: "arta@example.com", notify: ["email"], lang: "en" });
    const before = smtp.messages.length;
    const due = new Date(bk.start.getTime() - 24 * H).toISOString();
    expect(await dispatcherAt(due).run(bk.id, "24h")).toMatchObject({ kind: "done", sent: 1 });
    const mails = await smtp.waitFor(before + 1);
    const mail = mails[before];
    expect(mail.to).toEqual(["arta@example.com"]);
    expect(mail.raw).toMatch(/Subject: Rezervo reminder: tomorrow you have/);
    expect(mail.raw).toMatch(/\/api\/bookings\/RZ-T\d+\/ics\?token=/);
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    expect(forPhone(phone)).toHaveLength(0); // email only, as chosen
  });

  it("skips SMS for a number that opted out", async () => {
    const bk = await booking({ inMs: 2 * H + 20_000 });
    const phone = (await db.prisma.customer.findUniqueOrThrow({ where: { id: bk.customerId } })).phone!;
    await db.prisma.optOut.create({ data: { phone, channel: "sms" } });
    expect(await dispatcherAt(new Date(bk.start.getTime() - 2 * H).toISOString()).run(bk.id, "2h")).toMatchObject({ kind: "done", sent: 0 });
    expect(forPhone(phone)).toHaveLength(0);
  });
});
