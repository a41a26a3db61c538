// Group-committed writes for agenda's own job processor on PostgreSQL (the waiting list's jobs, and
// reminders when agenda runs them itself). Reminders on PostgreSQL are run in batches by
// batch-runner.ts instead.
import type { JobParameters, JobRepository } from "agenda";
import type pg from "pg";
import { coalesce } from "../db/coalesce.ts";

type Save = { job: JobParameters; by: string | null };

/**
 * Group-commits agenda's per-job writes on PostgreSQL: the state saves at the start and end of every
 * run (saveJobState) and the removal of finished one-time jobs (removeJobs by id). Each call still
 * resolves only after its own row is written, with the same result and errors as before; calls that
 * arrive while a write is in flight share the next statement.
 */
export function coalesceJobWrites(repo: JobRepository, pool: pg.Pool, table = "agenda_jobs"): void {
  const saveOne = repo.saveJobState.bind(repo);
  const removeJobs = repo.removeJobs.bind(repo);
  const saveMany = coalesce<Save, boolean>(async (items) => {
    // The same job twice in one batch would be one row joined twice: save repeats one by one, in order.
    const seen = new Set<string>();
    const first = items.filter((i) => !seen.has(String(i.job._id)) && seen.add(String(i.job._id)));
    const col = <V>(f: (j: JobParameters) => V) => first.map((i) => f(i.job) ?? null);
    const { rows } = await pool.query<{ id: string }>(
      `UPDATE "${table}" AS j SET locked_at = v.locked_at, next_run_at = v.next_run_at, last_run_at = v.last_run_at,
         progress = v.progress, fail_reason = v.fail_reason, fail_count = v.fail_count, failed_at = v.failed_at,
         last_finished_at = v.last_finished_at, last_modified_by = v.by
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::real[], $7::text[],
                   $8::int[], $9::timestamptz[], $10::timestamptz[], $11::text[])
         AS v(id, name, locked_at, next_run_at, last_run_at, progress, fail_reason, fail_count, failed_at, last_finished_at, by)
       WHERE j.id = v.id AND j.name = v.name
       RETURNING j.id`,
      [
        col((j) => String(j._id)), col((j) => j.name), col((j) => j.lockedAt), col((j) => j.nextRunAt), col((j) => j.lastRunAt),
        col((j) => j.progress), col((j) => j.failReason), col((j) => j.failCount), col((j) => j.failedAt), col((j) => j.lastFinishedAt),
        first.map((i) => i.by),
      ],
    );
    const saved = new Set(rows.map((r) => r.id));
    const out: boolean[] = [];
    for (const i of items) {
      if (first.includes(i)) out.push(saved.has(String(i.job._id)));
      else out.push(await saveOne(i.job, { lastModifiedBy: i.by ?? undefined }).then(() => true, () => false));
    }
    return out;
  });
  repo.saveJobState = async (job, options) => {
    if (!job._id) return saveOne(job, options);
    if (!(await saveMany({ job, by: options?.lastModifiedBy ?? null }))) {
      throw new Error(`job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`);
    }
  };
  const removeMany = coalesce<string, number>(async (ids) => {
    const { rows } = await pool.query<{ id: string }>(`DELETE FROM "${table}" WHERE id = ANY($1::uuid[]) RETURNING id`, [ids]);
    const gone = new Set(rows.map((r) => r.id));
    return ids.map((id) => (gone.has(id) ? 1 : 0));
  });
  repo.removeJobs = async (options) => {
    const keys = Object.keys(options).filter((k) => (options as Record<string, unknown>)[k] !== undefined);
    if (keys.length === 1 && keys[0] === "id" && options.id) return removeMany(String(options.id));
    return removeJobs(options);
  };
}
