// Database round trips per turn, by step, for one customer booking over the web chat API: what each
// step of the walk sends to the database (every statement through pg counts: Prisma's, the turn's own
// SQL and the rate limit's). A statement sent on a pipelined connection while another is still waiting
// for its answer shares that round trip (BEGIN with the booking's lock, the last write with COMMIT): it
// counts as a statement, not as a round trip. `BENCH_SQL=1` prints the statements too ("+": pipelined).
import pg from "pg";
import { startTestServer, fixedClock } from "../support/server.ts";
import { createTestDatabase } from "../support/db.ts";
import { WebChatClient } from "../support/webchat.ts";

let log: { line: string; pipelined: boolean }[] = [];
/** Statements sent and not yet answered, by connection. */
const inFlight = new WeakMap<pg.Client, number>();
const original = pg.Client.prototype.query;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text?: string; name?: string };
  const text = typeof q === "string" ? q : (q?.text ?? "");
  const pending = inFlight.get(this) ?? 0;
  const pipelined = (this as unknown as { pipeline?: boolean }).pipeline === true && pending > 0;
  log.push({ line: `${pipelined ? "+ " : ""}${typeof q === "object" && q?.name ? `[${q.name}] ` : ""}${text.replace(/\s+/g, " ").trim().slice(0, 140)}`, pipelined });
  const out = (original as (...a: unknown[]) => unknown).apply(this, args);
  if (out instanceof Promise) {
    inFlight.set(this, pending + 1);
    const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    out.then(done, done);
  }
  return out;
};

export async function bench(): Promise<Record<string, number | string>> {
  const db = await createTestDatabase();
  const server = await startTestServer({ db, clock: fixedClock("2026-11-25T08:00:00Z"), env: { RATE_LIMIT_PER_MIN: "100000", ...(process.env.BENCH_REMINDERS_OFF ? { REMINDERS: "off" } : {}) } });
  const figures: Record<string, number | string> = {};
  const show = process.env.BENCH_SQL === "1";
  let statements = 0;
  try {
    // A first customer warms the caches (catalog, prepared statements); the second one is counted.
    for (const counted of [false, true]) {
      const c = new WebChatClient(server.url);
      const plain = () => c.last.flatMap((r) => r.choices ?? []).filter((x) => !x.id.startsWith("g."));
      const all = () => c.last.flatMap((r) => r.choices ?? []);
      const step = async (name: string, fn: () => Promise<unknown>) => {
        log = [];
        await fn();
        if (!counted) return;
        figures[`${name}: round trips`] = log.filter((l) => !l.pipelined).length;
        statements += log.length;
        if (show) for (const l of log) process.stdout.write(`    ${name}: ${l.line}\n`);
      };
      await step("start", () => c.start());
      await step("rezervo", () => c.pick(/Rezervo/));
      await step("category", () => c.pick(plain()[0].label));
      await step("business", () => c.pick(plain()[0].label));
      await step("service → days", () => c.pick(plain()[0].label));
      await step("day → slots", () => c.pick(all().filter((x) => /\d/.test(x.label))[counted ? 1 : 0].label));
      await step("time → name", () => c.pick(all().filter((x) => /^\d{2}:\d{2}$/.test(x.label))[counted ? 3 : 2].label));
      await step("name → email", () => c.say("Klient Provë"));
      await step("email → phone", () => c.say(counted ? "klient2@example.al" : "klient1@example.al"));
      await step("phone → summary", () => c.say(counted ? "069 123 4568" : "069 123 4567"));
      await step("confirm", () => c.pick(/Konfirmo|Confirm/));
      if (!/RZ-/.test(c.text())) throw new Error(`the walk did not book: ${c.text().slice(-300)}`);
    }
    const total = Object.values(figures).reduce<number>((a, b) => a + Number(b), 0);
    figures["whole booking: round trips"] = total;
    figures["whole booking: statements"] = statements;
    figures.database = process.env.DATABASE_URL ? "PostgreSQL" : "embedded";
    return figures;
  } finally {
    await server.close();
    await db.close();
  }
}
