// `npm run bench -- floor`: Rezervo against the floor of a turn, in one run (issue 14).
// Two real server processes on the local PostgreSQL, each in a fresh schema:
//  - the floor: a bare fastify + pg server answering a JSON POST with one upsert (floor-server.ts);
//  - `rezervo serve` (reminders on, as in production; no rate limit in the way).
// A load generator in a process of its own (load.ts) drives the floor with 1 and 20 clients, then Rezervo
// with 1 and 20 customers booking from start to finish over the web chat API, in rounds (BENCH_ROUNDS,
// default 3). Prints the goals judged on the median of the rounds' ratios and the last round's tables,
// and writes them to BENCHMARKS.md.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parseDatabaseUrl, withSchema } from "../../core/db/client.ts";
import { serve } from "../support/process.ts";
import type { LoadResult, Plan } from "./load.ts";
import { pidCpuMs, postgresCpu, postgresCpuSince } from "./cpu.ts";
import { summarizeProfile } from "./profile.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HERE = join(ROOT, "tests", "bench");
const CUSTOMERS = 20;
/** The walk's steps in order; each is named by the message sent and, where it matters, what comes back. */
const WALK = ["start", "rezervo", "category", "business", "service → days", "day → slots", "time → name", "name → email", "email → phone", "phone → summary", "confirm"];
const MS = (name: string, dflt: number) => Number(process.env[name] ?? dflt);

/** Starts the floor server in a fresh schema; resolves once it listens. */
async function startFloor(dbUrl: string, schema: string): Promise<{ proc: ChildProcess; url: string; exited: Promise<unknown> }> {
  const proc = spawn(process.execPath, ["--import", "tsx", join(HERE, "floor-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, FLOOR_DB_URL: dbUrl, FLOOR_SCHEMA: schema, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`floor server did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /floor listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", () => reject(new Error(`floor server exited: ${out}`)));
  });
  return { proc, url, exited };
}

/** CPU ms per recorded turn over a phase's measured window: the server under test, PostgreSQL, the load generator. */
interface PhaseCpu {
  server: number;
  postgres: number;
  load: number;
}
type Phase = LoadResult & { cpu: PhaseCpu };

/** Runs one plan in a load generator child process; reads the CPU time of `serverPid` and PostgreSQL over its measured window. */
async function load(plan: Plan, serverPid: number): Promise<Phase> {
  const proc = spawn(process.execPath, ["--import", "tsx", join(HERE, "load.ts"), JSON.stringify(plan)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let at: { server: number; pg: Map<number, number> } | undefined;
  let used: { server: number; postgres: number } | undefined;
  const endWindow = () => {
    if (!at || used) return;
    used = { server: pidCpuMs(serverPid) - at.server, postgres: postgresCpuSince(at.pg) };
  };
  proc.stdout?.on("data", (d) => (out += d));
  proc.stderr?.on("data", (d) => {
    err += d;
    if (!at && err.includes("window:start\n")) at = { server: pidCpuMs(serverPid), pg: postgresCpu() };
    if (err.includes("window:end\n")) endWindow();
  });
  const killer = setTimeout(() => proc.kill("SIGKILL"), plan.warmMs + plan.measureMs + 60_000);
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  clearTimeout(killer);
  const line = out.trim().split("\n").pop() ?? "";
  endWindow();
  if (code !== 0 || !line.startsWith("{")) throw new Error(`load generator failed (${code}): ${err || out}`);
  const r = JSON.parse(line) as LoadResult;
  const per = (x: number | undefined) => (x !== undefined && r.turns ? x / r.turns : Number.NaN);
  return { ...r, cpu: { server: per(used?.server), postgres: per(used?.postgres), load: per(r.cpuMs) } };
}

async function stop(proc: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill("SIGTERM");
  const t = setTimeout(() => proc.kill("SIGKILL"), 12_000);
  await exited;
  clearTimeout(t);
}

async function dropSchemas(dbUrl: string, schemas: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  try {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await admin.end();
  }
}

function git(...args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "–");
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : "–");
const verdict = (ok: boolean) => (ok ? "met" : "not met");

/** Prints where the Rezervo server's CPU time went (the largest profile in `dir`: the server process). */
function printProfile(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(dir, f));
  const file = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!file) return void process.stdout.write(`  (no CPU profile was written in ${dir})\n`);
  const { busyMs, idleMs, shares } = summarizeProfile(file);
  process.stdout.write(`  CPU profile of the Rezervo server (${file}): busy ${(busyMs / 1000).toFixed(1)} s, idle ${(idleMs / 1000).toFixed(1)} s\n`);
  for (const [k, v] of shares.slice(0, 15)) process.stdout.write(`    ${(v * 100).toFixed(1).padStart(5)} %  ${k}\n`);
}

