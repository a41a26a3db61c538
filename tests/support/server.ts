import type { Clock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config.ts";
import { createLogger, type Logger } from "../../core/log.ts";
import { startServer, type RunningServer } from "../../bots/server.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";

/** A real server on a free port over a fresh test database. */
export interface TestServer extends RunningServer {
  db: TestDatabase;
}

/** Starts the real server (every feature module, assembled by the composition root) on 127.0.0.1 with a free port. */
export async function startTestServer(
  opts: { clock?: Clock; env?: Record<string, string>; db?: TestDatabase; log?: Logger } = {},
): Promise<TestServer> {
  const db = opts.db ?? (await createTestDatabase());
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", NODE_ENV: "test", DIGEST: "off", ...opts.env });
  const server = await startServer({ config, prisma: db.prisma, prismaUrl: db.url, clock: opts.clock, log: opts.log ?? createLogger(config.LOG_LEVEL) });
  return {
    ...server,
    db,
    async close() {
      await server.close();
      if (!opts.db) await db.close();
    },
  };
}

/** A fixed clock at an instant. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return () => new Date(at);
}
