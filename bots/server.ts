import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { loadConfig, type Config } from "../core/config.ts";
import type { Clock } from "../core/clock.ts";
import { openDatabase } from "../core/db/index.ts";
import { createLogger, type Logger } from "../core/log.ts";
import { t, toLang } from "../locales/i18n.ts";
import { addSecurityHeaders } from "./headers.ts";
import { createRuntime, type Runtime } from "./runtime.ts";
import { registerTicketDesks } from "./slack/register.ts";
import { registerTeams } from "./teams/register.ts";
import { registerReminders } from "./reminders/register.ts";
import { registerTelegram } from "./telegram/register.ts";
import { registerTwilio } from "./twilio/routes.ts";
import { registerStripe } from "./stripe/register.ts";
import { registerWebchatLive, serveWidgetAssets } from "./webchat/live.ts";
import { registerDemoPage } from "./webchat/page.ts";
import { registerWebchatRoutes } from "./webchat/routes.ts";
import { startWebFanout } from "./webchat/fanout.ts";

/** A channel or feature that adds routes and background work to the server. */
export type Registrar = (app: FastifyInstance, rt: Runtime) => Promise<void> | void;

/** Registrars run at start, in order: channels add themselves here. */
export const registrars: Registrar[] = [
  registerWebchatRoutes,
  (app, rt) => {
    registerWebchatLive(app, { hub: rt.hub, prisma: rt.prisma, log: rt.log });
  },
  // Several instances on PostgreSQL: bot-initiated web messages reach the instance holding the socket.
  (_app, rt) => (rt.config.DATABASE_URL && rt.databaseUrl ? startWebFanout(rt, rt.databaseUrl) : undefined),
  (app) => {
    serveWidgetAssets(app);
  },
  (app) => {
    registerDemoPage(app);
  },
  registerTicketDesks,
  registerTeams,
  registerReminders,
  registerTelegram,
  registerTwilio,
  registerStripe,
];

/** Builds the HTTP app on a runtime (no listening). */
export async function buildApp(rt: Runtime): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: rt.log.child({ part: "http" }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    trustProxy: true,
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;
  app.setErrorHandler((err: Error & { statusCode?: number }, req, res) => {
    const lang = toLang(String(req.headers["accept-language"] ?? ""));
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) rt.log.error({ err, url: req.url }, "request failed");
    return res.code(status).send({ error: status === 500 ? "internal" : "bad_request", message: t(lang, status === 500 ? "common:error" : "web:badRequest") });
  });
  addSecurityHeaders(app);
  app.setNotFoundHandler((req, res) => res.code(404).send({ error: "not_found", message: t(toLang(String(req.headers["accept-language"] ?? "")), "web:notFound") }));
  app.get("/healthz", async () => {
    await rt.prisma.$queryRaw`SELECT 1`;
    return { ok: true };
  });
  for (const register of registrars) await register(app, rt);
  return app;
}

/** A started server. */
export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  close(): Promise<void>;
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
}

/** Opens the database, builds the runtime and listens. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig(opts.env);
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  let prisma = opts.prisma;
  let closeDb: (() => Promise<void>) | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!prisma) {
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, logger: log });
    prisma = db.prisma;
    databaseUrl = db.url;
    closeDb = db.close;
  } else {
    closeDb = async () => {};
  }
  const runtime = await createRuntime({ config, log, prisma, clock: opts.clock, closeDb, databaseUrl, prismaUrl: opts.prismaUrl });
  const app = await buildApp(runtime);
  await app.listen({ port: config.PORT, host: config.HOST });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.PORT;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return {
    app,
    runtime,
    url: `http://${host}:${port}`,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
