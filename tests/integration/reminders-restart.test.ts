import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Notifier } from "../../core/conversation/notifier.ts";
import { poolConfig } from "../../core/db/client.ts";
import { createLogger } from "../../core/log.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { ReminderScheduler } from "../../core/reminders/scheduler.ts";
import { seedCatalog } from "../../core/catalog/seed.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let db: TestDatabase;
let sms: FakeSmsProvider;
let scheduler: ReminderScheduler;
const children: ChildProcess[] = [];

/** Starts a worker process and waits until it polls. */
async function startWorker(pollMs = 500): Promise<ChildProcess> {
  // One process (node with tsx loaded), so killing it leaves no orphan behind.
  const child = spawn(process.execPath, ["--import", "tsx", `${ROOT}tests/fakes/reminders-worker.ts`, db.url, sms.url, String(pollMs), "3000"], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`worker exited ${code}`)));
  });
  return child;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedCatalog(db.prisma, demoCatalog);
  sms = await startFakeSmsProvider();
  const log = createLogger("silent");
  const notifier = new Notifier(db.prisma, log);
  notifier.register(fakeSmsSender(sms.url));
  const clock = () => new Date();
  const dispatcher = new ReminderDispatcher({ prisma: db.prisma, notifier, log, clock, maxAttempts: 5 });
  scheduler = new ReminderScheduler({ prisma: db.prisma, dispatcher, backend: await createAgendaBackend({ databaseUrl: db.url }), log, clock, pollMs: 500, lockLifetimeMs: 3000, retryDelayMs: 200, maxAttempts: 5 });
  await scheduler.start(false); // this process only schedules
}, 60_000);
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((res) => c.once("exit", res));
    c.kill("SIGKILL");
    await exited;
  }
  await scheduler?.stop();
  await sms?.close();
  await db?.close();
});

describe("a worker killed with a reminder due", () => {
  it("is restarted and the reminder is sent exactly once", async () => {
    const service = await db.prisma.service.findFirstOrThrow();
    // The case under test: a worker killed while it holds the job's lock, before it claimed the reminder.
    // A worker killed after its claim keeps the claim for 2 minutes, by design, so nothing is sent twice;
    // when the kill comes that late (the worker locks at most one poll ahead of the due time, so the time
    // left is a matter of chance), the case is set up again with another booking.
    for (let attempt = 1; ; attempt++) {
      const phone = `+35569123499${attempt}`;
      const customer = await db.prisma.customer.create({ data: { name: "Besa", phone } });
      // The worker starts first (slow on a loaded machine), so the 2 h reminder is still ahead when
      // scheduled. It polls every 4 s and locks what falls due before its next poll.
      const first = await startWorker(4000);
      const start = new Date(Date.now() + 2 * 3600_000 + 8000);
      const b = await db.prisma.booking.create({
        data: { ref: `RZ-KILL${attempt}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, start, end: new Date(start.getTime() + 1800_000), priceLek: 800, channel: "sms" },
      });
      expect(await scheduler.schedule(b.id)).toBe(1);

      // Wait until the worker has locked the job, freeze it at once (a statement already sent still
      // lands), see whether it claimed the reminder, then kill it outright.
      const { config } = poolConfig(db.url, 1);
      const probe = new pg.Client(config);
      await probe.connect();
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        const r = await probe.query(`SELECT locked_at FROM agenda_jobs WHERE data->>'bookingId' = $1`, [b.id]);
        if (r.rows[0]?.locked_at) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      first.kill("SIGSTOP");
      await new Promise((res) => setTimeout(res, 300));
      const claimed = await probe.query(`SELECT count(*)::int AS n FROM "Reminder" WHERE "bookingId" = $1 AND status <> 'scheduled'`, [b.id]);
      await probe.end();
      first.kill("SIGKILL");
      await new Promise((res) => first.once("exit", res));
      if (claimed.rows[0].n > 0 && attempt < 3) continue;
      expect(claimed.rows[0].n).toBe(0);

      await startWorker();
      await sms.waitFor((m) => m.some((x) => x.to === phone), 20_000);
      await new Promise((res) => setTimeout(res, 2000));
      expect(sms.messages.filter((x) => x.to === phone)).toHaveLength(1);
      const rows = await db.prisma.reminder.findMany({ where: { bookingId: b.id } });
      expect(rows.map((r) => r.status)).toEqual(["sent"]);
      return;
    }
  }, 150_000);
});
