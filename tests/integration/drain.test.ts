// SIGTERM on a real `rezervo serve` under load: new turns are refused politely (503 + Retry-After), the
// turns in flight finish, the process is gone within 10 s, no turn is half-done (every answer the
// customers got matches what the database holds) and no reminder is lost (those it had not sent are
// sent by the next process, each once).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../bots/runtime.ts";
import { loadConfig } from "../../core/config.ts";
import { openDatabase } from "../../core/db/index.ts";
import { createLogger } from "../../core/log.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { serve } from "../support/process.ts";

const REMINDERS = 24;
const CUSTOMERS = 6;

type Outcome = { status?: number; error?: string; afterTerm: boolean };

describe("draining a server on SIGTERM", () => {
  let env: Record<string, string>;
  let dir: string;
  let testDb: TestDatabase | undefined;

  /** Opens the database the server uses (the embedded one only while no server owns it). */
  async function open(role: "chat" | "worker"): Promise<Runtime> {
    const config = loadConfig({ ...env, LOG_LEVEL: "silent", NODE_ENV: "test" });
    const log = createLogger("silent");
    if (testDb) return createRuntime({ config, log, prisma: testDb.prisma, databaseUrl: testDb.url, role, closeDb: async () => {} });
    const db = await openDatabase({ dataDir: join(dir, "pg"), logger: log });
    return createRuntime({ config, log, prisma: db.prisma, databaseUrl: db.url, closeDb: db.close, role });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rezervo-drain-"));
    const common = { RATE_LIMIT_PER_MIN: "100000", REMINDERS_POLL_MS: "300", REMINDERS_LOCK_MS: "10000", DATA_DIR: dir };
    if (process.env.DATABASE_URL) {
      testDb = await createTestDatabase();
      env = { ...common, DATABASE_URL: testDb.url };
    } else {
      env = { ...common, DATABASE_URL: "" };
    }
  });
  afterAll(async () => {
    await testDb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses new turns, finishes those in flight, exits within 10 s, and leaves no turn half-done and no reminder lost", async () => {
    // Reminders due one after another from a few seconds from now: some while the server runs, some
    // around the SIGTERM, some after it.
    const prep = await open("chat");
    const service = await prep.prisma.service.findFirstOrThrow({ where: { business: { slug: "berberi-ardit" } } });
    const bookingIds: string[] = [];
    const t0 = Date.now();
    for (let i = 0; i < REMINDERS; i++) {
      const conv = await prep.conversations.start({ channel: "web", externalId: `drain-reminder-${i}` }, { id: `drain-reminder-${i}`, lang: "sq" });
      const customer = await prep.prisma.customer.create({ data: { name: `Klient ${i}` } });
      const start = new Date(t0 + 2 * 3600_000 + 8_000 + i * 700);
      const b = await prep.prisma.booking.create({
        data: {
          ref: `RZ-D${String(i).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id,
          contactName: `Klient ${i}`, start, end: new Date(start.getTime() + 30 * 60_000), priceLek: service.priceLek,
          channel: "web", conversationId: conv.conversationId,
        },
      });
      expect(await prep.features.manage!.scheduler!.schedule(b.id)).toBe(1); // the 2 h one (the 24 h one is past)
      bookingIds.push(b.id);
    }
    await prep.close();

    const server = await serve(env);
    let terminated = false;
    const outcomes: Outcome[] = [];
    /** 200 answers per session: each is a turn the customer saw handled. */
    const handled = new Map<string, number>();

    async function customer(n: number): Promise<void> {
      let session: { id: string; token: string } | undefined;
      for (let turn = 0; ; turn++) {
        try {
          if (!session || turn % 6 === 0) {
            const res = await fetch(`${server.url}/api/chat/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
            outcomes.push({ status: res.status, afterTerm: terminated });
            const json = (await res.json()) as { sessionId: string; token: string };
            if (res.status !== 201) return; // 503: the customer comes back later (Retry-After)
            session = { id: json.sessionId, token: json.token };
            handled.set(session.id, 0);
          }
          const res = await fetch(`${server.url}/api/chat/sessions/${session.id}/messages`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
            body: JSON.stringify({ text: ["Rezervo një termin", "Berber", "ndihmë", "mbrapa", "menu"][(turn + n) % 5], clientMessageId: `c${n}-${turn}` }),
          });
          outcomes.push({ status: res.status, afterTerm: terminated });
          await res.arrayBuffer();
          if (res.status !== 200) return;
          handled.set(session.id, (handled.get(session.id) ?? 0) + 1);
        } catch (err) {
          const cause = (err as { cause?: { code?: string } }).cause;
          outcomes.push({ error: cause?.code ?? String(err), afterTerm: terminated });
          return;
        }
      }
    }

    const load = Array.from({ length: CUSTOMERS }, (_, n) => customer(n));
    // Let the load run until a good number of turns went through, then SIGTERM.
    while (outcomes.length < 150 && server.proc.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    const termAt = Date.now();
    terminated = true;
    server.proc.kill("SIGTERM");
    const code = await server.exited;
    const drainMs = Date.now() - termAt;
    await Promise.all(load);

    // Gone within 10 s (plus slack for a busy machine), by its own drain, not the hard stop.
    expect(code, server.output()).toBe(0);
    expect(drainMs).toBeLessThan(11_000);
    // Every request was answered 200/201 or 503; none was reset or failed inside. A request that came
    // after the listener closed was refused at connect (it never reached the server).
    const bad = outcomes.filter((o) => (o.status !== undefined ? ![200, 201, 503].includes(o.status) : o.error !== "ECONNREFUSED" || !o.afterTerm));
    expect(bad, JSON.stringify(bad.slice(0, 5))).toEqual([]);
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(100);

    // Every handled turn is saved whole: the state's version, the processed marks and the inbound
    // history all count exactly the turns the customer saw answered.
    const after = await open("worker");
    try {
      const convs = await after.prisma.conversation.findMany({ where: { id: { in: [...handled.keys()] } }, select: { id: true, version: true } });
      expect(convs).toHaveLength(handled.size);
      for (const c of convs) {
        const marks = await after.prisma.processedMessage.count({ where: { conversationId: c.id } });
        const inbound = await after.prisma.message.count({ where: { conversationId: c.id, direction: "in" } });
        expect({ id: c.id, version: c.version, marks, inbound }).toEqual({ id: c.id, version: handled.get(c.id), marks: handled.get(c.id), inbound: handled.get(c.id) });
      }

      // The next process (a worker here) sends what was left: every reminder goes out, each once.
      for (let i = 0; i < 600; i++) {
        const sent = await after.prisma.reminder.count({ where: { bookingId: { in: bookingIds }, status: "sent" } });
        if (sent === REMINDERS) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = await after.prisma.reminder.findMany({ where: { bookingId: { in: bookingIds } } });
      expect(rows.map((r) => r.status)).toEqual(Array(REMINDERS).fill("sent"));
      const reminderMessages = await after.prisma.message.findMany({
        where: { conversationId: { startsWith: "drain-reminder-" }, direction: "out" },
        select: { conversationId: true, body: true },
      });
      const perConversation = new Map<string, number>();
      for (const m of reminderMessages) {
        if (!/RZ-D\d{3}/.test(JSON.stringify(m.body))) continue;
        perConversation.set(m.conversationId, (perConversation.get(m.conversationId) ?? 0) + 1);
      }
      expect([...perConversation.values()]).toEqual(Array(REMINDERS).fill(1));
    } finally {
      await after.close();
    }
  }, 300_000);
});
