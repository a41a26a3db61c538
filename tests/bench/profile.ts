// Where a process's CPU time went, from a V8 CPU profile (`node --cpu-prof`): self time summed by the
// package its function lives in (node_modules/<package>), our own folders (bots/, core/, dialogs/ ...),
// node's internals, garbage collection and idle. Used by the floor bench with BENCH_CPU_PROF=1.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a function belongs to. */
function bucket(n: ProfileNode): string {
  const { url, functionName } = n.callFrame;
  if (functionName === "(idle)") return "(idle)";
  if (functionName === "(garbage collector)") return "(garbage collection)";
  if (functionName === "(program)") return "(program: V8 and native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:") || (!url.includes("/") && url)) return "node internals";
  const own = url.match(/\/(bots|core|dialogs|locales|generated|bin)\//);
  if (own) return own[1] === "generated" ? "generated Prisma client" : `ours: ${own[1]}/`;
  return url ? "other" : "(native, no script)";
}

/** Shares of the profiled time by bucket, largest first (idle left out of the shares, reported apart). */
export function summarizeProfile(path: string): { busyMs: number; idleMs: number; shares: [string, number][] } {
  const p = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A built-in (JSON.parse, a RegExp, a Map ...) has no script: its time counts for the script that called it.
  const owner = (n: ProfileNode): ProfileNode => {
    let cur: ProfileNode | undefined = n;
    while (cur && !cur.callFrame.url && !cur.callFrame.functionName.startsWith("(")) {
      const up = parent.get(cur.id);
      cur = up === undefined ? undefined : byId.get(up);
    }
    return cur ?? n;
  };
  const totals = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]);
    if (!n) continue;
    const b = bucket(owner(n));
    totals.set(b, (totals.get(b) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const idle = totals.get("(idle)") ?? 0;
  totals.delete("(idle)");
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  const shares = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / busy] as [string, number]);
  return { busyMs: busy / 1000, idleMs: idle / 1000, shares };
}
