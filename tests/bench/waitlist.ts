// 1 000 customers waiting on full days, 200 cancellations at once, two app instances (each with its own
// agenda worker) on one database: offers per second, time from the cancels to each offer's message
// (p50/p99), duplicates and lost offers (both must be 0). BENCH_WAITING / BENCH_CANCELS change the counts;
// DATABASE_URL uses that PostgreSQL, else the embedded one.
import { loadConfig } from "../../core/config.ts";
import { createLogger } from "../../core/log.ts";
import { createRuntime, type Runtime } from "../../bots/runtime.ts";
import { createTestDatabase } from "../support/db.ts";
import { fillDay } from "../support/waitlist.ts";

const DAY = "2026-12-02"; // a Wednesday
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function bench(): Promise<Record<string, number | string>> {
  const waiting = Number(process.env.BENCH_WAITING ?? 1000);
  const cancels = Number(process.env.BENCH_CANCELS ?? 200);
  const db = await createTestDatabase();
  const runtimes: Runtime[] = [];
  try {
    // The clock of the app: 09:00 in Tirana the day before, whatever the real time (offers are made by day).
    const skew = Date.parse("2026-12-01T08:00:00Z") - Date.now();
    const clock = () => new Date(Date.now() + skew);
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent", NODE_ENV: "test", REMINDERS: "off", WAITLIST_POLL_MS: "200", WAITLIST_SWEEP_MS: "3600000" });
    for (let i = 0; i < 2; i++) {
      runtimes.push(await createRuntime({ config, log: createLogger(process.env.BENCH_LOG ?? "silent"), prisma: db.prisma, databaseUrl: db.url, clock, role: "worker", closeDb: async () => {}, seedIfEmpty: i === 0 }));
    }
    // Every business's shortest service whose length is the business's time step (so one cancelled
    // booking is exactly one free place) has its day full; the waiting customers are shared out among them.
    const all = await db.prisma.service.findMany({ include: { business: true }, orderBy: [{ businessId: "asc" }, { sort: "asc" }] });
    const services = [...new Map(all.filter((s) => s.durationMin === s.business.slotStepMin).map((s) => [s.businessId, s])).values()];
    const fills: { id: string; start: Date }[][] = [];
    for (const s of services) fills.push(await fillDay(db.prisma, runtimes[0].availability, s.id, DAY, clock()));
    const convs = Array.from({ length: waiting }, (_, i) => ({ id: `wlc${i}`, channel: "web", externalId: `wlc${i}`, address: { channel: "web", externalId: `wlc${i}` }, state: {} }));
    await db.prisma.conversation.createMany({ data: convs });
    await db.prisma.waitlistEntry.createMany({
      data: convs.map((c, i) => {
        const s = services[i % services.length];
        return { businessId: s.businessId, serviceId: s.id, date: DAY, conversationId: c.id, contactName: "Bench", contactPhone: `+35569${String(i).padStart(7, "0")}`, createdAt: new Date(clock().getTime() - (waiting - i) * 1000) };
      }),
    });
    // Each offer's message, as the web chat would push it: who, when.
    const sent: { to: string; at: number }[] = [];
    for (const rt of runtimes) rt.notifier.register({ channel: "web", send: async (address) => void sent.push({ to: address.externalId, at: Date.now() }) });

    // The cancellations, all at once, half through each instance.
    // Taken in turn from each business's day.
    const freed = Array.from({ length: Math.max(...fills.map((f) => f.length)) }, (_, k) => fills.flatMap((f) => (f[k] ? [f[k]] : []))).flat().slice(0, cancels);
    const t0 = Date.now();
    await Promise.all(freed.map((b, i) => runtimes[i % 2].features.manage!.manage.cancelById(b.id, clock())));
    const deadline = t0 + 300_000;
    while (new Set(sent.map((s) => s.to)).size < freed.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seconds = (Math.max(...sent.map((s) => s.at), t0) - t0) / 1000;
    await new Promise((r) => setTimeout(r, 3000)); // anything sent twice would arrive by now
    const distinct = new Set(sent.map((s) => s.to));
    const firsts = [...distinct].map((to) => Math.min(...sent.filter((s) => s.to === to).map((s) => s.at)) - t0).sort((a, b) => a - b);
    const offers = await db.prisma.waitlistOffer.count();
    // Lost: a free place left on the day while someone waits for it (a sweep would have offered it).
    let unoffered = 0;
    for (const sv of services) unoffered += (await runtimes[0].availability.slots(sv.id, DAY, clock())).length;
    // No instant of any business has more places taken (bookings and open holds) than it has.
    const taken = await db.prisma.$queryRaw<{ businessId: string; capacity: number; start: Date; end: Date }[]>`
      SELECT k."businessId", b.capacity, k.start, k."end" FROM "Booking" k JOIN "Business" b ON b.id = k."businessId" WHERE k.status = 'confirmed'
      UNION ALL
      SELECT o."businessId", b.capacity, o.start, o."end" FROM "WaitlistOffer" o JOIN "Business" b ON b.id = o."businessId" WHERE o.status = 'open'`;
    let overfull = 0;
    for (const id of new Set(taken.map((x) => x.businessId))) {
      const rows = taken.filter((x) => x.businessId === id);
      const events = rows.flatMap((x) => [[new Date(x.start).getTime(), 1], [new Date(x.end).getTime(), -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let level = 0;
      for (const [, d] of events) if ((level += d) > rows[0].capacity) overfull++;
    }
    return {
      database: process.env.DATABASE_URL ? "postgresql" : "embedded (PGlite)",
      "waiting customers": waiting,
      businesses: services.length,
      "cancellations at once": freed.length,
      instances: 2,
      "offers/s": Number((distinct.size / Math.max(seconds, 0.001)).toFixed(1)),
      "cancel -> offer p50 (ms)": pct(firsts, 50) ?? "-",
      "cancel -> offer p99 (ms)": pct(firsts, 99) ?? "-",
      "offer rows": offers,
      duplicates: sent.length - distinct.size,
      "offers missing (cancels - offers sent)": freed.length - distinct.size,
      "lost (free places left unoffered)": unoffered,
      "instants over capacity (bookings + holds)": overfull,
    };
  } finally {
    for (const rt of runtimes.reverse()) await rt.close().catch(() => {});
    await db.close();
  }
}
