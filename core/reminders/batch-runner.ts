// Runs agenda jobs of one name in batches, straight on agenda's PostgreSQL table. Agenda's own
// processor runs jobs one at a time: a lock, two state saves and a removal per job, and the handler's
// own reads and writes per job. With thousands of reminders due at once that is several round trips
// per reminder. Here a worker locks up to `batch` due jobs in one statement (FOR UPDATE SKIP LOCKED,
// so two workers never lock the same row), runs them together (the handler reads, claims and marks
// the whole batch at once) and writes every outcome back in one statement (during a burst, the same
// statement as its next lock). The table, its columns and their meaning stay agenda's: agenda still
// creates, moves, cancels and lists the jobs.
import type { BackoffStrategy } from "agenda";
import type pg from "pg";
import { preparesPerConnection, sqlOnPool, type Sql } from "../db/sql.ts";

/** A job locked by this worker. */
export interface LockedJob<D> {
  id: string;
  data: D;
  /** Failed runs so far. */
  failCount: number;
  /** When it is due (real time). */
  nextRunAt: Date;
}

/** What became of one job: finished (removed), to run again at `at`, or failed (retried by the backoff). */
export type JobOutcome = { kind: "done" } | { kind: "later"; at: Date } | { kind: "failed"; error: Error };

/** Options for {@link JobBatchRunner}. */
export interface BatchRunnerOptions<D> {
  pool: pg.Pool;
  table?: string;
  jobName: string;
  /** This worker's name in last_modified_by. */
  workerName?: string;
  /** Jobs locked and run together. */
  batch: number;
  /** Batches run at the same time (one locks and writes while another sends). */
  lanes?: number;
  /** How often an idle lane looks for due jobs; jobs due within this are locked ahead and run on time (ms). */
  pollMs: number;
  /** A job locked by a worker that died is taken over after this long (ms). */
  lockLifetimeMs: number;
  /** Delay before the retry of a failed job; null: no more tries (the job stays, failed). */
  backoff: BackoffStrategy;
  run(jobs: LockedJob<D>[]): Promise<JobOutcome[]>;
  onError(err: Error): void;
  /** A job failed for the last time. */
  onExhausted(err: Error, data: D): void;
}

type Row = { id: string; data: unknown; fail_count: number | null; next_run_at: Date | null };
/** A batch that was run, with its outcomes (in the order of its jobs). */
type Finished<D> = { jobs: LockedJob<D>[]; outcomes: JobOutcome[]; startedAt: Date };

/** Locks, runs and finishes due jobs of one name in batches (see the file's head). */
export class JobBatchRunner<D> {
  private running = false;
  private lanes: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** Jobs being run now. */
  inFlight = 0;

  constructor(private readonly o: BatchRunnerOptions<D>) {}

  /** The runner's statements on its pool, prepared by name where the server allows (asked once). */
  private sql?: Promise<Sql>;

  /** Runs one of the runner's statements and returns its rows. */
  private async query<R>(name: string, text: string, values: unknown[]): Promise<R[]> {
    this.sql ??= preparesPerConnection(this.o.pool).then(
      (named) => sqlOnPool(this.o.pool, named),
      (err: Error) => {
        this.sql = undefined; // asked again next time
        throw err;
      },
    );
    return (await this.sql).query<R>(`${this.o.table ?? "agenda_jobs"}:${name}`, text, values);
  }

