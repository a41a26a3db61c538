// The database layer: migrations, durability of the embedded server, ownership of its data dir.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../core/db/client.ts";
import { DataDirInUseError, startEmbeddedPostgres } from "../../core/db/embedded.ts";
import { openDatabase } from "../../core/db/index.ts";
import { applyPendingMigrations, loadMigrations, migrationStatus } from "../../core/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

const run = promisify(execFile);
const EMBEDDED_TS = fileURLToPath(new URL("../../core/db/embedded.ts", import.meta.url));
const migrationNames = loadMigrations().migrationDirectories.map((m) => m.path);

describe("migrations on a fresh test database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("has every migration applied and a clean status", async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const st = await migrationStatus(db.url);
    expect(st).toMatchObject({ upToDate: true, pending: [], failed: [], edited: [], unknown: [] });
    expect(st.hasMigrationsTable).toBe(true);
  });

  it("records them in Prisma's _prisma_migrations table", async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
      `SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("applies nothing the second time and keeps the data", async () => {
    await db.prisma.category.create({ data: { slug: "salon", nameSq: "Sallon bukurie", nameEn: "Beauty salon" } });
    expect(await applyPendingMigrations(db.url)).toEqual([]);
    expect((await migrationStatus(db.url)).upToDate).toBe(true);
    const cat = await db.prisma.category.findUnique({ where: { slug: "salon" } });
    expect(cat?.nameSq).toBe("Sallon bukurie");
  });

  // Embedded: the same is checked below on an empty PGlite.
  it.runIf(Boolean(process.env.DATABASE_URL))("reports an empty schema as behind", async () => {
    const { connectionString, schema } = parseDatabaseUrl(db.url);
    const empty = `${schema}_empty`;
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      const url = new URL(db.url);
      url.searchParams.set("schema", empty);
      const st = await migrationStatus(url.toString());
      expect(st.upToDate).toBe(false);
      expect(st.pending).toEqual(migrationNames);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${empty}" CASCADE`);
      await admin.end();
    }
  });
});

describe("embedded server", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "rezervo-db-test-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("reports pending migrations on an empty database", async () => {
    const server = await startEmbeddedPostgres();
    try {
      const st = await migrationStatus(server.url);
      expect(st.upToDate).toBe(false);
      expect(st.pending).toEqual(migrationNames);
    } finally {
      await server.close();
    }
  });

  it("keeps a row written through Prisma across a restart", async () => {
    const dataDir = tmp();
    const first = await openDatabase({ dataDir });
    expect(first.embedded).toBe(true);
    await first.prisma.customer.create({ data: { name: "Arbër Hoxha", lang: "sq", notifyChannels: ["sms"] } });
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.prisma.customer.findMany();
      expect(rows.map((r) => [r.name, r.notifyChannels])).toEqual([["Arbër Hoxha", ["sms"]]]);
      expect((await migrationStatus(second.url)).upToDate).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("refuses a second owner of the data dir in the same process, with a clear error", async () => {
    const dataDir = tmp();
    const owner = await startEmbeddedPostgres({ dataDir });
    try {
      const second = startEmbeddedPostgres({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(second).rejects.toThrow(/already in use by this process/);
    } finally {
      await owner.close();
    }
    // Released on close: it can be opened again.
    const again = await startEmbeddedPostgres({ dataDir });
    await again.close();
  });

  it("refuses a second process on the same data dir, naming the owner", async () => {
    const dataDir = tmp();
    const owner = await startEmbeddedPostgres({ dataDir });
    try {
      const script =
        `import { startEmbeddedPostgres } from ${JSON.stringify(EMBEDDED_TS)};` +
        "try { const s = await startEmbeddedPostgres({ dataDir: process.argv[1] }); await s.close(); }" +
        " catch (e) { console.log(e.message); process.exit(3); }";
      const child = run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, dataDir]);
      const err = await child.then(
        () => null,
        (e: { code: number; stdout: string }) => e,
      );
      expect(err?.code).toBe(3);
      expect(err?.stdout).toContain(`already in use by process ${process.pid}`);
    } finally {
      await owner.close();
    }
  });

  it("takes over a data dir whose owner died without closing it", async () => {
    const dataDir = tmp();
    mkdirSync(dataDir, { recursive: true });
    // What a killed owner leaves behind: its lock with a pid that no longer runs.
    const { stdout } = await run(process.execPath, ["-e", "console.log(process.pid)"]);
    writeFileSync(join(dataDir, "rezervo.lock"), stdout.trim());
    const server = await startEmbeddedPostgres({ dataDir });
    await server.close();
  });
});
