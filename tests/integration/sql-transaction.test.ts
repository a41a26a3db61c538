// The plain-SQL pool's transactions (the booking's): the first statement goes out with BEGIN and the last
// with COMMIT, each pair in one round trip. Values reach the database unchanged, the first statement's
// rows reach the transaction, the last one's rows come back once committed, and a failure anywhere leaves
// nothing written and the connection usable outside any transaction.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/log.ts";
import { poolConfig } from "../../core/db/client.ts";
import { openSql, type SqlPool } from "../../core/db/sql.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

describe("a transaction that starts with its first statement and commits with its last", () => {
  let db: TestDatabase;
  let sql: SqlPool;
  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection: whatever a failed transaction leaves behind, the next one meets it.
    sql = await openSql(db.url, { max: 1, log: createLogger("silent") });
    await sql.query("t_create", `CREATE TABLE tx_probe (k text PRIMARY KEY, v text NOT NULL)`, []);
  });
  afterAll(async () => {
    await sql?.close();
    await db?.close();
  });

  /** A row as another connection sees it (committed, not waiting in an open transaction). */
  const committed = (k: string) => db.prisma.$queryRawUnsafe(`SELECT v FROM tx_probe WHERE k = $1`, k);

  it("hands the first statement's rows to the transaction, its values unchanged", async () => {
    const tricky = "O'Brien \\ $2 '' -- ; DROP TABLE tx_probe; 'ë ç";
    const at = new Date("2026-11-25T08:00:00.123Z");
    type Row = { a: string; ten: string; nothing: null; yes: boolean; at: Date };
    const rows = await sql.transactionFrom(
      [{
        name: "t_first",
        text: `SELECT $1::text AS a, $2::text AS ten, $3::text AS nothing, $4::boolean AS yes, $5::timestamptz AS at`,
        values: [tricky, "ten", null, true, at],
      }],
      async (_tx, [r]) => r as Row[],
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.a).toBe(tricky);
    expect(row.ten).toBe("ten");
    expect(row.nothing).toBeNull();
    expect(row.yes).toBe(true);
    expect(new Date(row.at).getTime()).toBe(at.getTime());
    expect(await sql.query("t_count", `SELECT count(*)::int AS n FROM tx_probe`, [])).toEqual([{ n: 0 }]);
  });

  it("runs the first statements in order, each reading what was committed before it started (after a lock it waited for)", async () => {
    await sql.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["gate", "-"]);
    await sql.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["data", "before"]);
    // Another connection holds the gate's lock and changes the data, then commits a moment later.
    const other = new pg.Client(poolConfig(db.url).config);
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT k FROM tx_probe WHERE k = 'gate' FOR UPDATE`);
      await other.query(`UPDATE tx_probe SET v = 'after' WHERE k = 'data'`);
      const ours = sql.transactionFrom(
        [
          { name: "t_gate", text: `SELECT k FROM tx_probe WHERE k = $1 FOR UPDATE`, values: ["gate"] },
          { name: "t_get", text: `SELECT v FROM tx_probe WHERE k = $1`, values: ["data"] },
        ],
        async (_tx, [gate, data]) => ({ gate, data }),
      );
      await new Promise((r) => setTimeout(r, 150));
      await other.query("COMMIT");
      // The data statement started once the gate was granted: it reads the other connection's change.
      expect(await ours).toEqual({ gate: [{ k: "gate" }], data: [{ v: "after" }] });
    } finally {
      await other.end();
    }
  });

  it("commits what the transaction wrote, in the same transaction as the first statement", async () => {
    const seen = await sql.transactionFrom(
      [{ name: "t_seen", text: `SELECT count(*)::int AS n FROM tx_probe WHERE k = $1`, values: ["one"] }],
      async (tx, [[first]]) => {
        await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["one", "1"]);
        return (first as { n: number }).n;
      },
    );
    expect(seen).toBe(0);
    expect(await committed("one")).toEqual([{ v: "1" }]);
  });

  it("returns the last statement's rows once it and everything before it are committed", async () => {
    const out = await sql.transactionFrom(
      [{ name: "t_seen", text: `SELECT count(*)::int AS n FROM tx_probe WHERE k = $1`, values: ["four"] }],
      async (tx) => {
        await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["four", "4"]);
        return tx.commitWith<{ k: string; v: string }>("t_ins_ret", `INSERT INTO tx_probe (k, v) VALUES ($1, $2) RETURNING k, v`, ["five", "5"]);
      },
    );
    expect(out).toEqual([{ k: "five", v: "5" }]);
    expect(await committed("four")).toEqual([{ v: "4" }]);
    expect(await committed("five")).toEqual([{ v: "5" }]);
  });

  it("writes nothing when the last statement fails, and the connection goes on outside any transaction", async () => {
    await expect(
      sql.transactionFrom([{ name: "t_one", text: `SELECT 1 AS x`, values: [] }], async (tx) => {
        await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["six", "6"]);
        // "one" is there already: the last statement fails on the primary key.
        return tx.commitWith("t_ins_ret", `INSERT INTO tx_probe (k, v) VALUES ($1, $2) RETURNING k, v`, ["one", "again"]);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await committed("six")).toEqual([]);
    expect(await committed("one")).toEqual([{ v: "1" }]);
    await sql.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["seven", "7"]);
    expect(await committed("seven")).toEqual([{ v: "7" }]);
  });

  it("leaves the connection usable when the work catches its last statement's failure and returns", async () => {
    const out = await sql.transactionFrom([{ name: "t_one", text: `SELECT 1 AS x`, values: [] }], async (tx) => {
      await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["eight", "8"]);
      return tx.commitWith("t_ins_ret", `INSERT INTO tx_probe (k, v) VALUES ($1, $2) RETURNING k, v`, ["one", "again"]).catch(() => "caught");
    });
    expect(out).toBe("caught");
    expect(await committed("eight")).toEqual([]);
    // The single connection answers the next statements in order, outside any transaction.
    await sql.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["nine", "9"]);
    expect(await sql.query("t_get", `SELECT v FROM tx_probe WHERE k = $1`, ["nine"])).toEqual([{ v: "9" }]);
    expect(await committed("nine")).toEqual([{ v: "9" }]);
  });

  it("writes nothing when the work fails, and the connection goes on", async () => {
    await expect(
      sql.transactionFrom([{ name: "t_one", text: `SELECT 1 AS x`, values: [] }], async (tx) => {
        await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["two", "2"]);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await sql.query("t_get", `SELECT v FROM tx_probe WHERE k = $1`, ["two"])).toEqual([]);
  });

  it("rolls back when the first statement fails, and the connection goes on outside any transaction", async () => {
    await expect(
      sql.transactionFrom([{ name: "t_missing", text: `SELECT * FROM no_such_table WHERE k = $1`, values: ["x"] }], async () => "never"),
    ).rejects.toThrow(/no_such_table/);
    // The single connection is not left in a transaction: a plain write on it is not refused (aborted) and
    // is seen at once by another connection (committed, not waiting in an open transaction).
    await sql.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["three", "3"]);
    expect(await committed("three")).toEqual([{ v: "3" }]);
  });
});
