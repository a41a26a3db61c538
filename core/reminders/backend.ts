// The durable store behind agenda. PostgreSQL by default: the app's own database (embedded PGlite or
// DATABASE_URL), table "agenda_jobs" next to the data. LISTEN/NOTIFY is not used: it does not cross
// connections on the embedded server, and reminders are fine with polling (REMINDERS_POLL_MS).
//
// MongoDB: set MONGODB_URL and install @agendajs/mongo-backend (`npm install @agendajs/mongo-backend`);
// agenda then keeps its jobs in MongoDB while the Reminder rows (the sent marks) stay in PostgreSQL,
// so exactly-once sending does not depend on the job store.
import type { AgendaBackend } from "agenda";
import { PostgresBackend } from "@agendajs/postgres-backend";
import { poolConfig } from "../db/client.ts";

/** Where agenda keeps its jobs. */
export interface BackendOptions {
  databaseUrl?: string;
  mongoUrl?: string;
  /** Pool size for the agenda connection pool. */
  poolMax?: number;
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
  return new PostgresBackend({ poolConfig: config, disableNotifications: true });
}
