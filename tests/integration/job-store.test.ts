// Several instances starting at once on a new database: each opens the reminders' job store (agenda's
// table and indexes are created on first use), and none fails on the others doing the same.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../core/db/client.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

describe("the job store on a new database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it("opens for six instances starting at the same moment", async () => {
    const backends = await Promise.all(Array.from({ length: 6 }, () => createAgendaBackend({ databaseUrl: db.url, poolMax: 2 })));
    try {
      const opened = await Promise.allSettled(backends.map((b) => b.connect()));
      expect(opened.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(Array(6).fill("ok"));
      const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM agenda_jobs`);
      expect(rows[0].n).toBe(0);
    } finally {
      for (const b of backends) await b.disconnect();
    }
  }, 60_000);

  // PostgreSQL only: the embedded server has no backends to terminate.
  it.skipIf(!process.env.DATABASE_URL)("a connection dropped while the store opens fails the opening, and does not crash the process", async () => {
    // The store's table exists; a session locks it, so opening waits on the index while holding its lock
    // connection idle between statements; that connection is terminated meanwhile.
    const first = await createAgendaBackend({ databaseUrl: db.url, poolMax: 2 });
    await first.connect();
    await first.disconnect();
    const app = `rezervo-store-${randomBytes(4).toString("hex")}`;
    const u = new URL(db.url);
    u.searchParams.set("application_name", app);
    const admin = new pg.Client({ connectionString: parseDatabaseUrl(db.url).connectionString });
    await admin.connect();
    const { schema } = parseDatabaseUrl(db.url);
    await admin.query("BEGIN");
    await admin.query(`LOCK TABLE "${schema}".agenda_jobs IN ACCESS EXCLUSIVE MODE`);
    const backend = await createAgendaBackend({ databaseUrl: u.toString(), poolMax: 2 });
    const opening = backend.connect().then(() => "opened", (err: Error) => `failed: ${err.message}`);
    try {
      // The connection that holds the store's advisory lock, idle while the other one waits on the table.
      // Up to 20 s: on a loaded machine (both test workers busy) the opening can take seconds to get there.
      let killed = 0;
      for (let i = 0; i < 400 && !killed; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const r = await admin.query(
          `SELECT pg_terminate_backend(a.pid) AS ok FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
            WHERE a.application_name = $1 AND l.locktype = 'advisory' AND l.granted AND a.state = 'idle'`,
          [app],
        );
        killed = r.rows.filter((x: { ok: boolean }) => x.ok).length;
      }
      expect(killed).toBe(1);
    } finally {
      await admin.query("ROLLBACK");
      await admin.end();
    }
    // Opening goes on or fails as a rejection; an error thrown from the dropped connection would fail the run.
    expect(await opening).toMatch(/^(opened|failed: )/);
    await backend.disconnect().catch(() => {});
  }, 60_000);
});
