// Migration CLI (Prisma's own CLI cannot migrate here: it needs a native engine binary).
//   npm run db:migrate -- create <name>   new migration from prisma/schema.prisma
//   npm run db:deploy                     apply pending migrations
//   npm run db:status                     show applied / pending migrations
// Database: DATABASE_URL, otherwise the embedded server on ./data/pg (DATA_DIR/pg when DATA_DIR is set).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { maskUrl } from "../core/db/client.ts";
import { startEmbeddedPostgres } from "../core/db/embedded.ts";
import { applyPendingMigrations, createMigration, migrationStatus } from "../core/db/migrate.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    console.log(`Database: ${maskUrl(external)}`);
    return fn(external);
  }
  const dataDir = join(process.env.DATA_DIR ?? join(ROOT, "data"), "pg");
  console.log(`Database: embedded, ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir });
  try {
    return await fn(server.url);
  } finally {
    await server.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "create": {
      const name = rest.join("_");
      if (!name) {
        console.error("Usage: npm run db:migrate -- create <name>");
        return 2;
      }
      const out = await createMigration(name);
      if (!out.path) {
        console.log("No schema changes: no migration written.");
        return 0;
      }
      console.log(`Wrote ${out.path}`);
      return 0;
    }
    case "deploy": {
      const applied = await withDatabase((url) => applyPendingMigrations(url));
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return 0;
    }
    case "status": {
      const st = await withDatabase((url) => migrationStatus(url));
      if (st.upToDate) {
        console.log("Database schema is up to date.");
        return 0;
      }
      if (st.pending.length) console.log(`Pending: ${st.pending.join(", ")}`);
      if (st.failed.length) console.log(`Failed: ${st.failed.join(", ")}`);
      if (st.edited.length) console.log(`Edited after being applied: ${st.edited.join(", ")}`);
      if (st.unknown.length) console.log(`Applied but missing from prisma/migrations: ${st.unknown.join(", ")}`);
      return 1;
    }
    default:
      console.error("Usage: tsx prisma/tool.ts create <name> | deploy | status");
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
