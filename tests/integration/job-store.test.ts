// Several instances starting at once on a new database: each opens the reminders' job store (agenda's
// table and indexes are created on first use), and none fails on the others doing the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
