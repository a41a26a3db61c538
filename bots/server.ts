import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { loadConfig, type Config } from "../core/config.ts";
import type { Clock } from "../core/clock.ts";
import type { SqlPool } from "../core/db/sql.ts";
import { openDatabase } from "../core/db/index.ts";
import { DatabaseUnavailableError, isConnectionError, RETRY_AFTER_SEC } from "../core/db/faults.ts";
import { createLogger, type Logger } from "../core/log.ts";
import { t, toLang, type Lang } from "../locales/i18n.ts";
import { addSecurityHeaders } from "./headers.ts";
import type { FeatureModule } from "./module.ts";
import { registerHealth } from "./ops/health.ts";
import { createRuntime, type Runtime } from "./runtime.ts";
/** Paths that never run a turn: answered while draining, not counted as work in flight. */
const OPS_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

function langOf(req: FastifyRequest) {
  return toLang(String(req.headers["accept-language"] ?? ""));
}

/** "Try again shortly": 503 with Retry-After and the polite message in the customer's language. */
function unavailable(res: FastifyReply, lang: Lang, close = false): FastifyReply {
  res.code(503).header("retry-after", String(RETRY_AFTER_SEC));
  if (close) res.header("connection", "close");
  return res.send({ error: "unavailable", retryAfterSec: RETRY_AFTER_SEC, message: t(lang, "ops:unavailable") });
}

/** The database-unavailable error inside `err` (grammY wraps errors of a webhook's update), if any. */
function unavailableIn(err: unknown): DatabaseUnavailableError | null {
  for (let e = err as { cause?: unknown; error?: unknown } | undefined, i = 0; e && i < 6; i++) {
    if (e instanceof DatabaseUnavailableError) return e;
    e = (e.error ?? e.cause) as typeof e;
  }
  return isConnectionError(err) ? new DatabaseUnavailableError(undefined, { cause: err }) : null;
}

/**
 * Builds the HTTP app on an assembled runtime: health and readiness, then every module's routes (no
 * listening). While the process drains, every request but health and metrics is answered 503 with
 * Retry-After (and the connection closed); requests that may run a turn are counted so a drain can wait.
 */
export async function buildApp(rt: Runtime): Promise<FastifyInstance> {
  const life = rt.lifecycle;
  const app = Fastify({
    loggerInstance: rt.log.child({ part: "http" }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    trustProxy: true,
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;
  app.setErrorHandler((err: Error & { statusCode?: number }, req, res) => {
    const down = unavailableIn(err);
    if (down) return unavailable(res, down.lang ?? langOf(req));
    const lang = langOf(req);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) rt.log.error({ err, url: req.url }, "request failed");
    return res.code(status).send({ error: status === 500 ? "internal" : "bad_request", message: t(lang, status === 500 ? "common:error" : "web:badRequest") });
  });
  app.addHook("onRequest", async (req, res) => {
    if (OPS_PATHS.has(req.url.split("?")[0])) return;
    if (life.draining) return unavailable(res, langOf(req), true);
    // A WebSocket upgrade lives as long as the chat is open: it is not a turn to wait for.
    if (req.headers.upgrade) return;
    res.raw.once("close", life.begin());
  });
  addSecurityHeaders(app);
  app.setNotFoundHandler((req, res) => res.code(404).send({ error: "not_found", message: t(langOf(req), "web:notFound") }));
  registerHealth(app, rt, life);
  for (const routes of rt.routes) await routes(app, rt);
  return app;
}

/** A started server. */
export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  close(): Promise<void>;
  /**
   * Stops taking new turns (readiness 503, new requests 503 with Retry-After), waits for the requests in
   * flight, then closes the listener and the runtime (Telegram polling stops, reminder locks are released,
   * the database is closed last). Bounded by `ms` (default 8 s): what is still running then is cut.
   */
  drain(ms?: number): Promise<void>;
}

/** Options for {@link startServer}. */
export interface StartOptions {
  config?: Config;
  env?: Record<string, string | undefined>;
  log?: Logger;
  clock?: Clock;
  /** Use this database instead of opening one from the config (tests). */
  prisma?: import("../generated/prisma/client.ts").PrismaClient;
  /** The URL of `prisma`'s database (the rate-limit counts are kept there). */
  prismaUrl?: string;
  /** The feature modules (default: every module). */
  modules?: readonly FeatureModule[];
}

/** Opens the database, assembles the app from its modules (role "server") and listens. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig(opts.env);
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  let prisma = opts.prisma;
  let closeDb: (() => Promise<void>) | undefined;
  let databaseUrl = config.DATABASE_URL;
  let sql: SqlPool | undefined;
  if (!prisma) {
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, logger: log });
    prisma = db.prisma;
    sql = db.sql;
    databaseUrl = db.url;
    closeDb = db.close;
  } else {
    closeDb = async () => {};
  }
  const runtime = await createRuntime({ config, log, prisma, sql, clock: opts.clock, closeDb, databaseUrl, prismaUrl: opts.prismaUrl, modules: opts.modules, role: "server" });
  let app: FastifyInstance;
  try {
    app = await buildApp(runtime);
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await runtime.close();
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.PORT;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  runtime.lifecycle.phase = "ready";
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close().then(() => runtime.close()));
  return {
    app,
    runtime,
    url: `http://${host}:${port}`,
    close,
    async drain(ms = 8000) {
      const deadline = Date.now() + ms;
      const life = runtime.lifecycle;
      const log = runtime.log;
      log.info({ inflight: life.busy }, "draining: new turns are refused, finishing those in flight");
      const [finished] = await Promise.all([life.idle(deadline - Date.now() - 1000), life.beginDrain()]);
      if (!finished) log.warn({ inflight: life.busy }, "drain: requests still running at the deadline");
      // Connections answered 503 close themselves; give the others a moment before they are cut.
      await idleConnections(app, Math.min(500, deadline - Date.now() - 1000));
      await close();
      log.info("drained");
    },
  };
}

/** Waits until the server has no open connection, or `ms`. */
async function idleConnections(app: FastifyInstance, ms: number): Promise<void> {
  const until = Date.now() + Math.max(0, ms);
  const count = () => new Promise<number>((resolve) => app.server.getConnections((err, n) => resolve(err ? 0 : n)));
  while (Date.now() < until && (await count()) > 0) await new Promise((r) => setTimeout(r, 25));
}
