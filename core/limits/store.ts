// Where rate-limit counters live: the app's PostgreSQL database (table "RateLimit", made by a Prisma
// migration) or Redis when REDIS_URL is set. rate-limiter-flexible does the counting; every instance on
// the same database or Redis shares the counts.
import { createHash } from "node:crypto";
import pg from "pg";
import { createClient } from "redis";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { openPool, poolConfig } from "../db/client.ts";
import { preparesPerConnection } from "../db/sql.ts";
import type { Logger } from "../log.ts";

/** One counter: `points` actions per `durationSec` seconds (a fixed window per key). */
export interface LimitSpec {
  /** Distinguishes counters of different purposes (part of every key). */
  name: string;
  points: number;
  durationSec: number;
  /**
   * Once a key is over its limit, this instance refuses it from memory until the window ends instead of
   * asking the store again (rate-limiter-flexible's inMemoryBlockOnConsumed, its advice against floods).
   */
  blockInMemory?: boolean;
}

/** Options for {@link createLimitStore}. */
export interface LimitStoreOptions {
  /** The app's database (DATABASE_URL or the embedded server's URL; `?schema=` honoured). */
  databaseUrl?: string;
  /** Redis instead of PostgreSQL (redis:// or rediss://). */
  redisUrl?: string;
  /** Prefix of every key in Redis (several apps may share one Redis). */
  redisKeyPrefix?: string;
  log: Logger;
}

/** A place to keep counters. */
export interface LimitStore {
  readonly kind: "postgres" | "redis";
  /** A counter of this store. */
  limiter(spec: LimitSpec): RateLimiterAbstract;
  /** Ends the store's connections. */
  close(): Promise<void>;
}

/** A stable, non-reversible key part for anything personal (a phone number, an email, a chat id). */
export function hashKey(...parts: string[]): string {
  return createHash("sha256").update(`rezervo-limit\u0000${parts.join("\u0000")}`).digest("hex").slice(0, 40);
}

/** The counters' table in PostgreSQL. */
export const POSTGRES_TABLE = "RateLimit";
const REDIS_START_WAIT_MS = 5000;

/** Connects the store: Redis when `redisUrl` is set, else PostgreSQL on `databaseUrl`. */
export async function createLimitStore(opts: LimitStoreOptions): Promise<LimitStore> {
  if (opts.redisUrl) return redisStore(opts.redisUrl, opts.redisKeyPrefix ?? "rezervo", opts.log);
  if (!opts.databaseUrl) throw new Error("rate limits need a database URL (or REDIS_URL)");
  return postgresStore(opts.databaseUrl, opts.log);
}

async function postgresStore(databaseUrl: string, log: Logger): Promise<LimitStore> {
  // The app's connection settings (search_path for `?schema=`), a small pool of its own.
  const pool = openPool(poolConfig(databaseUrl, 3).config, (err) => log.warn({ err }, "rate limits: an idle database connection dropped"));
  // The library names its statements (prepared once per connection). On the embedded server all
  // connections share one session, so a second connection preparing the same name fails (as it would
  // behind a transaction pooler): run them as unnamed statements there.
  const named = await preparesPerConnection(pool).catch(async (err: unknown) => {
    await pool.end().catch(() => {});
    throw err;
  });
  const client = named ? pool : { query: (q: pg.QueryConfig) => pool.query({ text: q.text, values: q.values }) };
  let sweeping = false;
  return {
    kind: "postgres",
    limiter(spec) {
      // One limiter sweeps expired rows of the whole table (every 5 minutes, rows expired an hour ago).
      const sweep = !sweeping;
      sweeping = true;
      return new RateLimiterPostgres({
        storeClient: client,
        storeType: "pool",
        tableName: POSTGRES_TABLE,
        tableCreated: true, // the table belongs to our schema (prisma/migrations)
        clearExpiredByTimeout: sweep,
        keyPrefix: spec.name,
        points: spec.points,
        duration: spec.durationSec,
        ...(spec.blockInMemory ? { inMemoryBlockOnConsumed: spec.points + 1 } : {}),
      });
    },
    async close() {
      await pool.end();
    },
  };
}

async function redisStore(url: string, prefix: string, log: Logger): Promise<LimitStore> {
  // Commands fail at once while Redis is away (no offline queue), so the in-memory insurance answers.
  const client = createClient({ url, disableOfflineQueue: true });
  let lastError = 0;
  client.on("error", (err: Error) => {
    if (Date.now() - lastError < 60_000) return;
    lastError = Date.now();
    log.warn({ err }, "rate limits: Redis is unreachable; limits are kept per instance until it is back");
  });
  // Wait a little for the first connection; when Redis is down at start, the app still starts (the
  // insurance counts in memory) and the client keeps reconnecting in the background.
  const connecting = client.connect().then(
    () => true,
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([connecting, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), REDIS_START_WAIT_MS)))]);
  clearTimeout(timer);
  if (!ready) log.error("rate limits: Redis did not answer at start; limits are kept per instance until it does");
  return {
    kind: "redis",
    limiter(spec) {
      return new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${prefix}:${spec.name}`,
        points: spec.points,
        duration: spec.durationSec,
        ...(spec.blockInMemory ? { inMemoryBlockOnConsumed: spec.points + 1 } : {}),
        // The library's insurance strategy: while Redis is down, count in this process's memory.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:${spec.name}`, points: spec.points, duration: spec.durationSec }),
      });
    },
    async close() {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  };
}
