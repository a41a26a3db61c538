// The retention purge under load, on PostgreSQL: 100 000 old transcript messages are deleted in batches
// while 20 web chat customers keep talking; prints the turn p50/p99 without and with the purge running,
// how long the purge took and how many rows it deleted (it must delete all of them and nothing recent).
import { purgeExpired } from "../../core/privacy/retention.ts";
import { createTestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const OLD = Number(process.env.BENCH_OLD_MESSAGES ?? 100_000);
const CLIENTS = 20;
const NOW = "2026-11-25T08:00:00Z";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]) : NaN;
};

/** Customers chatting (menu -> FAQ -> back, over and over) until `until` resolves; turn latencies in ms. */
async function chatter(url: string, until: Promise<unknown>): Promise<number[]> {
  const lat: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    const c = new WebChatClient(url);
    await c.start({ lang: "sq" });
    const words = ["a pranoni paypal?", "menu", "si anuloj?", "menu"];
    for (let i = 0; !done; i++) {
      const t0 = performance.now();
      await c.say(words[i % words.length]);
      lat.push(performance.now() - t0);
    }
  }));
  return lat;
}

export async function bench(): Promise<Record<string, number | string>> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = process.env.BENCH_PG_URL ?? saved ?? "postgresql://postgres@127.0.0.1:5432/test";
  const db = await createTestDatabase();
  const server = await startTestServer({ db, clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "100000" } });
  try {
    const conv = new WebChatClient(server.url);
    await conv.start({ lang: "sq" });
    const old = new Date(Date.parse(NOW) - 200 * 86_400_000);
    await db.prisma.$executeRaw`
      INSERT INTO "Message" ("conversationId", direction, body, "createdAt")
      SELECT ${conv.sessionId}, 'in', jsonb_build_object('kind', 'text', 'text', 'old message ' || g), ${old}
        FROM generate_series(1, ${OLD}) g`;
    const quiet = await chatter(server.url, new Promise((r) => setTimeout(r, 5000)));
    let purge = { messages: 0, processed: 0, ticketMessages: 0 };
    let purgeMs = 0;
    const purging = (async () => {
      const t0 = performance.now();
      purge = await purgeExpired(db.prisma, new Date(NOW), { messageDays: 180, ticketDays: 730 });
      purgeMs = performance.now() - t0;
    })();
    const loaded = await chatter(server.url, purging);
    const left = await db.prisma.message.count({ where: { createdAt: { lt: new Date(Date.parse(NOW) - 180 * 86_400_000) } } });
    return {
      "old messages": OLD,
      "turns without purge": quiet.length,
      "p50 / p99 turn ms without purge": `${pct(quiet, 50)} / ${pct(quiet, 99)}`,
      "turns during purge": loaded.length,
      "p50 / p99 turn ms during purge": `${pct(loaded, 50)} / ${pct(loaded, 99)}`,
      "purge s": Number((purgeMs / 1000).toFixed(1)),
      "deleted (old left)": `${purge.messages} (${left})`,
    };
  } finally {
    await server.close();
    await db.close();
    if (saved) process.env.DATABASE_URL = saved;
    else delete process.env.DATABASE_URL;
  }
}
