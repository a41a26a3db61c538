// The load generator of the floor bench, in a process of its own so that the server's event loop and
// CPU profile hold only the server. Run as a child process:
//   node --import tsx tests/bench/load.ts '<json plan>'
// plan: { target: "floor" | "rezervo", url: "http://127.0.0.1:…", clients: number,
//         warmMs: number, measureMs: number, maxTurns?: number }
// It drives the server for warmMs (not recorded) then measureMs (recorded), never past that (bounded),
// and prints one JSON line with the figures on stdout. It writes "window:start" and "window:end" lines to
// stderr when the measured window opens and closes, so that the parent can read CPU times there.
//  - floor: each client POSTs {session, text} to /turn one after another.
//  - rezervo: each client is a customer booking from start to finish over the web chat API, the same walk
//    as tests/bench/conversations.ts (start, Rezervo, category, business, service, day, time, name, email,
//    phone, confirm), then the next customer. With arrivalsPerSec, customers arrive at a fixed rate
//    instead (an open model: a slow answer does not slow the arrivals, as with real traffic).
import { Pool } from "undici";

export interface Plan {
  target: "floor" | "rezervo";
  url: string;
  clients: number;
  warmMs: number;
  measureMs: number;
  /** Stop after this many recorded turns (all clients together). */
  maxTurns?: number;
  /**
   * rezervo only, an open model: new customers arrive at this rate (evenly spaced) whatever the answers'
   * speed, each walking as fast as the answers come; `clients` then bounds how many walk at once.
   */
  arrivalsPerSec?: number;
}

export interface StepFigures {
  n: number;
  p50: number;
  p99: number;
}

export interface LoadResult {
  target: Plan["target"];
  clients: number;
  /** Turns recorded (started and finished inside the measured window). */
  turns: number;
  /** Seconds of the measured window actually used. */
  seconds: number;
  turnsPerSec: number;
  p50: number;
  p99: number;
  /** Per step of the walk (rezervo) or "turn" (floor). */
  steps: Record<string, StepFigures>;
  /** Conversations started and finished inside the measured window, and how many of them booked. */
  conversations: number;
  booked: number;
  /** Turns that did not answer 2xx, or conversations that could not go on (no day, no time). */
  errors: number;
  firstError?: string;
  /** The load generator's own CPU ms over the measured window. */
  cpuMs: number;
}

