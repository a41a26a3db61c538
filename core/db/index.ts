// Opening the app's database: an external PostgreSQL (DATABASE_URL) or the embedded one on a data dir,
// migrated to the current schema before use.
import type pg from "pg";
import { pino, type Logger } from "pino";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { createPrismaWithPool, maskUrl } from "./client.ts";
import { preparesPerConnection, sqlOnPool, type SqlPool } from "./sql.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { applyPendingMigrations } from "./migrate.ts";

export { createPrisma, maskUrl, parseDatabaseUrl, withSchema } from "./client.ts";
export { DataDirInUseError, startEmbeddedPostgres } from "./embedded.ts";
export { applyPendingMigrations, createMigration, migrationStatus } from "./migrate.ts";

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** External PostgreSQL URL (`?schema=` honoured); when empty, the embedded server on `dataDir`. */
  databaseUrl?: string;
  /** Data directory of the embedded server (used only without `databaseUrl`). */
  dataDir: string;
  /** Logger; a pino logger named "db" by default. */
  logger?: Logger;
}

/** An open, migrated database. */
export interface Database {
  prisma: PrismaClient;
  /** Plain SQL on the same connections as `prisma` (one pool, one connection budget). */
  sql: SqlPool;
  /** Connection URL (may hold a password: log it through maskUrl). */
  url: string;
  /** True when served by the embedded PGlite server. */
  embedded: boolean;
  /** Disconnects Prisma and stops the embedded server, if any. */
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations and returns a Prisma client on it. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const log = opts.logger ?? pino({ name: "db" });
  const t0 = performance.now();
  const external = opts.databaseUrl?.trim() || undefined;
  const server = external ? undefined : await startEmbeddedPostgres({ dataDir: opts.dataDir });
  const url = external ?? server!.url;
  const tStarted = performance.now();
  let prisma: PrismaClient | undefined;
  let pool: pg.Pool | undefined;
  let sql: SqlPool;
  try {
    const applied = await applyPendingMigrations(url);
    const tMigrated = performance.now();
    ({ prisma, pool } = createPrismaWithPool(url, (err) => log.warn({ err }, "database: an idle connection dropped")));
    sql = sqlOnPool(pool, await preparesPerConnection(pool));
    await prisma.$connect();
    log.info(
      {
        url: maskUrl(url),
        embedded: !external,
        ...(external ? {} : { dataDir: opts.dataDir, startMs: Math.round(tStarted - t0) }),
        migrateMs: Math.round(tMigrated - tStarted),
        applied,
        totalMs: Math.round(performance.now() - t0),
      },
      "database ready",
    );
  } catch (err) {
    await prisma?.$disconnect().catch(() => {});
    await pool?.end().catch(() => {});
    await server?.close().catch(() => {});
    throw err;
  }
  const client = prisma;
  let closing: Promise<void> | undefined;
  return {
    prisma: client,
    sql,
    url,
    embedded: !external,
    close() {
      closing ??= (async () => {
        try {
          await client.$disconnect();
          await sql.close();
        } finally {
          await server?.close();
        }
      })();
      return closing;
    },
  };
}