/** One round's phases, and its ratios against the goals. */
interface Round {
  f1: Phase;
  f20: Phase;
  r1: Phase;
  r20: Phase;
  open?: Phase;
  goals: { plain: number; confirm: number; share: number; p99: number };
}

/**
 * One round: the floor and `rezervo serve` started in fresh schemas, the floor driven with 1 and 20
 * clients, then Rezervo with 1 and 20 customers (one phase at a time: the other server idles meanwhile);
 * both stopped and their schemas dropped.
 */
async function round(dbUrl: string, profDir: string | undefined, arrivals: number): Promise<Round> {
  const tag = randomBytes(5).toString("hex");
  const floorSchema = `bench_floor_${tag}`;
  const rezervoSchema = `bench_rezervo_${tag}`;
  const dataDir = mkdtempSync(join(tmpdir(), "rezervo-floor-bench-"));
  const floor = await startFloor(dbUrl, floorSchema);
  let rezervo: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    rezervo = await serve({
      DATABASE_URL: withSchema(dbUrl, rezervoSchema),
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MIN: "1000000",
      LOG_LEVEL: "warn",
    }, {
      // BENCH_CPU_PROF=1: a V8 CPU profile of the Rezervo server, summarised after the run.
      nodeArgs: profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
    });
    const f1 = await load({ target: "floor", url: floor.url, clients: 1, warmMs: MS("BENCH_FLOOR_WARM_MS", 1_000), measureMs: MS("BENCH_FLOOR_ONE_MS", 3_000) }, floor.proc.pid!);
    const f20 = await load({ target: "floor", url: floor.url, clients: CUSTOMERS, warmMs: MS("BENCH_FLOOR_WARM_MS", 1_000), measureMs: MS("BENCH_FLOOR_MANY_MS", 8_000) }, floor.proc.pid!);
    const r1 = await load({ target: "rezervo", url: rezervo.url, clients: 1, warmMs: MS("BENCH_REZERVO_WARM_MS", 2_000), measureMs: MS("BENCH_REZERVO_ONE_MS", 8_000) }, rezervo.proc.pid!);
    const r20 = await load({ target: "rezervo", url: rezervo.url, clients: CUSTOMERS, warmMs: MS("BENCH_REZERVO_WARM_MS", 2_000), measureMs: MS("BENCH_REZERVO_MANY_MS", 15_000) }, rezervo.proc.pid!);
    const open = arrivals > 0
      ? await load({ target: "rezervo", url: rezervo.url, clients: 500, arrivalsPerSec: arrivals, warmMs: MS("BENCH_REZERVO_WARM_MS", 2_000), measureMs: MS("BENCH_REZERVO_MANY_MS", 15_000) }, rezervo.proc.pid!)
      : undefined;
    return {
      f1, f20, r1, r20, open,
      goals: {
        plain: stepP50(r1, "name → email") / f1.p50,
        confirm: stepP50(r1, "confirm"),
        share: r20.turnsPerSec / f20.turnsPerSec,
        p99: r20.p99 / f20.p99,
      },
    };
  } finally {
    if (rezervo) await stop(rezervo.proc, rezervo.exited);
    await stop(floor.proc, floor.exited);
    await dropSchemas(dbUrl, [floorSchema, rezervoSchema]).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A step's p50 in a phase (NaN when the phase has none of it). */
const stepP50 = (r: LoadResult, name: string) => r.steps[name]?.p50 ?? NaN;

/** The middle value (the mean of the two middle ones for an even count). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function bench(): Promise<Record<string, number | string>> {
  const base = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const dbUrl = parseDatabaseUrl(base).connectionString;
  if (new URL(dbUrl).hostname !== "127.0.0.1") throw new Error(`floor bench: PostgreSQL on 127.0.0.1 only, not ${new URL(dbUrl).hostname}`);
  await new pg.Client({ connectionString: dbUrl }).connect().then(
    (c) => c.end(),
    (err: unknown) => {
      throw new Error(`floor bench: PostgreSQL not reachable at ${dbUrl.replace(/\/\/[^@]*@/, "//***@")}: ${String(err)}`);
    },
  );

  // BENCH_ROUNDS (default 3): the whole run (both servers started afresh, all four phases) this many
  // times; the goals are judged on the median of the rounds' ratios, since on a shared machine one
  // round's ratios move by a third from one minute to the next. The tables below the goals are the last round's.
  const rounds = Math.max(1, MS("BENCH_ROUNDS", 3));
  const profDir = process.env.BENCH_CPU_PROF ? mkdtempSync(join(tmpdir(), "rezervo-floor-prof-")) : undefined;
  // BENCH_OPEN_ARRIVALS=<customers/s>: one more phase, an open model (customers arrive at that rate
  // whatever the answers' speed, as real traffic does), in the last round, printed after the table, not written to it.
  const arrivals = MS("BENCH_OPEN_ARRIVALS", 0);
  const loadBefore = loadavg()[0];
  const startedAt = new Date();
  const done: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    const last = i === rounds - 1;
    done.push(await round(dbUrl, last ? profDir : undefined, last ? arrivals : 0));
    if (rounds > 1) {
      const g = done[i].goals;
      process.stdout.write(`  round ${i + 1}/${rounds}: plain step ${ratio(g.plain)}, confirming turn ${ms(g.confirm)}, throughput ${(g.share * 100).toFixed(0)} %, p99 ${ratio(g.p99)}\n`);
    }
  }
  const loadAfter = loadavg()[0];
  if (profDir) printProfile(profDir);
  const { f1, f20, r1, r20, open } = done[done.length - 1];

  const plain = stepP50(r1, "name → email");
  const confirm = stepP50(r1, "confirm");
  const days = stepP50(r1, "service → days");
  const slots = stepP50(r1, "day → slots");
  const med = (pick: (g: Round["goals"]) => number) => median(done.map((r) => pick(r.goals)));
  const plainRatio = med((g) => g.plain);
  const confirmMedian = med((g) => g.confirm);
  const tputShare = med((g) => g.share);
  const p99Ratio = med((g) => g.p99);
  const each = (pick: (g: Round["goals"]) => number, f: (x: number) => string) => done.map((r) => f(pick(r.goals))).join(" · ");
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const goals = [
    `| Goal | ${rounds > 1 ? "Rounds | " : ""}Median | |`,
    `|---|${rounds > 1 ? "---|" : ""}---:|---|`,
    ...([
      ["1 customer: plain step ≤ 2x the floor's p50", each((g) => g.plain, ratio), ratio(plainRatio), verdict(plainRatio <= 2)],
      ["1 customer: confirming turn p50 ≤ 10 ms", each((g) => g.confirm, ms), ms(confirmMedian), verdict(confirmMedian <= 10)],
      ["20 customers: throughput ≥ 50 % of the floor's", each((g) => g.share, pct), pct(tputShare), verdict(tputShare >= 0.5)],
      ["20 customers: p99 ≤ 3x the floor's p99", each((g) => g.p99, ratio), ratio(p99Ratio), verdict(p99Ratio <= 3)],
    ] as const).map(([goal, all, m, v]) => `| ${goal} | ${rounds > 1 ? `${all} | ` : ""}${m} | ${v} |`),
  ].join("\n");

  const rows: [string, string, string, string][] = [
    ["Floor, 1 client: p50", ms(f1.p50), "", `${f1.turns} requests`],
    ["Floor, 20 clients: requests/s", String(f20.turnsPerSec), "", `${f20.turns} requests`],
    ["Floor, 20 clients: p99", ms(f20.p99), "", `p50 ${ms(f20.p50)}`],
    ["Rezervo, 1 customer: p50 of all turns", ms(r1.p50), "", `${r1.turns} turns; ${r1.booked} of ${r1.conversations} conversations booked`],
    ["Rezervo, 1 customer: plain step (name → email) p50", ms(plain), `${ratio(plain / f1.p50)} the floor's p50`, ""],
    ["Rezervo, 1 customer: confirming turn p50", ms(confirm), "", ""],
    ["Rezervo, 1 customer: days (service → days) p50", ms(days), "", ""],
    ["Rezervo, 1 customer: slots (day → slots) p50", ms(slots), "", ""],
    ["Rezervo, 20 customers: turns/s", String(r20.turnsPerSec), `${pct(r20.turnsPerSec / f20.turnsPerSec)} of the floor's`, ""],
    ["Rezervo, 20 customers: p99", ms(r20.p99), `${ratio(r20.p99 / f20.p99)} the floor's p99`, ""],
  ];
  const table = [
    "| Figure | Value | Ratio | |",
    "|---|---:|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  const stepTable = [
    "| Step | 1 customer: n | p50 | p99 | 20 customers: n | p50 | p99 |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...Object.entries(r1.steps)
      .sort(([a], [b]) => WALK.indexOf(a) - WALK.indexOf(b))
      .map(([k, v]) => {
        const m = r20.steps[k];
        return `| ${k} | ${v.n} | ${ms(v.p50)} | ${ms(v.p99)} | ${m ? `${m.n} | ${ms(m.p50)} | ${ms(m.p99)}` : "– | – | –"} |`;
      }),
  ].join("\n");

  // Where each phase's CPU went, per recorded turn: with 2 cores, a server at 1 000 ms/s is one core full.
  const cpuRow = (name: string, r: Phase) => {
    const perSec = (x: number) => (Number.isFinite(x) ? Math.round(x * r.turnsPerSec) : "–");
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");
    return `| ${name} | ${f(r.cpu.server)} | ${f(r.cpu.postgres)} | ${f(r.cpu.load)} | ${perSec(r.cpu.server)} | ${perSec(r.cpu.postgres)} | ${perSec(r.cpu.load)} |`;
  };
  const cpuTable = [
    "| Phase | server CPU ms/turn | PostgreSQL CPU ms/turn | load generator CPU ms/turn | server CPU ms/s | PostgreSQL CPU ms/s | load generator CPU ms/s |",
    "|---|---:|---:|---:|---:|---:|---:|",
    cpuRow("floor, 1 client", f1),
    cpuRow("floor, 20 clients", f20),
    cpuRow("Rezervo, 1 customer", r1),
    cpuRow("Rezervo, 20 customers", r20),
  ].join("\n");

  const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
  const commit = `${git("rev-parse", "--short", "HEAD")}${dirty ? " (with uncommitted changes)" : ""}`;
  const cpu = cpus();
  const shared = loadBefore > 0.5 || loadAfter > cpu.length;
  const machine =
    `${cpu.length} × ${cpu[0]?.model.trim() ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, ` +
    `PostgreSQL on 127.0.0.1. 1-minute load average ${loadBefore.toFixed(2)} before the run, ${loadAfter.toFixed(2)} after` +
    (shared ? " — the machine was shared with other work while this ran, so the figures carry noise." : ".");
  const errors = done.flatMap((d, i) => [d.f1, d.f20, d.r1, d.r20]
    .filter((r) => r.errors)
    .map((r) => `${rounds > 1 ? `round ${i + 1}, ` : ""}${r.target} × ${r.clients}: ${r.errors} errors (first: ${r.firstError})`));

  const section = [
    "<!-- floor:start -->",
    "## Floor: Rezervo against the least a turn can do (issue 14)",
    "",
    `- Date: ${startedAt.toISOString()}`,
    `- Commit: ${commit}`,
    `- Machine: ${machine}`,
    `- Command: \`npm run bench -- floor\`, ${rounds} round${rounds > 1 ? "s" : ""} (BENCH_ROUNDS): each starts both servers afresh and runs the four phases; the goals are judged on the median of the rounds' ratios, the other tables are the last round's.`,
    "- Steps are named by the message the customer sends and, where it matters, what the answer shows: the plain step is the name, answered by the question for the email; days is the service pick, answered by the days with free places; slots is the day pick, answered by the free times; the confirming turn writes the booking.",
    "- Setup: two real server processes on PostgreSQL, each in a fresh schema — the floor (tests/bench/floor-server.ts: bare fastify + pg, one upsert per JSON POST, pool of 10) and `rezervo serve` (reminders and waiting list on, as in production: each booking's reminders are scheduled from the outbox; RATE_LIMIT_PER_MIN=1000000; default pool of 10). A load generator in its own process (tests/bench/load.ts, undici, keep-alive) drives the floor with 1 and 20 clients, then Rezervo with 1 and 20 customers booking from start to finish over the web chat API (start, Rezervo, category, business, service, day, time, name, email, phone, confirm). Each phase warms up first; only turns started and finished in the measured window count. The load generator shares the machine's cores with the servers.",
    "",
    goals,
    "",
    `The last round's figures:`,
    "",
    table,
    "",
    `20 customers: ${r20.turns} turns in ${r20.seconds} s, ${r20.booked} of ${r20.conversations} finished conversations booked, p50 ${ms(r20.p50)}. Floor 20 clients: ${f20.turns} requests in ${f20.seconds} s.`,
    ...(errors.length ? ["", `Errors: ${errors.join("; ")}`] : []),
    "",
    cpuTable,
    "",
    stepTable,
    "<!-- floor:end -->",
  ].join("\n");
  const file = join(ROOT, "BENCHMARKS.md");
  const previous = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const next = /<!-- floor:start -->[\s\S]*<!-- floor:end -->/.test(previous)
    ? previous.replace(/<!-- floor:start -->[\s\S]*<!-- floor:end -->/, section)
    : `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  process.stdout.write(`\n${goals}\n\n${table}\n\n${cpuTable}\n\n${stepTable}\n\n(written to BENCHMARKS.md)\n`);

  return {
    "floor 1 client p50 ms": f1.p50,
    "floor 20 clients requests/s": f20.turnsPerSec,
    "floor 20 clients p99 ms": f20.p99,
    "rezervo 1 customer p50 ms": r1.p50,
    "rezervo plain step (name → email) p50 ms": plain,
    "rezervo confirming turn p50 ms": confirm,
    "rounds": rounds,
    "rezervo days p50 ms": days,
    "rezervo slots p50 ms": slots,
    "rezervo 20 customers turns/s": r20.turnsPerSec,
    "rezervo 20 customers p99 ms": r20.p99,
    "plain step / floor p50, median (goal ≤ 2)": Number(plainRatio.toFixed(2)),
    "confirming turn p50 ms, median (goal ≤ 10)": confirmMedian,
    "20 customers throughput share, median (goal ≥ 0.5)": Number(tputShare.toFixed(2)),
    "20 customers p99 / floor p99, median (goal ≤ 3)": Number(p99Ratio.toFixed(2)),
    "booked (1 / 20 customers)": `${r1.booked} / ${r20.booked}`,
    ...(open ? {
      [`open model, ${arrivals} customers/s: turns/s`]: open.turnsPerSec,
      [`open model: p50 / p99 ms`]: `${open.p50} / ${open.p99}`,
      [`open model: plain step p50 / p99 ms`]: `${open.steps["name → email"]?.p50} / ${open.steps["name → email"]?.p99}`,
      [`open model: confirming turn p50 / p99 ms`]: `${open.steps.confirm?.p50} / ${open.steps.confirm?.p99}`,
      [`open model: booked / errors`]: `${open.booked} of ${open.conversations} / ${open.errors}${open.firstError ? ` (first: ${open.firstError.slice(0, 120)})` : ""}`,
    } : {}),
    errors: errors.length ? errors.join("; ") : 0,
    "machine": shared ? "shared (load average high)" : "quiet",
  };
}
