// `npm run bench -- memory`: what the server keeps in its heap per idle web chat conversation, and
// whether its heap stays flat under steady load (issue 14: ≤ 2 KB per idle conversation; flat heap over
// a 10-minute soak).
// A real `rezervo serve` process (REMINDERS=off) on a fresh database, started with the inspector on a
// free local port: the bench forces a full garbage collection there (HeapProfiler.collectGarbage) and
// reads process.memoryUsage() through it, so the server runs unchanged.
//  1. warm-up: 100 conversations (code compiled, caches filled), then GC and a baseline;
//  2. BENCH_MEMORY_CONVERSATIONS (default 5 000) web chat conversations by 20 clients, each opening a
//     session and taking three turns (Rezervo, a category, a business), then left idle; GC; the heap
//     growth over the baseline divided by the conversations;
//  3. soak: BENCH_SOAK_MIN minutes (default 1; 10 for the figure) of steady load (10 clients, each
//     conversation four turns then abandoned), heap used after a GC every BENCH_SOAK_SAMPLE_S seconds
//     (default 10), and the least-squares slope of those samples.
// DATABASE_URL: that PostgreSQL (a fresh schema), else the embedded one. BENCH_MEMORY_SNAPSHOTS=<dir>
// writes heap snapshots of the baseline and of the idle conversations there (open them in DevTools).
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import WebSocket from "ws";
import { createTestDatabase } from "../support/db.ts";
import { freePort } from "../support/process.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);

interface Reply {
  text: string;
  choices?: { id: string; label: string }[];
}

/** A DevTools protocol session on the server's inspector. */
class Inspector {
  private seq = 0;
  private readonly waiting = new Map<number, (r: { result?: unknown; error?: unknown }) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (d) => {
      const msg = JSON.parse(d.toString()) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id !== undefined) this.waiting.get(msg.id)?.(msg);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    return new Inspector(ws);
  }

  call(method: string, params: object = {}): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => {
        this.waiting.delete(id);
        if (r.error) reject(new Error(`${method}: ${JSON.stringify(r.error)}`));
        else resolve(r.result);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Heap used after two full collections (the second frees what finalizers of the first let go). */
  async heapAfterGc(): Promise<{ heapUsed: number; external: number; rss: number }> {
    await this.call("HeapProfiler.collectGarbage");
    await this.call("HeapProfiler.collectGarbage");
    const r = (await this.call("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true })) as { result: { value: string } };
    return JSON.parse(r.result.value) as { heapUsed: number; external: number; rss: number };
  }

  /** Writes a heap snapshot (for Chrome DevTools' Memory tab) to `file`. */
  async snapshot(file: string): Promise<void> {
    const chunks: string[] = [];
    const onChunk = (d: WebSocket.RawData) => {
      const msg = JSON.parse(d.toString()) as { method?: string; params?: { chunk: string } };
      if (msg.method === "HeapProfiler.addHeapSnapshotChunk") chunks.push(msg.params!.chunk);
    };
    this.ws.on("message", onChunk);
    await this.call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    this.ws.off("message", onChunk);
    writeFileSync(file, chunks.join(""));
  }

  close(): void {
    this.ws.close();
  }
}

/** Starts `rezervo serve` with the inspector on; resolves with its URL and the inspector's. */
async function startServer(databaseUrl: string): Promise<{ proc: ChildProcess; url: string; inspector: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--inspect=127.0.0.1:0", `${ROOT}bin/rezervo.js`, "serve"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", REMINDERS: "off", WAITLIST: "off", DIGEST: "off", RATE_LIMIT_PER_MIN: "1000", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let inspector = "";
  const onData = (d: Buffer) => {
    output += d;
    inspector ||= /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(output)?.[0] ?? "";
  };
  proc.stdout!.on("data", onData);
  proc.stderr!.on("data", onData);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 720; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (inspector && (await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) return { proc, url, inspector };
    await new Promise((r) => setTimeout(r, 250));
  }
  proc.kill("SIGKILL");
  throw new Error(`server did not start: ${output}`);
}

/** Web chat clients over one connection pool. */
function clients(url: string, n: number) {
  const pool = new Pool(url, { connections: n + 2, pipelining: 1 });
  let errors = 0;
  let firstError: string | undefined;
  const post = async (path: string, body: unknown, token?: string): Promise<{ status: number; json: any }> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await pool.request({ method: "POST", path, headers, body: JSON.stringify(body) });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? JSON.parse(text) : null };
  };
  /** One conversation: a session and up to `turns` presses of a choice, the same walk for the same i. */
  const conversation = async (i: number, turns: number): Promise<void> => {
    const start = await post("/api/chat/sessions", {});
    if (start.status !== 201) throw new Error(`start: ${start.status} ${JSON.stringify(start.json)}`);
    const { sessionId, token } = start.json as { sessionId: string; token: string };
    let last = start.json.replies as Reply[];
    for (let k = 0; k < turns; k++) {
      const choices = last.flatMap((r) => r.choices ?? []);
      const plain = choices.filter((c) => !c.id.startsWith("g."));
      const pick = k === 0 ? choices.find((c) => /Rezervo/.test(c.label)) : plain[(i + k) % Math.max(1, plain.length)];
      if (!pick) return;
      const r = await post(`/api/chat/sessions/${sessionId}/messages`, { choice: pick.id }, token);
      if (r.status !== 200) throw new Error(`turn ${k}: ${r.status} ${JSON.stringify(r.json)}`);
      last = r.json.replies as Reply[];
    }
  };
  return {
    /** Runs `total` conversations with `n` clients at a time. */
    async run(total: number, turns: number, from = 0): Promise<void> {
      let next = 0;
      await Promise.all(Array.from({ length: n }, async () => {
        while (next < total) {
          const i = next++;
          await conversation(from + i, turns).catch((err: Error) => {
            errors++;
            firstError ??= err.message;
          });
        }
      }));
    },
    /** Runs conversations until `until` (performance.now()); resolves with how many. */
    async until(until: number, turns: number, from: number): Promise<number> {
      let done = 0;
      await Promise.all(Array.from({ length: n }, async (_, c) => {
        for (let k = 0; performance.now() < until; k++) {
          await conversation(from + c * 1_000_000 + k, turns).catch((err: Error) => {
            errors++;
            firstError ??= err.message;
          });
          done++;
        }
      }));
      return done;
    },
    get errors() {
      return { errors, firstError };
    },
    close: () => pool.close(),
  };
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : 0;
}

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
const mb = (bytes: number) => Number((bytes / 1048576).toFixed(1));

