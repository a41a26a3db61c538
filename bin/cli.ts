import { ConfigError, loadConfig } from "../core/config.ts";
import { createLogger } from "../core/log.ts";

const USAGE = `Usage: rezervo [command]
  serve            start the server (default)
  worker           run background work only (reminders, payment expiry, ticket re-announcements)
  chat             chat with the bot in this terminal
  seed             load the demo catalog (idempotent)
  migrate          apply pending database migrations and exit
  nlu when|faq|intent "<text>" [--now ISO] [--tz Europe/Tirane] [--lang sq|en]
`;

async function main(argv: string[]): Promise<number> {
  const [command = "serve", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === "nlu") {
    const { runNluCommand } = await import("../core/nlu/cli.ts");
    const { EntityIndex } = await import("../core/catalog/entity-index.ts");
    const { seedSnapshot } = await import("../core/catalog/seed.ts");
    const { demoCatalog } = await import("../prisma/seed/catalog.ts");
    process.stdout.write(`${await runNluCommand(rest, new EntityIndex(seedSnapshot(demoCatalog)))}\n`);
    return 0;
  }
  const config = loadConfig();
  if (command === "serve") {
    const { startServer } = await import("../bots/server.ts");
    const server = await startServer({ config });
    process.stdout.write(`\nRezervo is running: ${server.url}\nOpen it in a browser to chat (Ctrl+C stops).\n\n`);
    // SIGTERM drains: new turns are refused (503, Retry-After), those in flight finish, Telegram polling
    // stops, reminder locks are released, the database is closed; the process is gone within 10 s.
    const stop = async () => {
      setTimeout(() => {
        process.stderr.write("rezervo: drain did not finish in 9.5 s, exiting\n");
        process.exit(1);
      }, 9_500).unref();
      await server.drain(8_000).catch((err) => process.stderr.write(`rezervo: drain failed: ${err instanceof Error ? err.message : String(err)}\n`));
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return -1;
  }
  if (command === "worker") {
    const log = createLogger(config.LOG_LEVEL);
    const { openDatabase } = await import("../core/db/index.ts");
    const { createRuntime } = await import("../bots/runtime.ts");
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, logger: log });
    const rt = await createRuntime({ config, log, prisma: db.prisma, sql: db.sql, databaseUrl: db.url, closeDb: db.close, role: "worker" });
    rt.lifecycle.phase = "ready";
    log.info("worker running");
    const stop = async () => {
      rt.lifecycle.phase = "draining";
      setTimeout(() => process.exit(1), 9_500).unref();
      await rt.close();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return -1;
  }
  if (command === "migrate") {
    const { openDatabase } = await import("../core/db/index.ts");
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, logger: createLogger(config.LOG_LEVEL) });
    await db.close();
    return 0;
  }
  if (command === "chat" || command === "seed") {
    const log = createLogger(command === "chat" ? "warn" : config.LOG_LEVEL);
    const { openDatabase, DataDirInUseError } = await import("../core/db/index.ts");
    let db: Awaited<ReturnType<typeof openDatabase>>;
    try {
      db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, logger: log });
    } catch (err) {
      if (command !== "chat" || !(err instanceof DataDirInUseError)) throw err;
      // `npm start` owns the embedded database: talk to that server over its web chat API instead.
      const { t } = await import("../locales/i18n.ts");
      const { runRemoteTerminalChat, serverAnswers } = await import("../bots/terminal/remote.ts");
      const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
      if (!(await serverAnswers(url))) {
        process.stderr.write(`${t(config.DEFAULT_LANG, "terminal:inUse", { dir: err.dataDir, pid: err.ownerPid, url })}\n`);
        return 1;
      }
      process.stdout.write(`${t(config.DEFAULT_LANG, "terminal:remote", { url })}\n`);
      await runRemoteTerminalChat(url, config.DEFAULT_LANG);
      return 0;
    }
    try {
      if (command === "seed") {
        const { seedCatalog } = await import("../core/catalog/seed.ts");
        const { demoCatalog } = await import("../prisma/seed/catalog.ts");
        process.stdout.write(`${JSON.stringify(await seedCatalog(db.prisma, demoCatalog))}\n`);
      } else {
        const { createRuntime } = await import("../bots/runtime.ts");
        const { runTerminalChat } = await import("../bots/terminal/chat.ts");
        const rt = await createRuntime({ config, log, prisma: db.prisma, sql: db.sql, databaseUrl: db.url, closeDb: db.close, role: "chat" });
        try {
          await runTerminalChat(rt);
        } finally {
          await rt.close();
        }
      }
    } finally {
      await db.close();
    }
    return 0;
  }
  process.stderr.write(`Unknown command: ${command}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`rezervo: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
