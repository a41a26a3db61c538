// 10 000 reminders due at the same moment, two worker processes on one database, SMS to a fake
// provider on 127.0.0.1: reminders per second, duplicates and missing (both must be 0).
// The workers are `rezervo worker` processes (the composition root, worker role) with SMS to the fake.
// BENCH_REMINDERS=<n> changes the count, BENCH_REMINDERS_CONCURRENCY the workers' REMINDERS_CONCURRENCY
// (default 20, as in production), REMINDERS_BATCH their batch (default: the product's); DATABASE_URL uses that PostgreSQL, else the embedded one. The tables are
// set up as in a running marketplace (reminder rows planned at booking, other chats, statistics);
// BENCH_REMINDERS_EMPTY_TABLES=1 starts them empty instead, as the bench did before 2026-11-30 evening.
// BENCH_REMINDERS_TWILIO=1 sends through the real Twilio sender and SDK to a fake Twilio API instead of
// the stand-in sender (what production runs per SMS: its opt-out check, records and the SDK).
// BENCH_CPU_PROF=<dir> writes a CPU profile of each worker there. The machine's load is printed: the
// rate depends on the free cores, the worker CPU time per reminder much less.
import { spawn, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { seedCatalog } from "../../core/catalog/seed.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";
import { poolConfig } from "../../core/db/client.ts";
import { DEFAULT_BATCH, REMINDER_JOB } from "../../core/reminders/scheduler.ts";
import { createTestDatabase } from "../support/db.ts";
import { startFakeSmsProvider } from "../fakes/reminders-sms.ts";
import { FakeTwilio } from "../fakes/twilio.ts";
import { pidCpuMs, postgresCpu, postgresCpuSince } from "./cpu.ts";

const TWILIO_SID = `AC${"b".repeat(32)}`;
const TWILIO_TOKEN = "bench-twilio-token";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** CPU time (user + system) a child process has used so far, in ms; NaN where /proc is not there. */
function cpuMs(child: ChildProcess): number {
  return pidCpuMs(child.pid!);
}

export async function bench(): Promise<Record<string, number | string>> {
  const n = Number(process.env.BENCH_REMINDERS ?? 10_000);
  const db = await createTestDatabase();
  const sms = await startFakeSmsProvider();
  // BENCH_REMINDERS_TWILIO=1: the workers send through the real Twilio sender and SDK to a fake Twilio API.
  const twilio = process.env.BENCH_REMINDERS_TWILIO ? await new FakeTwilio(TWILIO_SID, TWILIO_TOKEN).start() : undefined;
  const sentTo = (): string[] => (twilio ? twilio.messages.map((m) => m.params.To ?? "") : sms.messages.map((m) => m.to));
  const children: ChildProcess[] = [];
  try {
    await seedCatalog(db.prisma, demoCatalog);
    const service = await db.prisma.service.findFirstOrThrow();
    const phones = Array.from({ length: n }, (_, i) => `+35569${String(i).padStart(7, "0")}`);
    await db.prisma.customer.createMany({ data: phones.map((phone, i) => ({ id: `bc${i}`, name: "Bench", phone })) });
    const start = new Date(Date.now() + 2 * 3600_000 + 60_000);
    await db.prisma.booking.createMany({
      data: phones.map((_, i) => ({ id: `bb${i}`, ref: `RZ-B${i}`, businessId: service.businessId, serviceId: service.id, customerId: `bc${i}`, start, end: new Date(start.getTime() + 1800_000), priceLek: 800, channel: "sms" })),
    });
    // The workers are the app's composition root in the worker role (as `rezervo worker`); the first
    // one to start creates agenda's table. Then every job goes in at once, all due at the same moment.
    const conc = process.env.BENCH_REMINDERS_CONCURRENCY ?? "20";
    for (let w = 0; w < 2; w++) {
      const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
      const env = twilio ? { ...process.env, BENCH_TWILIO_URL: twilio.url, BENCH_TWILIO_SID: TWILIO_SID, BENCH_TWILIO_TOKEN: TWILIO_TOKEN } : process.env;
      const child = spawn(process.execPath, [...prof, "--import", "tsx", `${ROOT}tests/fakes/reminders-worker.ts`, db.url, sms.url, "200", "60000", conc], { stdio: ["ignore", "pipe", "inherit"], env });
      children.push(child);
      await new Promise<void>((resolve) => child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    }
    const pool = new pg.Pool(poolConfig(db.url, 2).config);
    const due = new Date(Date.now() + 3000);
    // The 2 h reminder is due at start - 2 h: make the bookings start so that it is due at `due`.
    await pool.query(`UPDATE "Booking" SET start = $1, "end" = $2 WHERE id LIKE 'bb%'`, [new Date(due.getTime() + 2 * 3600_000), new Date(due.getTime() + 2 * 3600_000 + 1800_000)]);
    await pool.query(
      `INSERT INTO agenda_jobs (name, priority, next_run_at, type, data) SELECT $1, 0, $2, 'normal', jsonb_build_object('bookingId', 'bb' || g, 'kind', '2h') FROM generate_series(0, $3::int - 1) g`,
      [REMINDER_JOB, due, n],
    );
    if (!process.env.BENCH_REMINDERS_EMPTY_TABLES) {
      // The tables as a running marketplace has them: each booking's reminder row planned when it was booked
      // (the outbox does that), the chats of other customers, messages sent earlier, and statistics gathered (autovacuum would
      // have). Statements are planned on the workers' first batches; planned on empty tables, they would
      // scan the whole table for every batch as it grows through the burst.
      await pool.query(`INSERT INTO "Reminder" (id, "bookingId", kind, channel, "dueAt", status, "updatedAt") SELECT 'rb' || g, 'bb' || g, '2h', 'sms', $1, 'scheduled', now() FROM generate_series(0, $2::int - 1) g`, [due, n]);
      await pool.query(
        `INSERT INTO "Conversation" (id, channel, "externalId", address, state, "updatedAt")
         SELECT 'cw' || g, 'web', 'w' || g, jsonb_build_object('channel', 'web', 'externalId', 'w' || g), '{}'::jsonb, now() FROM generate_series(0, $1::int - 1) g`,
        [n],
      );
      await pool.query(
        `INSERT INTO "OutboundMessage" (id, channel, address, body, purpose, status, "providerId", "updatedAt")
         SELECT 'ob' || g, 'sms', jsonb_build_object('channel', 'sms', 'externalId', '+35567' || g), '{"body": "earlier"}'::jsonb, 'reply', 'delivered', 'SMold' || g, now()
           FROM generate_series(0, $1::int - 1) g`,
        [n],
      );
      await pool.query(`ANALYZE "Reminder", "Conversation", "OutboundMessage", "Booking", "Customer", "Business", "Service", agenda_jobs`);
    }
    await pool.end();
    await new Promise((r) => setTimeout(r, Math.max(0, due.getTime() - Date.now())));
    const t0 = Date.now();
    const cpu0 = children.map(cpuMs);
    const own0 = process.cpuUsage();
    const pg0 = postgresCpu();
    const deadline = t0 + 600_000;
    while (new Set(sentTo()).size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const seconds = (Date.now() - t0) / 1000;
    const workerCpu = children.map(cpuMs).reduce((a, ms, i) => a + ms - cpu0[i]!, 0);
    const own = process.cpuUsage(own0);
    // Backends that started during the run count from zero; ones that ended are missed (the workers keep theirs).
    const pgCpu = postgresCpuSince(pg0);
    await new Promise((r) => setTimeout(r, 3000)); // anything sent twice would arrive by now
    const distinct = new Set(sentTo());
    const sent = await db.prisma.reminder.count({ where: { status: "sent" } });
    return {
      database: process.env.DATABASE_URL ? "postgresql" : "embedded (PGlite)",
      reminders: n,
      workers: 2,
      "concurrency per worker (sends in flight)": Number(conc),
      "batch (reminders locked and run together)": Number(process.env.REMINDERS_BATCH ?? DEFAULT_BATCH),
      "reminders/s": Number((distinct.size / seconds).toFixed(1)),
      "seconds until all sent": Number(seconds.toFixed(1)),
      "SMS sender": twilio ? "Twilio sender and SDK, fake Twilio API" : "stand-in (fetch to a fake provider)",
      duplicates: sentTo().length - distinct.size,
      missing: n - distinct.size,
      "Reminder rows marked sent": sent,
      "worker CPU ms per reminder": Number.isNaN(workerCpu) ? "n/a" : Number((workerCpu / n).toFixed(3)),
      "PostgreSQL CPU ms per reminder (local server)": process.env.DATABASE_URL && pgCpu > 0 ? Number((pgCpu / n).toFixed(3)) : "n/a",
      "fake SMS provider (bench process) CPU ms per reminder": Number(((own.user + own.system) / 1000 / n).toFixed(3)),
      "load average (1 min) at the end": Number(loadavg()[0]!.toFixed(1)),
    };
  } finally {
    for (const c of children) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (c.exitCode === null) c.kill("SIGKILL");
    }
    await sms.close();
    await twilio?.close();
    await db.close();
  }
}