interface Choice {
  id: string;
  label: string;
}
interface Reply {
  text: string;
  choices?: Choice[];
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(plan: Plan): Promise<LoadResult> {
  const pool = new Pool(plan.url, { connections: plan.clients + 2, pipelining: 1, keepAliveTimeout: 30_000 });
  const startAt = performance.now();
  const warmEnd = startAt + plan.warmMs;
  const end = warmEnd + plan.measureMs;
  const maxTurns = plan.maxTurns ?? Number.POSITIVE_INFINITY;
  const lat = new Map<string, number[]>();
  let turns = 0;
  let lastRecorded = warmEnd;
  let conversations = 0;
  let booked = 0;
  let errors = 0;
  let firstError: string | undefined;
  let stopped = false;

  const done = () => stopped || performance.now() >= end || turns >= maxTurns;

  function fail(msg: string): void {
    errors++;
    firstError ??= msg;
  }

  /** One POST, timed; records it under `step` when inside the measured window. */
  async function post(step: string, path: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const t0 = performance.now();
    const res = await pool.request({ method: "POST", path, headers, body: JSON.stringify(body) });
    const text = await res.body.text();
    const t1 = performance.now();
    if (t0 >= warmEnd && t1 <= end && turns < maxTurns) {
      let a = lat.get(step);
      if (!a) lat.set(step, (a = []));
      a.push(t1 - t0);
      turns++;
      if (t1 > lastRecorded) lastRecorded = t1;
    }
    return { status: res.statusCode, json: text ? JSON.parse(text) : null };
  }

  async function floorClient(c: number): Promise<void> {
    for (let k = 0; !done(); k++) {
      const { status } = await post("turn", "/turn", { session: `s${c}-${k >> 4}`, text: `turn ${k}` });
      if (status !== 200) fail(`floor: ${status}`);
    }
  }

  let nextIndex = 1;
  /** One customer booking from start to finish; false when it stopped early. */
  async function conversation(i: number): Promise<boolean> {
    const start = await post("start", "/api/chat/sessions", {});
    if (start.status !== 201) return (fail(`start: ${start.status} ${JSON.stringify(start.json)}`), false);
    const { sessionId, token } = start.json as { sessionId: string; token: string };
    let last: Reply[] = start.json.replies;
    const path = `/api/chat/sessions/${sessionId}/messages`;
    const choices = () => last.flatMap((r) => r.choices ?? []);
    const turn = async (step: string, body: { text: string } | { choice: string }): Promise<boolean> => {
      if (done()) return false;
      const r = await post(step, path, body, token);
      if (r.status !== 200) return (fail(`${step}: ${r.status} ${JSON.stringify(r.json)}`), false);
      last = r.json.replies;
      return true;
    };
    const pick = (step: string, c: Choice | undefined): Promise<boolean> => {
      if (!c) return Promise.resolve((fail(`${step}: no choice in ${JSON.stringify(choices().map((x) => x.label))}`), false));
      return turn(step, { choice: c.id });
    };
    const plain = () => choices().filter((x) => !x.id.startsWith("g."));

    if (!(await pick("rezervo", choices().find((x) => /Rezervo/.test(x.label))))) return false;
    const cats = plain();
    if (!(await pick("category", cats[i % Math.max(1, cats.length)]))) return false;
    const biz = plain();
    if (!(await pick("business", biz[Math.floor(i / Math.max(1, cats.length)) % Math.max(1, biz.length)]))) return false;
    const svcs = plain();
    if (!(await pick("service → days", svcs[i % Math.max(1, svcs.length)]))) return false;
    const days = choices().filter((x) => /\d/.test(x.label));
    if (!(await pick("day → slots", days[i % Math.max(1, days.length)]))) return false;
    const times = choices().filter((x) => /^\d{2}:\d{2}$/.test(x.label));
    if (!(await pick("time → name", times[(i * 7) % Math.max(1, times.length)]))) return false;
    if (!(await turn("name → email", { text: "Klient Provë" }))) return false;
    if (!(await turn("email → phone", { text: `klient${i}@example.al` }))) return false;
    if (!(await turn("phone → summary", { text: `069 ${String(1000000 + i).slice(-7)}` }))) return false;
    if (!(await pick("confirm", choices().find((x) => /Konfirmo|Confirm/.test(x.label))))) return false;
    return /RZ-/.test(last.map((r) => r.text).join("\n"));
  }

  async function customer(): Promise<void> {
    while (!done()) {
      const i = nextIndex++;
      const began = performance.now();
      const ok = await conversation(i).catch((err: unknown) => (fail(String(err)), false));
      if (done()) break;
      if (began < warmEnd) continue; // counted only when the whole conversation was measured
      conversations++;
      if (ok) booked++;
    }
  }

  /** Customers arriving every 1/rate seconds, at most `clients` walking at once (one over is dropped, counted as an error). */
  async function arrivals(rate: number): Promise<void> {
    const walking = new Set<Promise<void>>();
    for (let k = 0; !done(); k++) {
      const due = startAt + (k * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (done()) break;
      if (walking.size >= plan.clients) {
        fail(`more than ${plan.clients} customers walking at once`);
        continue;
      }
      const i = nextIndex++;
      const began = performance.now();
      const w: Promise<void> = conversation(i)
        .catch((err: unknown) => (fail(String(err)), false))
        .then((ok) => {
          walking.delete(w);
          if (began < warmEnd || performance.now() > end) return;
          conversations++;
          if (ok) booked++;
        });
      walking.add(w);
    }
    await Promise.all(walking);
  }

  const failSafe = setTimeout(() => (stopped = true), plan.warmMs + plan.measureMs + 30_000);
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let cpuInWindow: NodeJS.CpuUsage | undefined;
  const windowStart = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
    process.stderr.write("window:start\n");
  }, plan.warmMs);
  const windowEnd = setTimeout(() => {
    cpuInWindow = process.cpuUsage(cpuAtStart);
    process.stderr.write("window:end\n");
  }, plan.warmMs + plan.measureMs);
  try {
    if (plan.target === "rezervo" && plan.arrivalsPerSec) await arrivals(plan.arrivalsPerSec);
    else await Promise.all(Array.from({ length: plan.clients }, (_, c) => (plan.target === "floor" ? floorClient(c) : customer())));
  } finally {
    clearTimeout(failSafe);
    clearTimeout(windowStart);
    clearTimeout(windowEnd);
    await pool.close();
  }
  cpuInWindow ??= process.cpuUsage(cpuAtStart);

  const all = [...lat.values()].flat().sort((a, b) => a - b);
  const seconds = Math.max(0.001, (Math.min(lastRecorded, end) - warmEnd) / 1000);
  const steps: Record<string, StepFigures> = {};
  for (const [k, v] of lat) {
    const s = [...v].sort((a, b) => a - b);
    steps[k] = { n: s.length, p50: round(percentile(s, 50)), p99: round(percentile(s, 99)) };
  }
  return {
    target: plan.target,
    clients: plan.clients,
    turns,
    seconds: round(seconds),
    turnsPerSec: Math.round(turns / seconds),
    p50: round(percentile(all, 50)),
    p99: round(percentile(all, 99)),
    steps,
    conversations,
    booked,
    errors,
    ...(firstError ? { firstError: firstError.slice(0, 300) } : {}),
    cpuMs: round((cpuInWindow.user + cpuInWindow.system) / 1000),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// As a child process: the plan in argv[2], one JSON line out.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const plan = JSON.parse(process.argv[2] ?? "{}") as Plan;
  const u = new URL(plan.url);
  if (u.hostname !== "127.0.0.1") throw new Error(`load: traffic goes to 127.0.0.1 only, not ${u.hostname}`);
  const result = await runLoad(plan);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
