// CPU time of processes on this machine, read from /proc (Linux); NaN or empty elsewhere. Used by the
// benches to say where a phase's CPU went: the server under test, PostgreSQL, the load generator.
import { readdirSync, readFileSync } from "node:fs";

/** CPU time (user + system) of a process so far, in ms; NaN where /proc is not there. */
export function pidCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

/** CPU time of every PostgreSQL process on this machine so far, by pid (empty without /proc or a local server). */
export function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") out.set(Number(d), pidCpuMs(Number(d)));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return out;
}

/** PostgreSQL's CPU ms between two `postgresCpu()` readings (backends that started meanwhile count from 0). */
export function postgresCpuSince(before: Map<number, number>, after = postgresCpu()): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}
