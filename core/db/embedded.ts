// Embedded PostgreSQL: PGlite (Postgres compiled to Wasm) served over the PostgreSQL wire protocol on
// 127.0.0.1, so the rest of the app talks to it exactly as to a real server (pg, Prisma's adapter).
//
// Facts worth knowing when using it:
// - Data in `dataDir` survives a kill -9 of the process.
// - All connections share one backend: transactions are serialised across connections, so never call the
//   outer Prisma client from inside an interactive transaction (it waits for the transaction: deadlock).
// - LISTEN/NOTIFY does not cross connections.
// - Only one process may own a data dir; a second owner gets a DataDirInUseError.
import { PGlite } from "@electric-sql/pglite";
import { serialiseProtocolSequences } from "./socketQueue.ts";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Directory holding the database files; in-memory (lost on close) when undefined. */
  dataDir?: string;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** Connection string, e.g. postgresql://postgres@127.0.0.1:54021/postgres */
  url: string;
  /** Stops the server, flushes and closes the database and releases the data dir. */
  close(): Promise<void>;
}

/** Thrown when another process (or this one) already serves the data dir. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The database directory ${dataDir} is already in use by ${ownerPid === process.pid ? "this process" : `process ${ownerPid}`}. ` +
        "Stop the other Rezervo instance, or give this one another data dir (or a DATABASE_URL).",
    );
    this.name = "DataDirInUseError";
  }
}

const LOCK_FILE = "rezervo.lock";
/** Data dirs owned by this process (a lock file holding our own pid is not stale). */
const ownedHere = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data dir's lock file (O_EXCL); a lock left by a dead process is taken over. */
function acquireLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  if (ownedHere.has(dir)) throw new DataDirInUseError(dir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      ownedHere.add(dir);
      return () => {
        ownedHere.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new DataDirInUseError(dir, pid);
      }
      // Stale (its owner died, or it is our own pid left by a previous run with the same pid).
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the database directory ${dir}`);
}

/** Starts PGlite (on `dataDir`, or in memory) behind a socket server on 127.0.0.1 and a free port. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dir = opts.dataDir === undefined ? undefined : resolve(opts.dataDir);
  let release = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = acquireLock(dir);
  }
  let db: PGlite | undefined;
  try {
    db = dir ? await PGlite.create(join(dir, "pgdata")) : await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
    serialiseProtocolSequences(server);
    await server.start();
    const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
    let closed: Promise<void> | undefined;
    const pg = db;
    return {
      url,
      close() {
        closed ??= (async () => {
          try {
            await server.stop();
            await pg.close();
          } finally {
            release();
          }
        })();
        return closed;
      },
    };
  } catch (err) {
    await db?.close().catch(() => {});
    release();
    throw err;
  }
}
