// Prisma client over node-postgres (driver adapter). A `?schema=<name>` parameter in the URL selects a
// PostgreSQL schema (tests isolate in their own schema this way).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client.ts";

/** A connection URL split into what pg needs and the PostgreSQL schema to use. */
export interface ParsedDatabaseUrl {
  /** The URL without Prisma-only parameters (`schema`). */
  connectionString: string;
  /** PostgreSQL schema from `?schema=`, undefined for the server's default (`public`). */
  schema?: string;
}

/** Splits `?schema=` off a PostgreSQL URL. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? undefined;
  u.searchParams.delete("schema");
  return { connectionString: u.toString(), schema: schema || undefined };
}

/** Adds `?schema=<name>` to a URL. */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** The URL with any password replaced by `***`, for logs. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<invalid url>";
  }
}

/**
 * pg pool settings for a URL: pool size from DATABASE_POOL_MAX (default 10), the longest wait for a
 * connection from DATABASE_POOL_TIMEOUT_MS (default 10 000), search_path for `?schema=`.
 */
export function poolConfig(url: string, max = poolMax()): { config: pg.PoolConfig; schema?: string } {
  const { connectionString, schema } = parseDatabaseUrl(url);
  // A turn waiting longer than this for a connection fails as a pool timeout (retried once, then answered
  // "try again shortly") instead of waiting without end while the database is away.
  const config: pg.PoolConfig = { connectionString, max, connectionTimeoutMillis: poolTimeoutMs() };
  // Unqualified SQL (migration scripts, raw queries) must land in the same schema as Prisma's queries.
  if (schema) config.options = `-c search_path="${schema.replace(/"/g, '""')}"`;
  return { config, schema };
}

function poolTimeoutMs(): number {
  const n = Number.parseInt(process.env.DATABASE_POOL_TIMEOUT_MS ?? "", 10);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
}

function poolMax(): number {
  const n = Number.parseInt(process.env.DATABASE_POOL_MAX ?? "", 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/**
 * A pg pool none of whose connections can end the process. pg emits a dropped connection's error (the
 * backend terminated, the database restarted) on its client; the pool listens only while the client is
 * idle, and an error on a checked-out client that its holder does not listen to (between the statements
 * of a transaction, or in the moment around its release) would be thrown as uncaught. Every connection
 * gets a listener of its own at connect: the error still reaches whoever holds the client, through the
 * statement that fails, and the pool drops the connection on release. `onIdleError` hears errors of idle
 * connections, which the pool drops by itself.
 */
export function openPool(config: pg.PoolConfig, onIdleError: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("error", onIdleError);
  pool.on("connect", (client) => client.on("error", heardElsewhere));
  return pool;
}

/** A checked-out connection's error: its statement fails with it, and the pool drops the connection. */
function heardElsewhere(): void {}

/** Creates a Prisma client for `url` (PostgreSQL; `?schema=<name>` honoured). Call `$disconnect()` when done. */
export function createPrisma(url: string): PrismaClient {
  const { config, schema } = poolConfig(url);
  // Prisma's adapter logs an idle connection's error at debug level only; the pool drops it.
  const pool = openPool(config, () => {});
  return prismaOn(new PrismaPg(pool, { disposeExternalPool: true, ...(schema ? { schema } : {}) }));
}

/**
 * A Prisma client and a pg pool it shares with the app's own SQL (core/db/sql.ts): one connection budget
 * for both. `$disconnect()` leaves the pool open; end it after.
 */
export function createPrismaWithPool(url: string, onIdleError: (err: Error) => void): { prisma: PrismaClient; pool: pg.Pool } {
  const { config, schema } = poolConfig(url);
  const pool = openPool(config, onIdleError);
  return { prisma: prismaOn(new PrismaPg(pool, schema ? { schema } : undefined)), pool };
}

function prismaOn(adapter: PrismaPg): PrismaClient {
  // Under a burst, transactions queue for a connection (and on the embedded server for the single
  // session): wait for one rather than fail the customer's turn after Prisma's default 2 s.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
}