export async function bench(): Promise<Record<string, number | string>> {
  const n = num("BENCH_MEMORY_CONVERSATIONS", 5000);
  const soakMin = num("BENCH_SOAK_MIN", 1);
  const sampleS = num("BENCH_SOAK_SAMPLE_S", 10);
  const db = await createTestDatabase();
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let inspector: Inspector | undefined;
  try {
    server = await startServer(db.url);
    inspector = await Inspector.connect(server.inspector);
    const c = clients(server.url, 20);

    await c.run(100, 3, 10_000_000);
    const base = await inspector.heapAfterGc();
    const snapshots = process.env.BENCH_MEMORY_SNAPSHOTS;
    if (snapshots) await inspector.snapshot(join(snapshots, "memory-baseline.heapsnapshot"));
    const t0 = performance.now();
    await c.run(n, 3);
    const seconds = (performance.now() - t0) / 1000;
    const idle = await inspector.heapAfterGc();
    const perConv = (idle.heapUsed - base.heapUsed) / n;
    if (snapshots) await inspector.snapshot(join(snapshots, "memory-idle.heapsnapshot"));
    await c.close();

    // Soak: steady load, a GC'd heap sample every sampleS seconds.
    const s = clients(server.url, 10);
    const soakStart = performance.now();
    const soakEnd = soakStart + soakMin * 60_000;
    const xs: number[] = [];
    const ys: number[] = [];
    let done = 0;
    const load = s.until(soakEnd, 4, 20_000_000).then((k) => (done = k));
    process.stdout.write(`  soak: ${soakMin} min, heap used after GC every ${sampleS} s (MB):`);
    while (performance.now() < soakEnd) {
      await new Promise((r) => setTimeout(r, Math.min(sampleS * 1000, Math.max(0, soakEnd - performance.now()))));
      const h = await inspector.heapAfterGc();
      xs.push((performance.now() - soakStart) / 60_000);
      ys.push(h.heapUsed);
      process.stdout.write(` ${mb(h.heapUsed)}`);
    }
    process.stdout.write("\n");
    await load;
    await s.close();
    // The first sample still holds the warm-up of the soak's own clients: the slope is over the rest.
    const fit = xs.length > 2 ? slope(xs.slice(1), ys.slice(1)) : slope(xs, ys);
    const half = xs.findIndex((x) => x >= soakMin / 2);
    const late = half >= 0 && xs.length - half > 2 ? slope(xs.slice(half), ys.slice(half)) : Number.NaN;
    const errs = c.errors.errors + s.errors.errors;
    return {
      database: process.env.DATABASE_URL ? "postgresql" : "embedded (PGlite)",
      "idle conversations (3 turns each)": n,
      "their turns/s (20 clients)": Number(((n * 4) / seconds).toFixed(1)),
      "heap used after GC, baseline MB": mb(base.heapUsed),
      "heap used after GC, with them idle MB": mb(idle.heapUsed),
      "heap per idle conversation KB": kb(perConv),
      "rss MB": mb(idle.rss),
      "soak minutes": soakMin,
      "soak conversations (4 turns each, 10 clients)": done,
      "soak heap first -> last sample MB": `${mb(ys[0] ?? 0)} -> ${mb(ys.at(-1) ?? 0)}`,
      "soak heap slope KB/min (after the first sample)": kb(fit),
      "soak heap slope KB/min, second half": Number.isNaN(late) ? "n/a" : kb(late),
      "soak heap growth per conversation B": done ? Number(((fit * soakMin) / done).toFixed(1)) : "n/a",
      errors: errs ? `${errs} (${c.errors.firstError ?? s.errors.firstError})` : 0,
    };
  } finally {
    inspector?.close();
    if (server) {
      const exited = new Promise((r) => server!.proc.once("exit", r));
      server.proc.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
      if (server.proc.exitCode === null) server.proc.kill("SIGKILL");
    }
    await db.close();
  }
}
