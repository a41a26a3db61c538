// Batched job locking for agenda's PostgreSQL backend. Agenda fills its queue by calling
// getNextJobToRun() once per job, and each call is an UPDATE ... LIMIT 1 that walks past every row
// already locked: with thousands of reminders due at once that is one round trip per job and a scan
// that grows with the queue. This wrapper locks up to `batch` due jobs in one statement (same
// conditions and order as the backend's own query, FOR UPDATE SKIP LOCKED, so two workers never lock
// the same row) and hands them to agenda one by one from a small local buffer.
import type { JobParameters, JobRepository } from "agenda";
import type pg from "pg";

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