  private get table(): string {
    return `"${this.o.table ?? "agenda_jobs"}"`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: Math.max(1, this.o.lanes ?? 2) }, () => this.lane());
  }

  /**
   * Stops taking jobs: lanes waiting for their locked jobs' time unlock them at once (another worker
   * takes them); batches being run finish, waited for up to `graceMs`.
   */
  async stop(graceMs: number): Promise<void> {
    this.running = false;
    for (const wake of this.sleepers) wake();
    await Promise.race([Promise.all(this.lanes), new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  private sleep(ms: number): Promise<void> {
    // Stopping wakes the sleepers of the moment; a lane that goes to sleep after that must not sleep at all
    // (it would hold jobs it locked ahead of their time until the stop's grace ran out).
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }

  private async lane(): Promise<void> {
    // The outcomes of a batch are written while the next batch is run; when the lane locks again right
    // after a batch, they go in with that lock (one statement instead of two).
    let finishing: Promise<void> = Promise.resolve();
    let carried: Finished<D> | undefined;
    while (this.running) {
      const lockedAt = Date.now();
      let jobs: LockedJob<D>[];
      const last = carried;
      carried = undefined;
      try {
        jobs = await this.lock(new Date(lockedAt), last);
      } catch (err) {
        this.o.onError(err as Error);
        // Outcomes not written: the locks expire and the jobs run again; their claims keep what was done
        // from being done twice.
        await this.sleep(this.o.pollMs);
        continue;
      } finally {
        if (last) this.inFlight -= last.jobs.length;
      }
      const full = jobs.length >= this.o.batch;
      while (jobs.length) {
        const wait = jobs[0]!.nextRunAt.getTime() - Date.now();
        if (wait > 0) await this.sleep(wait);
        if (!this.running) {
          await this.unlock(jobs).catch((err: Error) => this.o.onError(err));
          break;
        }
        const now = Date.now();
        const due = jobs.filter((j) => j.nextRunAt.getTime() <= now);
        jobs = jobs.filter((j) => j.nextRunAt.getTime() > now);
        await finishing;
        const finished = await this.runBatch(due);
        // A full batch's last run: the lane locks again at once, with these outcomes.
        if (full && !jobs.length && this.running) carried = finished;
        else finishing = this.write(finished);
      }
      // A full batch: more may be due right now. Otherwise everything due before the next poll was locked.
      if (!full && this.running) await this.sleep(lockedAt + this.o.pollMs - Date.now());
    }
    const last = carried;
    await finishing;
    if (last) await this.write(last);
  }

  /**
   * Locks up to `batch` jobs due before the next poll (or whose lock expired), soonest first; with
   * `finished`, that batch's outcomes are written in the same statement (its jobs are not locked again).
   */
  private async lock(now: Date, finished?: Finished<D>): Promise<LockedJob<D>[]> {
    const out = finished && { ...this.outcomes(finished, 7), ids: finished.jobs.map((j) => j.id) };
    const rows = await this.query<Row>(out ? "lock_after" : "lock",
      `${out ? `WITH ${out.cte}` : ""}
       UPDATE ${this.table} SET locked_at = $1, last_modified_by = $5
       WHERE id IN (
         SELECT id FROM ${this.table}
         WHERE name = $2 AND disabled = FALSE
           AND ((locked_at IS NULL AND next_run_at <= $3) OR locked_at <= $4)
           ${out ? `AND NOT (id = ANY($${7 + out.values.length}::uuid[]))` : ""}
         ORDER BY next_run_at ASC NULLS LAST, priority DESC
         LIMIT $6
         FOR UPDATE SKIP LOCKED
       )
       RETURNING id, data, fail_count, next_run_at`,
      [now, this.o.jobName, new Date(now.getTime() + this.o.pollMs), new Date(now.getTime() - this.o.lockLifetimeMs), this.o.workerName ?? null, this.o.batch,
        ...(out ? [...out.values, out.ids] : [])],
    );
    return rows
      .map((r) => ({ id: String(r.id), data: r.data as D, failCount: r.fail_count ?? 0, nextRunAt: r.next_run_at ? new Date(r.next_run_at) : now }))
      .sort((a, b) => a.nextRunAt.getTime() - b.nextRunAt.getTime());
  }

  private async unlock(jobs: LockedJob<D>[]): Promise<void> {
    if (jobs.length) await this.o.pool.query(`UPDATE ${this.table} SET locked_at = NULL WHERE id = ANY($1::uuid[])`, [jobs.map((j) => j.id)]);
  }

  /** Runs a batch; resolves, once its sends are done, with its outcomes (to be written). */
  private async runBatch(jobs: LockedJob<D>[]): Promise<Finished<D>> {
    this.inFlight += jobs.length;
    const startedAt = new Date();
    let outcomes: JobOutcome[];
    try {
      outcomes = await this.o.run(jobs);
    } catch (err) {
      outcomes = jobs.map(() => ({ kind: "failed", error: err as Error }));
    }
    return { jobs, outcomes, startedAt };
  }

  /** Writes a batch's outcomes on their own; never rejects. */
  private write(finished: Finished<D>): Promise<void> {
    // Not written (the database went away): the locks expire and the jobs run again; their claims keep
    // what was already done from being done twice.
    const out = this.outcomes(finished, 1);
    return this.query("outcomes", `WITH ${out.cte} SELECT 1`, out.values)
      .then(() => {}, (err: Error) => this.o.onError(err))
      .finally(() => {
        this.inFlight -= finished.jobs.length;
      });
  }

  /**
   * A batch's outcomes as statement parts, with parameters from `$first`: `cte` removes finished jobs and
   * unlocks the others with their next run, as agenda's processor would.
   */
  private outcomes({ jobs, outcomes, startedAt }: Finished<D>, first: number): { cte: string; values: unknown[] } {
    const now = new Date();
    const done: string[] = [];
    const again: { id: string; next: Date | null; failCount: number; reason: string | null; failedAt: Date | null }[] = [];
    jobs.forEach((job, i) => {
      const out = outcomes[i] ?? { kind: "done" };
      if (out.kind === "done") done.push(job.id);
      else if (out.kind === "later") again.push({ id: job.id, next: out.at, failCount: job.failCount, reason: null, failedAt: null });
      else {
        const failCount = job.failCount + 1;
        const delay = this.o.backoff({ attempt: failCount, error: out.error, jobName: this.o.jobName, jobData: job.data });
        if (delay === null) this.o.onExhausted(out.error, job.data);
        again.push({ id: job.id, next: delay === null ? null : new Date(now.getTime() + delay), failCount, reason: out.error.message, failedAt: now });
      }
    });
    const $ = (k: number) => `$${first + k}`;
    return {
      cte: `gone AS (DELETE FROM ${this.table} WHERE id = ANY(${$(0)}::uuid[])),
       again AS (
         UPDATE ${this.table} AS j SET locked_at = NULL, next_run_at = v.next_run_at, last_run_at = ${$(6)}, last_finished_at = ${$(7)},
           fail_count = v.fail_count, fail_reason = coalesce(v.fail_reason, j.fail_reason), failed_at = coalesce(v.failed_at, j.failed_at),
           last_modified_by = ${$(8)}
         FROM unnest(${$(1)}::uuid[], ${$(2)}::timestamptz[], ${$(3)}::int[], ${$(4)}::text[], ${$(5)}::timestamptz[]) AS v(id, next_run_at, fail_count, fail_reason, failed_at)
         WHERE j.id = v.id
       )`,
      values: [done, again.map((a) => a.id), again.map((a) => a.next), again.map((a) => a.failCount), again.map((a) => a.reason), again.map((a) => a.failedAt),
        startedAt, now, this.o.workerName ?? null],
    };
  }
}
