// The durable store behind agenda. PostgreSQL by default: the app's own database (embedded PGlite or
// DATABASE_URL), table "agenda_jobs" next to the data. LISTEN/NOTIFY is not used: it does not cross
// connections on the embedded server, and reminders are fine with polling (REMINDERS_POLL_MS).
//
// MongoDB: set MONGODB_URL and install @agendajs/mongo-backend (`npm install @agendajs/mongo-backend`);
// agenda then keeps its jobs in MongoDB while the Reminder rows (the sent marks) stay in PostgreSQL,
// so exactly-once sending does not depend on the job store.
import type { AgendaBackend } from "agenda";
import { PostgresBackend } from "@agendajs/postgres-backend";
import pg from "pg";
import { openPool, poolConfig } from "../db/client.ts";
import { keepDropped } from "../db/sql.ts";
import { coalesceJobWrites } from "./batch-lock.ts";

/** Where agenda keeps its jobs. */
export interface BackendOptions {
  databaseUrl?: string;
  mongoUrl?: string;
  /** Pool size for the agenda connection pool. */
  poolMax?: number;
  /** Told about errors of idle pooled connections (they are replaced on the next query). */
  onPoolError?: (err: Error) => void;
}

/** Advisory lock key held while agenda creates its table (any constant unique to this use). */
const SCHEMA_LOCK = 7_245_100_001;

/** A PostgreSQL job store carries its pool (its jobs can be run in batches). */
type WithPool = AgendaBackend & { readonly jobPool?: pg.Pool };

/** The connection pool of a PostgreSQL job store (its jobs can be run in batches); none for MongoDB. */
export function jobStorePool(backend: AgendaBackend): pg.Pool | undefined {
  return (backend as WithPool).jobPool;
}

/** Creates the agenda backend: MongoDB when `mongoUrl` is set, else PostgreSQL on `databaseUrl`. */
export async function createAgendaBackend(opts: BackendOptions): Promise<AgendaBackend> {
  if (opts.mongoUrl) {
    const pkg = "@agendajs/mongo-backend";
    let mod: { MongoBackend: new (cfg: { address: string }) => AgendaBackend };
    try {
      mod = (await import(pkg)) as typeof mod;
    } catch {
      throw new Error("MONGODB_URL is set but @agendajs/mongo-backend is not installed (npm install @agendajs/mongo-backend)");
    }
    return new mod.MongoBackend({ address: opts.mongoUrl });
  }
  if (!opts.databaseUrl) throw new Error("reminders need a database URL");
  const { config } = poolConfig(opts.databaseUrl, opts.poolMax ?? 4);
  // Our own pool, so a dropped idle connection (database restart, embedded server stopping) is logged by
  // pg's pool instead of crashing the process; agenda does not close a pool it was given, so we do.
  const pool = openPool(config, (err) => opts.onPoolError?.(err));
  const backend = new PostgresBackend({ pool, disableNotifications: true });
  coalesceJobWrites(backend.repository, pool);
  Object.defineProperty(backend, "jobPool", { value: pool, enumerable: false });
  // Several instances starting at once on a new database would each create agenda's table and indexes
  // and fail on each other ("tuple concurrently updated"): one at a time, under an advisory lock.
  const connect = backend.connect.bind(backend);
  backend.connect = async () => {
    const client = await pool.connect();
    // The lock can be waited for while another instance starts: a connection dropped meanwhile fails this
    // opening instead of the process.
    const held = keepDropped(client);
    try {
      await client.query("SELECT pg_advisory_lock($1)", [SCHEMA_LOCK]);
      try {
        await connect();
        // Scheduling a booking's reminder looks its job up by booking (agenda's unique check: name and
        // data->>'bookingId' and data->>'kind'); without this index that is a scan of every job, on every booking.
        await client.query(`CREATE INDEX IF NOT EXISTS "agenda_jobs_booking_idx" ON "agenda_jobs" ((data->>'bookingId'))`);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [SCHEMA_LOCK]).catch(() => {});
      }
    } finally {
      held.release();
    }
  };
  const disconnect = backend.disconnect.bind(backend);
  let closed = false;
  backend.disconnect = async () => {
    if (closed) return;
    closed = true;
    await disconnect();
    await pool.end().catch(() => {});
  };
  return backend;
}
