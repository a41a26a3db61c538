// Copies what the compiled app reads at run time next to it in dist/: the locale files (i18n, FAQ
// answers, widget strings), the Prisma schema and migrations (applied at start and by `migrate`), and
// the web chat widget's sources (bundled by esbuild when /widget.js is first asked for).
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
if (!existsSync(join(dist, "bin", "cli.js"))) throw new Error("dist/bin/cli.js is missing: run tsc -p tsconfig.build.json first");

const copy = (from, to = from) => cpSync(join(root, from), join(dist, to), { recursive: true });
for (const lang of readdirSync(join(root, "locales"), { withFileTypes: true })) {
  if (lang.isDirectory()) copy(join("locales", lang.name));
}
copy("prisma/schema.prisma");
rmSync(join(dist, "prisma", "migrations"), { recursive: true, force: true });
copy("prisma/migrations");
for (const file of readdirSync(join(root, "bots", "webchat", "widget"))) {
  if (file.endsWith(".ts") && file !== "build.ts") copy(join("bots", "webchat", "widget", file));
}
