// A fresh, migrated database for a test file.
// - With DATABASE_URL: a new schema `t_<random>` in that database; close() drops it.
// - Without: an embedded PGlite server on a private copy of a migrated template data dir (kept in
//   node_modules/.cache, rebuilt when the migrations or PGlite change; copies go to /dev/shm when there).
//   Copying a template is several times faster than initdb plus migrations for every test.
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { createPrisma, parseDatabaseUrl, withSchema } from "../../core/db/client.ts";
import { startEmbeddedPostgres } from "../../core/db/embedded.ts";
import { applyPendingMigrations, loadMigrations } from "../../core/db/migrate.ts";

/** A database for one test file (or test). */
export interface TestDatabase {
  prisma: PrismaClient;
  /** Connection URL (with `?schema=` on an external PostgreSQL). */
  url: string;
  /** Disconnects and throws the database away. */
  close(): Promise<void>;
}

/** Creates a fresh, migrated database: a schema in DATABASE_URL's database, or an embedded PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const external = process.env.DATABASE_URL?.trim();
  return external ? schemaDatabase(external) : embeddedDatabase();
}

async function schemaDatabase(baseUrl: string): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const url = withSchema(baseUrl, schema);
  await applyPendingMigrations(url); // creates the schema first
  const prisma = createPrisma(url);
  return {
    prisma,
    url,
    async close() {
      await prisma.$disconnect();
      const admin = new pg.Client({ connectionString: parseDatabaseUrl(baseUrl).connectionString });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Cache key: the migrations and the PGlite version that produced the template. */
function templateKey(): string {
  const h = createHash("sha256");
  const pkg = join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json");
  const pglite = JSON.parse(readFileSync(pkg, "utf8")) as { version: string };
  h.update(pglite.version);
  for (const m of loadMigrations().migrationDirectories) {
    h.update(m.path);
    if (m.migrationFile.content.tag === "ok") h.update(m.migrationFile.content.value);
  }
  return h.digest("hex").slice(0, 16);
}

let template: Promise<string> | undefined;

/** Path of the migrated template data dir, built once across processes (lock dir, atomic rename). */
function templateDir(): Promise<string> {
  template ??= (async () => {
    const cache = join(ROOT, "node_modules", ".cache", "rezervo");
    const dir = join(cache, `pg-template-${templateKey()}`);
    if (existsSync(join(dir, "pgdata", "PG_VERSION"))) return dir;
    mkdirSync(cache, { recursive: true });
    // One builder at a time (vitest runs files in parallel processes): the others wait for its result.
    const lock = `${dir}.lock`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      if (existsSync(join(dir, "pgdata", "PG_VERSION"))) return dir;
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() > deadline || Date.now() - since > 180_000) {
        rmSync(lock, { recursive: true, force: true }); // its builder died
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (existsSync(join(dir, "pgdata", "PG_VERSION"))) {
      rmSync(lock, { recursive: true, force: true });
      return dir;
    }
    const building = mkdtempSync(join(cache, "pg-building-"));
    try {
      const server = await startEmbeddedPostgres({ dataDir: building });
      try {
        await applyPendingMigrations(server.url);
      } finally {
        await server.close();
      }
      try {
        renameSync(building, dir);
      } catch (err) {
        // Another process finished first: use its template.
        if (!existsSync(join(dir, "pgdata", "PG_VERSION"))) throw err;
      }
    } finally {
      rmSync(building, { recursive: true, force: true });
      rmSync(lock, { recursive: true, force: true });
    }
    return dir;
  })();
  return template;
}

async function embeddedDatabase(): Promise<TestDatabase> {
  const tpl = await templateDir();
  const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dataDir = mkdtempSync(join(base, "rezervo-test-"));
  try {
    cpSync(tpl, dataDir, { recursive: true });
    const server = await startEmbeddedPostgres({ dataDir });
    const prisma = createPrisma(server.url);
    return {
      prisma,
      url: server.url,
      async close() {
        try {
          await prisma.$disconnect();
          await server.close();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
