// Batched job locking for agenda's PostgreSQL backend. Agenda fills its queue by calling
// getNextJobToRun() once per job, and each call is an UPDATE ... LIMIT 1 that walks past every row
// already locked: with thousands of reminders due at once that is one round trip per job and a scan
// that grows with the queue. This wrapper locks up to `batch` due jobs in one statement (same
// conditions and order as the backend's own query, FOR UPDATE SKIP LOCKED, so two workers never lock
// the same row) and hands them to agenda one by one from a small local buffer.
import type { JobParameters, JobRepository } from "agenda";
import type pg from "pg";
import { coalesce } from "./coalesce.ts";

type Row = Record<string, unknown>;
type Buffered = { job: JobParameters; lockedAt: number };

/** A repository whose getNextJobToRun locks jobs in batches; {@link BatchLock.release} unlocks what was not handed out. */
export interface BatchLock {
  /** Unlocks jobs locked ahead but not yet handed to agenda (call when the worker stops). */
  release(): Promise<void>;
}

/**
 * Makes `repo.getNextJobToRun` lock up to `batch()` jobs per query. Jobs handed out carry the lock
 * time of their batch; a buffered job older than half the lock lifetime is unlocked and dropped
 * rather than run late (another worker, or this one, locks it again right away).
 */
export function batchJobLocking(repo: JobRepository, pool: pg.Pool, batch: () => number, table = "agenda_jobs"): BatchLock {
  const toJob = (repo as unknown as { rowToJob?: (row: Row) => JobParameters }).rowToJob?.bind(repo);
  const buffers = new Map<string, Buffered[]>();
  const unlock = async (jobs: Buffered[]) => {
    if (!jobs.length) return;
    await pool.query(`UPDATE "${table}" SET locked_at = NULL WHERE id = ANY($1::uuid[])`, [jobs.map((b) => String(b.job._id))]);
  };
  if (!toJob) return { release: async () => {} }; // a backend version without it: keep its own locking

  const single = repo.getNextJobToRun.bind(repo);
  repo.getNextJobToRun = async (jobName, nextScanAt, lockDeadline, now, options) => {
    const size = Math.max(1, Math.floor(batch()));
    if (size === 1) return single(jobName, nextScanAt, lockDeadline, now, options);
    const buf = buffers.get(jobName) ?? [];
    buffers.set(jobName, buf);
    const lifetime = Date.now() - lockDeadline.getTime();
    const stale = buf.filter((b) => b.lockedAt < Date.now() - lifetime / 2);
    if (stale.length) {
      buffers.set(jobName, buf.filter((b) => !stale.includes(b)));
      await unlock(stale);
    }
    const next = buffers.get(jobName)!.shift();
    if (next) return next.job;
    const lockTime = now ?? new Date();
    const { rows } = await pool.query<Row>(
      `UPDATE "${table}" SET locked_at = $1, last_modified_by = $5
       WHERE id IN (
         SELECT id FROM "${table}"
         WHERE name = $2 AND disabled = FALSE
           AND ((locked_at IS NULL AND next_run_at <= $3) OR locked_at <= $4)
         ORDER BY next_run_at ASC NULLS LAST, priority DESC
         LIMIT $6
         FOR UPDATE SKIP LOCKED
       )
       RETURNING *`,
      [lockTime, jobName, nextScanAt, lockDeadline, options?.lastModifiedBy ?? null, size],
    );
    const jobs = rows.map(toJob).sort(
      (a, b) => (a.nextRunAt?.getTime() ?? Infinity) - (b.nextRunAt?.getTime() ?? Infinity) || (b.priority ?? 0) - (a.priority ?? 0),
    );
    const first = jobs.shift();
    buffers.get(jobName)!.push(...jobs.map((job) => ({ job, lockedAt: lockTime.getTime() })));
    return first;
  };

  return {
    async release() {
      const all = [...buffers.values()].flat();
      buffers.clear();
      await unlock(all);
    },
  };
}

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
