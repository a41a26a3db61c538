// Generates the Prisma client after install. Prisma's CLI wants a schema-engine binary even though
// `generate` never runs it; the binary cannot be downloaded everywhere, so point it at a stub that
// fails loudly if anything ever does try to run it.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const stub = join(root, "node_modules", ".cache", "rezervo", "schema-engine-stub");
if (!existsSync(stub)) {
  mkdirSync(join(stub, ".."), { recursive: true });
  writeFileSync(stub, "#!/bin/sh\necho 'schema-engine binary not available: use npm run db:migrate' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
execFileSync(process.execPath, [join(root, "node_modules", "prisma", "build", "index.js"), "generate"], {
  cwd: root,
  env,
  stdio: "inherit",
});
