// 200 concurrent web chat conversations booking over HTTP against the real server:
// turns per second, p50/p99 turn latency and database round trips per turn.
import pg from "pg";
import { startTestServer, fixedClock } from "../support/server.ts";
import { createTestDatabase } from "../support/db.ts";
import { WebChatClient } from "../support/webchat.ts";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);

let queries = 0;
const original = pg.Client.prototype.query;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function oneConversation(url: string, i: number, lat: number[]): Promise<boolean> {
  const c = new WebChatClient(url);
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    lat.push(performance.now() - t0);
  };
  await timed(() => c.start());
  await timed(() => c.pick(/Rezervo/));
  const cats = c.last.flatMap((r) => r.choices ?? []).filter((x) => !x.id.startsWith("g."));
  await timed(() => c.pick(cats[i % cats.length].label));
  const biz = c.last.flatMap((r) => r.choices ?? []).filter((x) => !x.id.startsWith("g."));
  await timed(() => c.pick(biz[Math.floor(i / cats.length) % biz.length].label));
  const svcs = c.last.flatMap((r) => r.choices ?? []).filter((x) => !x.id.startsWith("g."));
  await timed(() => c.pick(svcs[i % svcs.length].label));
  const days = c.last.flatMap((r) => r.choices ?? []).filter((x) => /\d/.test(x.label));
  if (!days.length) return false;
  await timed(() => c.pick(days[i % days.length].label));
  const times = c.last.flatMap((r) => r.choices ?? []).filter((x) => /^\d{2}:\d{2}$/.test(x.label));
  if (!times.length) return false;
  await timed(() => c.pick(times[(i * 7) % times.length].label));
  await timed(() => c.say(`Klient Provë`));
  await timed(() => c.say(`klient${i}@example.al`));
  await timed(() => c.say(`069 ${String(1000000 + i).slice(-7)}`));
  await timed(() => c.pick(/Konfirmo|Confirm/));
  return /RZ-/.test(c.text());
}

async function run(label: string, dbUrl: string | undefined): Promise<Record<string, number | string>> {
  const saved = process.env.DATABASE_URL;
  if (dbUrl) process.env.DATABASE_URL = dbUrl;
  else delete process.env.DATABASE_URL;
  const db = await createTestDatabase();
  const server = await startTestServer({ db, clock: fixedClock("2026-11-25T08:00:00Z"), env: { RATE_LIMIT_PER_MIN: "100000" } });
  try {
    const lat: number[] = [];
    // Warm-up: one conversation.
    await oneConversation(server.url, 0, []);
    const q0 = queries;
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => oneConversation(server.url, i + 1, lat)));
    const wall = (performance.now() - t0) / 1000;
    const sorted = [...lat].sort((a, b) => a - b);
    return {
      [`${label}: conversations`]: CONVERSATIONS,
      [`${label}: booked`]: results.filter(Boolean).length,
      [`${label}: turns`]: lat.length,
      [`${label}: turns/s`]: Math.round(lat.length / wall),
      [`${label}: p50 turn ms`]: Math.round(percentile(sorted, 50)),
      [`${label}: p99 turn ms`]: Math.round(percentile(sorted, 99)),
      [`${label}: db round trips/turn`]: Number(((queries - q0) / lat.length).toFixed(1)),
    };
  } finally {
    await server.close();
    await db.close();
    if (saved) process.env.DATABASE_URL = saved;
    else delete process.env.DATABASE_URL;
  }
}

/** Foundation figures on the embedded database and on PostgreSQL (BENCH_PG_URL or the local server). */
export async function bench(): Promise<Record<string, number | string>> {
  const out = await run("embedded", undefined);
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const reachable = await new pg.Client({ connectionString: pgUrl }).connect().then(
    async function (this: void) {
      return true;
    },
    () => false,
  );
  if (reachable) Object.assign(out, await run("postgresql", pgUrl));
  else out["postgresql"] = `not reachable at ${pgUrl.replace(/\/\/[^@]*@/, "//***@")}`;
  return out;
}
