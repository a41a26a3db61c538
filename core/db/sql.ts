// Plain SQL for the few statements every turn runs (load and save a conversation, the free places of a
// service). Through Prisma's query layer such a statement costs about twice its round trip; over a pg
// pool with a named (prepared once per connection) statement it costs the round trip. Everything else
// stays on Prisma.
import pg from "pg";
import type { Logger } from "../log.ts";
import { openPool, poolConfig } from "./client.ts";

/** Runs SQL statements with positional parameters ($1, $2, …). */
export interface Sql {
  /**
   * Runs `text` with `values` and returns its rows. `name` identifies the statement: on PostgreSQL it is
   * prepared once per connection under that name (one `name` must always carry the same `text`).
   */
  query<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
}

/** One statement: `name` prepares it once per connection on PostgreSQL (see {@link Sql.query}). */
export interface Statement {
  name: string;
  text: string;
  values: readonly unknown[];
}

/** {@link Sql} inside a transaction of {@link SqlPool}. */
export interface TxSql extends Sql {
  /**
   * Runs the transaction's last statement with its COMMIT in one round trip (the COMMIT is sent without
   * waiting for the statement's answer) and returns the statement's rows. Nothing may run in the
   * transaction after it. When the statement fails it rejects and nothing is written: PostgreSQL ends a
   * transaction whose statement failed with a rollback, whatever COMMIT asks.
   */
  commitWith<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
}

/** A pool of connections for {@link Sql}; close it when done. */
export interface SqlPool extends Sql {
  /** Whether statements are prepared by name (PostgreSQL) or sent unnamed (the embedded server). */
  readonly named: boolean;
  /**
   * Runs `fn` in one transaction on one connection (BEGIN ... COMMIT, or {@link TxSql.commitWith}; ROLLBACK
   * when it throws) and returns its result. The first statements travel with BEGIN in one round trip (each
   * sent without waiting for the answer to the one before, and still prepared by name; the server runs
   * them in order, each with a snapshot taken when it starts); `fn` gets their rows, statement by
   * statement. For a transaction whose first statement waits for a lock: it then starts, and reads what
   * the lock guards, without a round trip of its own. A connection that failed mid-transaction is dropped
   * from the pool, not reused.
   */
  transactionFrom<T>(first: readonly Statement[], fn: (tx: TxSql, rows: unknown[][]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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
  const pool = openPool(poolConfig(url, opts.max).config, (err) => opts.log.warn({ err }, "sql: an idle database connection dropped"));
  try {
    return sqlOnPool(pool, await preparesPerConnection(pool));
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}

/**
 * Holds a checked-out connection so that its own error is kept: pg emits it on the client when the
 * connection drops between statements, and the pool listens only to idle ones (an error nobody hears ends
 * the process). `release` gives the connection back, discarded when it dropped or `fail` marked it.
 */
export function keepDropped(client: pg.PoolClient): { fail(err: Error): void; release(): void } {
  let broken: Error | undefined;
  const dropped = (err: Error) => (broken ??= err);
  client.on("error", dropped);
  return {
    fail: (err) => {
      broken = err;
    },
    release: () => {
      client.off("error", dropped);
      client.release(broken);
    },
  };
}

/** {@link SqlPool} over an existing pool (shared with Prisma's adapter); `close` ends the pool. */
export function sqlOnPool(pool: pg.Pool, named: boolean): SqlPool {
  let ended: Promise<void> | undefined;
  const config = (name: string, text: string, values: readonly unknown[]): pg.QueryConfig =>
    named ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] };
  /** BEGIN with `first`, `fn`, COMMIT (unless `fn` committed with its last statement); ROLLBACK when `first` or `fn` throws. */
  const run = async <T>(first: readonly Statement[], fn: (tx: TxSql, rows: unknown[][]) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    // A connection whose BEGIN, COMMIT or ROLLBACK failed, or that dropped while checked out, is in an
    // unknown state: dropped, not reused. The failing statement itself rejects with the error.
    const held = keepDropped(client);
    // pg's pipeline mode, for this transaction only: a statement goes out without waiting for the answer
    // to the one before (each still gets its own answer, in order). Every statement is awaited before the
    // connection goes back to the pool, in the mode the pool's other users expect.
    const pipelined = client as unknown as { pipeline: boolean };
    pipelined.pipeline = true;
    const control = (text: string) => client.query(text).catch((err: Error) => {
      held.fail(err);
      throw err;
    });
    const statement = <Q>(name: string, text: string, values: readonly unknown[]) =>
      client.query<Q & pg.QueryResultRow>(config(name, text, values));
    let committed = false;
    const tx: TxSql = {
      async query<Q>(name: string, text: string, values: readonly unknown[]): Promise<Q[]> {
        return (await statement<Q>(name, text, values)).rows;
      },
      async commitWith<Q>(name: string, text: string, values: readonly unknown[]): Promise<Q[]> {
        committed = true;
        const [res] = await all([statement<Q>(name, text, values), control("COMMIT")]);
        return res.rows;
      },
    };
    try {
      let rows: unknown[][];
      // When a statement fails, BEGIN has run: ROLLBACK. A connection where even that fails is dropped.
      try {
        const [, ...results] = await all([control("BEGIN"), ...first.map((f) => statement(f.name, f.text, f.values))]);
        rows = results.map((r) => r.rows);
      } catch (err) {
        await control("ROLLBACK").catch(() => {});
        throw err;
      }
      let result: T;
      try {
        result = await fn(tx, rows);
      } catch (err) {
        // After a failed commitWith this finds no transaction (a warning, not an error); its COMMIT was
        // sent before, so the ROLLBACK also waits for that answer.
        await control("ROLLBACK").catch(() => {});
        throw err;
      }
      if (!committed) await control("COMMIT");
      return result;
    } finally {
      pipelined.pipeline = false;
      held.release();
    }
  };
  return {
    named,
    async query<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]> {
      const res = await pool.query<R & pg.QueryResultRow>(config(name, text, values));
      return res.rows;
    },
    transactionFrom<T>(first: readonly Statement[], fn: (tx: TxSql, rows: unknown[][]) => Promise<T>): Promise<T> {
      return run(first, fn);
    },
    close: () => (ended ??= pool.end()),
  };
}

/**
 * The results of statements sent together, once every one of them has its answer (so that none is still
 * on its way when the caller goes on, whatever it does with a failure); the first failure, if any.
 */
async function all<T extends readonly unknown[]>(sent: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const outcomes = await Promise.allSettled(sent);
  const failed = outcomes.find((o) => o.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value) as unknown as T;
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
