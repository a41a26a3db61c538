// The plain-SQL pool's transactions whose first statement goes with BEGIN in one round trip (the booking's
// lock): values written in as literals reach the database unchanged, the statement's rows reach the
// transaction, and a failure anywhere leaves nothing written and the connection usable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/log.ts";
import { inlineLiterals, openSql, type SqlPool } from "../../core/db/sql.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

describe("a transaction that starts with its first statement", () => {
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

  it("writes every value in as a literal the database reads back unchanged", async () => {
    const tricky = "O'Brien \\ $2 '' -- ; DROP TABLE tx_probe; 'ë ç";
    const at = new Date("2026-11-25T08:00:00.123Z");
    const values = [tricky, 2, 3, 4, 5, 6, 7, 8, 9, "ten", null, true, at] as const;
    const rows = await sql.transactionFrom<{ a: string; j: string; ten: string; nothing: null; yes: boolean; at: Date }, unknown[]>(
      { text: `SELECT $1::text AS a, $10::text AS ten, $1 || $9::text AS j, $11::text AS nothing, $12 AS yes, $13::timestamptz AS at`, values },
      async (_tx, r) => r,
    );
    expect(rows).toHaveLength(1);
    const [row] = rows as { a: string; j: string; ten: string; nothing: null; yes: boolean; at: Date }[];
    expect(row.a).toBe(tricky);
    expect(row.ten).toBe("ten"); // $10 is not $1 followed by a 0
    expect(row.j).toBe(`${tricky}9`);
    expect(row.nothing).toBeNull();
    expect(row.yes).toBe(true);
    expect(new Date(row.at).getTime()).toBe(at.getTime());
    // The table is still there and empty: nothing in a value ran as SQL.
    expect(await sql.query("t_count", `SELECT count(*)::int AS n FROM tx_probe`, [])).toEqual([{ n: 0 }]);
  });

  it("refuses a placeholder without a value, and a number that is not finite", () => {
    expect(() => inlineLiterals("SELECT $1, $2", ["a"])).toThrow(/\$2/);
    expect(() => inlineLiterals("SELECT $1", [Number.NaN])).toThrow(/finite/);
  });

  it("commits what the transaction wrote, in the same transaction as the first statement", async () => {
    const seen = await sql.transactionFrom<{ n: number }, number>(
      { text: `SELECT count(*)::int AS n FROM tx_probe WHERE k = $1`, values: ["one"] },
      async (tx, [first]) => {
        await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["one", "1"]);
        return first!.n;
      },
    );
    expect(seen).toBe(0);
    expect(await sql.query("t_get", `SELECT v FROM tx_probe WHERE k = $1`, ["one"])).toEqual([{ v: "1" }]);
  });

  it("writes nothing when the work fails, and the connection goes on", async () => {
    await expect(
      sql.transactionFrom({ text: `SELECT 1 AS x`, values: [] }, async (tx) => {
        await tx.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["two", "2"]);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await sql.query("t_get", `SELECT v FROM tx_probe WHERE k = $1`, ["two"])).toEqual([]);
  });

  it("rolls back when the first statement fails, and the connection goes on outside any transaction", async () => {
    await expect(
      sql.transactionFrom({ text: `SELECT * FROM no_such_table WHERE k = $1`, values: ["x"] }, async () => "never"),
    ).rejects.toThrow(/no_such_table/);
    // The single connection is not left in a transaction: a plain write on it is not refused (aborted) and
    // is seen at once by another connection (committed, not waiting in an open transaction).
    await sql.query("t_ins", `INSERT INTO tx_probe (k, v) VALUES ($1, $2)`, ["three", "3"]);
    expect(await db.prisma.$queryRawUnsafe(`SELECT v FROM tx_probe WHERE k = 'three'`)).toEqual([{ v: "3" }]);
  });
});
