// `npm run bench`: runs every tests/bench/<area>.ts that exports bench() and prints its figures.
// `npm run bench -- conversations telegram` runs only those areas.
// floor-server.ts and load.ts are child processes of the floor area, profile.ts and cpu.ts its helpers: not areas.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const areas = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && !["run.ts", "floor-server.ts", "load.ts", "profile.ts", "cpu.ts"].includes(f))
  .map((f) => f.slice(0, -3))
  .filter((a) => only.length === 0 || only.includes(a));

let failed = 0;
for (const area of areas) {
  const mod = (await import(join(here, `${area}.ts`))) as { bench?: () => Promise<Record<string, number | string>> };
  if (typeof mod.bench !== "function") continue;
  process.stdout.write(`\n== ${area}\n`);
  try {
    const t0 = performance.now();
    const figures = await mod.bench();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(42)} ${v}\n`);
    process.stdout.write(`  ${"(bench wall time s)".padEnd(42)} ${((performance.now() - t0) / 1000).toFixed(1)}\n`);
  } catch (err) {
    failed++;
    process.stdout.write(`  failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
process.exit(failed ? 1 : 0);
