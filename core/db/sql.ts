// Plain SQL for the few statements every turn runs (load and save a conversation, the free places of a
// service). Through Prisma's query layer such a statement costs about twice its round trip; over a pg
// pool with a named (prepared once per connection) statement it costs the round trip. Everything else
// stays on Prisma.
import pg from "pg";
import type { Logger } from "../log.ts";
import { poolConfig } from "./client.ts";

/** Runs SQL statements with positional parameters ($1, $2, …). */
export interface Sql {
  /**
   * Runs `text` with `values` and returns its rows. `name` identifies the statement: on PostgreSQL it is
   * prepared once per connection under that name (one `name` must always carry the same `text`).
   */
  query<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
}

/** A pool of connections for {@link Sql}; close it when done. */
export interface SqlPool extends Sql {
  /** Whether statements are prepared by name (PostgreSQL) or sent unnamed (the embedded server). */
  readonly named: boolean;
  /**
   * Runs `fn` in one transaction on one connection (BEGIN ... COMMIT; ROLLBACK when it throws) and returns
   * its result. A connection that failed mid-transaction is dropped from the pool, not reused.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * {@link transaction} whose first statement travels with its BEGIN in one round trip: `first.text` and
   * BEGIN go as one simple query, with each `$n` filled in from `first.values` as a quoted literal (so the
   * text must hold no other `$`). `fn` gets that statement's rows. For a transaction whose first statement
   * waits for a lock: it then starts the transaction without a round trip of its own.
   */
  transactionFrom<R, T>(first: { text: string; values: readonly Literal[] }, fn: (tx: Sql, rows: R[]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A value {@link SqlPool.transactionFrom} can write into SQL as a literal. */
export type Literal = string | number | boolean | Date | null;

/** `text` with each `$n` replaced by `values[n - 1]` as an SQL literal (quoted and escaped by pg). */
export function inlineLiterals(text: string, values: readonly Literal[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= values.length) throw new Error(`inlineLiterals: no value for $${n}`);
    const v = values[i];
    if (v === null) return "NULL";
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`inlineLiterals: $${n} is not a finite number`);
      return String(v);
    }
    return pg.escapeLiteral(v instanceof Date ? v.toISOString() : v);
  });
}

/**
 * Whether the server behind `pool` lets each connection prepare statements of its own. The embedded
 * server (PGlite behind a socket) runs every connection in one session, so a name prepared on one
 * connection clashes on the next: statements go unnamed there.
 */
export async function preparesPerConnection(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ v: string }>("SELECT version() AS v");
  return !/PGlite/i.test(rows[0]?.v ?? "");
}

/** Opens a pool on `url` (`?schema=` honoured) of `max` connections (default DATABASE_POOL_MAX or 10). */
export async function openSql(url: string, opts: { max?: number; log: Logger }): Promise<SqlPool> {
  const pool = new pg.Pool(poolConfig(url, opts.max).config);
  pool.on("error", (err) => opts.log.warn({ err }, "sql: an idle database connection dropped"));
  try {
    return sqlOnPool(pool, await preparesPerConnection(pool));
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}

/** {@link SqlPool} over an existing pool (shared with Prisma's adapter); `close` ends the pool. */
export function sqlOnPool(pool: pg.Pool, named: boolean): SqlPool {
  let ended: Promise<void> | undefined;
  const config = (name: string, text: string, values: readonly unknown[]): pg.QueryConfig =>
    named ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] };
  /** BEGIN (with `first` in the same simple query), `fn`, COMMIT; ROLLBACK when `first` or `fn` throws. */
  const run = async <R, T>(first: string | undefined, fn: (tx: Sql, rows: R[]) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    // A connection whose BEGIN, COMMIT or ROLLBACK failed, or that dropped while checked out (the pool
    // listens only to idle ones), is in an unknown state: dropped, not reused. The failing statement
    // itself rejects with the error.
    let broken: Error | undefined;
    const dropped = (err: Error) => (broken ??= err);
    client.on("error", dropped);
    const control = (text: string) => client.query(text).catch((err: Error) => {
      broken = err;
      throw err;
    });
    const tx: Sql = {
      async query<Q>(name: string, text: string, values: readonly unknown[]): Promise<Q[]> {
        return (await client.query<Q & pg.QueryResultRow>(config(name, text, values))).rows;
      },
    };
    try {
      let rows: R[] = [];
      if (first === undefined) await control("BEGIN");
      else {
        // One simple query. When it fails, whether BEGIN ran is unknown: ROLLBACK (a warning outside a
        // transaction); a connection where even that fails is dropped.
        try {
          const results = (await client.query(`BEGIN; ${first}`)) as unknown as pg.QueryResult[];
          rows = (results[1]?.rows ?? []) as R[];
        } catch (err) {
          await control("ROLLBACK").catch(() => {});
          throw err;
        }
      }
      let result: T;
      try {
        result = await fn(tx, rows);
      } catch (err) {
        await control("ROLLBACK").catch(() => {});
        throw err;
      }
      await control("COMMIT");
      return result;
    } finally {
      client.off("error", dropped);
      client.release(broken);
    }
  };
  return {
    named,
    async query<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]> {
      const res = await pool.query<R & pg.QueryResultRow>(config(name, text, values));
      return res.rows;
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      return run(undefined, (tx) => fn(tx));
    },
    transactionFrom<R, T>(first: { text: string; values: readonly Literal[] }, fn: (tx: Sql, rows: R[]) => Promise<T>): Promise<T> {
      return run(inlineLiterals(first.text, first.values), fn);
    },
    close: () => (ended ??= pool.end()),
  };
}

/** Something that runs raw SQL the Prisma way: a client or an interactive transaction. */
export interface RawRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** {@link Sql} over a Prisma client or transaction (inside a transaction, the statement joins it). */
export function prismaSql(db: RawRunner): Sql {
  return {
    query: <R>(_name: string, text: string, values: readonly unknown[]) => db.$queryRawUnsafe<R[]>(text, ...values),
  };
}
