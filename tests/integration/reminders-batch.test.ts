// Reminders run in batches on the PostgreSQL job table: many due at once across two workers, a job
// whose booking moved later, and a worker stopping with jobs locked ahead of their time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalog } from "../../core/catalog/seed.ts";
import { Notifier } from "../../core/conversation/notifier.ts";
import { poolConfig } from "../../core/db/client.ts";
import { createLogger } from "../../core/log.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { ReminderScheduler } from "../../core/reminders/scheduler.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

const H = 3600_000;
let db: TestDatabase;
let sms: FakeSmsProvider;
let probe: pg.Pool;
const schedulers: ReminderScheduler[] = [];

async function worker(opts: { pollMs?: number; batch?: number; sends?: number; work?: boolean } = {}): Promise<ReminderScheduler> {
  const log = createLogger("silent");
  const notifier = new Notifier(db.prisma, log);
  notifier.register(fakeSmsSender(sms.url));
  const clock = () => new Date();
  const s = new ReminderScheduler({
    prisma: db.prisma, dispatcher: new ReminderDispatcher({ prisma: db.prisma, notifier, log, clock, maxAttempts: 3, sendConcurrency: opts.sends }),
    backend: await createAgendaBackend({ databaseUrl: db.url }), log, clock,
    pollMs: opts.pollMs ?? 200, lockLifetimeMs: 10_000, retryDelayMs: 200, maxAttempts: 3, batch: opts.batch ?? 2,
  });
  await s.start(opts.work ?? true);
  schedulers.push(s);
  return s;
}

let seq = 0;
async function booking(inMs: number) {
  const service = await db.prisma.service.findFirstOrThrow({ orderBy: { sort: "asc" } });
  const k = ++seq;
  const phone = `+35568${String(1000000 + k).slice(-7)}`;
  const customer = await db.prisma.customer.create({ data: { name: "Dritan", phone } });
  const start = new Date(Date.now() + inMs);
  const b = await db.prisma.booking.create({
    data: { ref: `RZ-BT${k}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, start, end: new Date(start.getTime() + 1800_000), priceLek: 800, channel: "sms" },
  });
  return { ...b, phone };
}

/** Makes the bookings' jobs due now (their reminders are due within the minute the dispatcher allows). */
const dueNow = (ids: string[]) => probe.query(`UPDATE agenda_jobs SET next_run_at = now() WHERE data->>'bookingId' = ANY($1)`, [ids]);

const jobOf = async (bookingId: string) =>
  (await probe.query<{ locked_at: Date | null; next_run_at: Date | null }>(`SELECT locked_at, next_run_at FROM agenda_jobs WHERE data->>'bookingId' = $1`, [bookingId])).rows[0];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedCatalog(db.prisma, demoCatalog);
  sms = await startFakeSmsProvider();
  probe = new pg.Pool(poolConfig(db.url, 1).config);
}, 60_000);
afterAll(async () => {
  for (const s of schedulers) await s.stop();
  await probe?.end();
  await sms?.close();
  await db?.close();
});

describe("reminders run in batches", () => {
  it("sends 40 reminders due at once exactly once with two workers taking small batches", async () => {
    const planner = await worker({ work: false });
    // Due in a minute (however long a busy machine takes to make them), then brought forward to now.
    const due = await Promise.all(Array.from({ length: 40 }, () => booking(2 * H + 60_000)));
    for (const b of due) expect(await planner.schedule(b.id)).toBe(1);
    await worker();
    await worker();
    await dueNow(due.map((b) => b.id));
    await sms.waitFor((m) => due.every((b) => m.some((x) => x.to === b.phone)), 20_000);
    await new Promise((r) => setTimeout(r, 800)); // more polls by both workers
    for (const b of due) expect(sms.messages.filter((x) => x.to === b.phone)).toHaveLength(1);
    const rows = await db.prisma.reminder.findMany({ where: { bookingId: { in: due.map((b) => b.id) } } });
    expect(rows.map((r) => r.status)).toEqual(due.map(() => "sent"));
    expect((await probe.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE data->>'bookingId' = ANY($1)`, [due.map((b) => b.id)])).rows[0].n).toBe(0);
  }, 60_000);

  it("keeps the job of a booking moved later (without its jobs) for the new time and sends nothing now", async () => {
    const b = await booking(2 * H + 60_000);
    expect(await schedulers[0]!.schedule(b.id)).toBe(1);
    const later = new Date(b.start.getTime() + 24 * H);
    await db.prisma.booking.update({ where: { id: b.id }, data: { start: later, end: new Date(later.getTime() + 1800_000) } });
    await dueNow([b.id]);
    const until = Date.now() + 10_000;
    let job = await jobOf(b.id);
    while (Date.now() < until && !(job?.next_run_at && job.next_run_at.getTime() > Date.now() + H)) {
      await new Promise((r) => setTimeout(r, 100));
      job = await jobOf(b.id);
    }
    expect(Math.abs(job!.next_run_at!.getTime() - (later.getTime() - 2 * H))).toBeLessThan(2000);
    expect(job!.locked_at).toBeNull();
    expect(sms.messages.filter((x) => x.to === b.phone)).toHaveLength(0);
  }, 30_000);

  it("a stopping worker unlocks at once the jobs it locked ahead of their time", async () => {
    for (const s of schedulers.slice(1, 3)) await s.stop(); // only the next worker works now
    const b = await booking(2 * H + 60_000);
    expect(await schedulers[0]!.schedule(b.id)).toBe(1);
    await probe.query(`UPDATE agenda_jobs SET next_run_at = now() + interval '8 seconds' WHERE data->>'bookingId' = $1`, [b.id]);
    // Its first look finds the job due within its poll interval and locks it ahead.
    const ahead = await worker({ pollMs: 10_000 });
    const until = Date.now() + 6000;
    while (Date.now() < until && !(await jobOf(b.id))?.locked_at) await new Promise((r) => setTimeout(r, 50));
    expect((await jobOf(b.id))!.locked_at).not.toBeNull();
    await ahead.stop();
    expect((await jobOf(b.id))!.locked_at).toBeNull();
    expect(sms.messages.filter((x) => x.to === b.phone)).toHaveLength(0);
  }, 30_000);
  it("a worker running large batches keeps its SMS in flight within its send bound, and sends each reminder once", async () => {
    for (const s of schedulers.slice(1)) await s.stop(); // only the new worker works (the first one only plans)
    const due = await Promise.all(Array.from({ length: 12 }, () => booking(2 * H + 60_000)));
    for (const b of due) expect(await schedulers[0]!.schedule(b.id)).toBe(1);
    sms.answerAfter(150);
    try {
      await worker({ batch: 12, sends: 3 });
      sms.resetPeak();
      await dueNow(due.map((b) => b.id));
      await sms.waitFor((m) => due.every((b) => m.some((x) => x.to === b.phone)), 20_000);
      // Twelve locked in one batch, three at a time on the way to the provider.
      expect(sms.peakInFlight()).toBe(3);
    } finally {
      sms.answerAfter(0);
    }
    // The sent marks follow the provider's answers.
    const statuses = async () => (await db.prisma.reminder.findMany({ where: { bookingId: { in: due.map((b) => b.id) } } })).map((r) => r.status);
    const until = Date.now() + 5000;
    while (Date.now() < until && (await statuses()).some((s) => s !== "sent")) await new Promise((r) => setTimeout(r, 50));
    expect(await statuses()).toEqual(due.map(() => "sent"));
    for (const b of due) expect(sms.messages.filter((x) => x.to === b.phone)).toHaveLength(1);
    await schedulers.at(-1)!.stop();
  }, 60_000);
});
