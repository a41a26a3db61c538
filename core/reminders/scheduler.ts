import { Agenda, exponential, InMemoryNotificationChannel, toJobId, type AgendaBackend, type BackoffStrategy, type Job } from "agenda";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import { jobStorePool } from "./backend.ts";
import { JobBatchRunner, type JobOutcome, type LockedJob } from "./batch-runner.ts";
import { ReminderDispatcher } from "./dispatch.ts";
import { REMINDER_KINDS, type ReminderKind } from "./text.ts";

/** The agenda job name; its data is `{ bookingId, kind }` and nothing else. */
export const REMINDER_JOB = "booking-reminder";

/** Options for {@link ReminderScheduler}. */
export interface SchedulerOptions {
  prisma: PrismaClient;
  dispatcher: ReminderDispatcher;
  backend: AgendaBackend;
  log: Logger;
  clock: Clock;
  /** Name of this worker in agenda's lastModifiedBy. */
  name?: string;
  /** How often the worker looks for due jobs (ms). */
  pollMs: number;
  /** A job locked by a worker that died is taken over after this long (ms). */
  lockLifetimeMs: number;
  /** First retry delay (ms); doubles per try. */
  retryDelayMs: number;
  /** Tries in all (the first send plus retries). */
  maxAttempts: number;
  /**
   * Reminders a worker runs at the same time with agenda (MongoDB), default 20. On PostgreSQL the
   * dispatcher bounds the sends in flight instead (its sendConcurrency).
   */
  concurrency?: number;
  /**
   * On PostgreSQL, due reminders locked and run together (default {@link DEFAULT_BATCH}); two batches
   * are in flight, one sending while the other reads and writes. Each batch costs about six statements
   * whatever its size.
   */
  batch?: number;
}

/** Default number of reminder jobs a worker runs at the same time. */
export const DEFAULT_CONCURRENCY = 20;
/** Default number of due reminders a worker locks and runs together on PostgreSQL. */
export const DEFAULT_BATCH = 50;

type JobData = { bookingId: string; kind: ReminderKind };

/**
 * Schedules and runs booking reminders with agenda on a durable backend (PostgreSQL: the app's own
 * database; MongoDB when configured). Two jobs per booking (24 h and 2 h before, past ones skipped),
 * unique per booking and kind; moving a booking moves them, cancelling removes them. On PostgreSQL the
 * due jobs are run in batches ({@link JobBatchRunner}) on agenda's table; on MongoDB by agenda itself.
 */
export class ReminderScheduler {
  readonly agenda: Agenda;
  private started = false;
  /** In-process channel: lets this worker ask its own job processor to lock more jobs right away. */
  private readonly wake = new InMemoryNotificationChannel();
  private refilling = false;
  /** Jobs of this worker running now. */
  private inFlight = 0;
  /** Runs due reminders in batches when the job store is PostgreSQL. */
  private readonly batches?: JobBatchRunner<JobData>;

  constructor(private readonly opts: SchedulerOptions) {
    const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
    const backoff: BackoffStrategy = exponential({ delay: opts.retryDelayMs, factor: 2, maxRetries: Math.max(0, opts.maxAttempts - 1) });
    const pool = jobStorePool(opts.backend);
    if (pool) {
      this.batches = new JobBatchRunner<JobData>({
        pool, jobName: REMINDER_JOB, workerName: opts.name, batch: opts.batch ?? DEFAULT_BATCH, lanes: 2,
        pollMs: opts.pollMs, lockLifetimeMs: opts.lockLifetimeMs, backoff,
        run: (jobs) => this.runBatch(jobs),
        onError: (err) => opts.log.error({ err }, "reminder scheduler error"),
        onExhausted: (err, data) => opts.log.error({ err, booking: data?.bookingId, kind: data?.kind }, "reminder gave up after retries"),
      });
    }
    this.agenda = new Agenda({
      backend: opts.backend,
      name: opts.name,
      processEvery: opts.pollMs,
      defaultLockLifetime: opts.lockLifetimeMs,
      defaultConcurrency: concurrency,
      maxConcurrency: concurrency,
      // Lock only what this worker can start soon (the running jobs and as many waiting), so a burst of
      // due reminders is shared between workers instead of the first one locking them all.
      defaultLockLimit: concurrency * 2,
      lockLimit: concurrency * 2,
      removeOnComplete: true,
      notificationChannel: this.wake,
    });
    this.agenda.on("error", (err) => opts.log.error({ err }, "reminder scheduler error"));
    // Agenda looks for due jobs only every pollMs; during a burst, take more as soon as one finishes.
    this.agenda.on("start", () => this.inFlight++);
    this.agenda.on("complete", () => {
      this.inFlight--;
      this.refill();
    });
    this.agenda.on("retry exhausted", (err, job) => {
      const data = job.attrs.data as JobData;
      opts.log.error({ err, booking: data?.bookingId, kind: data?.kind }, "reminder gave up after retries");
    });
    this.agenda.define<JobData>(REMINDER_JOB, (job) => this.runJob(job), { backoff });
  }

  /** The real time at which agenda should run something due at `due` on the app's clock. */
  private realAt(due: Date): Date {
    return new Date(Date.now() + (due.getTime() - this.opts.clock().getTime()));
  }

  private async runJob(job: Job<JobData>): Promise<void> {
    const { bookingId, kind } = job.attrs.data;
    if (!(kind in REMINDER_KINDS)) return;
    const result = await this.opts.dispatcher.run(bookingId, kind);
    if (result.kind === "early") {
      // The booking moved later and this job was not moved with it: run again when due.
      job.schedule(this.realAt(result.due));
    }
  }

  private async runBatch(jobs: LockedJob<JobData>[]): Promise<JobOutcome[]> {
    const known = jobs.filter((j) => j.data && j.data.kind in REMINDER_KINDS);
    const results = await this.opts.dispatcher.runMany(known.map((j) => ({ bookingId: j.data.bookingId, kind: j.data.kind })));
    const byJob = new Map(known.map((j, i) => [j, results[i]!]));
    return jobs.map((j): JobOutcome => {
      const r = byJob.get(j);
      if (!r) return { kind: "done" };
      if (r instanceof Error) return { kind: "failed", error: r };
      // The booking moved later and this job was not moved with it: run again when due.
      if (r.kind === "early") return { kind: "later", at: this.realAt(r.due) };
      return { kind: "done" };
    });
  }

  private refill(): void {
    if (this.refilling || !this.started) return;
    this.refilling = true;
    const now = new Date();
    this.wake
      .publish({ jobId: toJobId("refill"), jobName: REMINDER_JOB, nextRunAt: now, priority: 0, timestamp: now, source: "refill" })
      .catch((err: Error) => this.opts.log.warn({ err }, "reminder worker could not look for more due jobs"))
      .finally(() => {
        this.refilling = false;
      });
  }

  /** Connects; with `work` the process also runs due reminders (a worker). */
  async start(work = true): Promise<void> {
    await this.agenda.ready;
    if (work && this.batches) this.batches.start();
    else if (work) await this.agenda.start();
    this.started = work;
  }

  /**
   * Stops taking jobs, unlocking at once those locked but not started (another worker takes them), lets
   * the reminders being sent finish their send and sent mark (up to `graceMs`), then disconnects from the
   * job store. A send cut by the grace is taken over when its lock expires; its claim keeps it single.
   */
  async stop(graceMs = 3000): Promise<void> {
    this.started = false;
    if (this.batches) await this.batches.stop(graceMs);
    else {
      await this.agenda.stop(false);
      const until = Date.now() + graceMs;
      while (this.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    }
    await this.opts.backend.disconnect();
  }

  get running(): boolean {
    return this.started;
  }

  /** Schedules (or re-schedules) a booking's reminders; past ones are skipped. */
  async schedule(bookingId: string): Promise<number> {
    // Only a confirmed booking is reminded: an unpaid one (pending_payment) gets its reminders when paid.
    const kinds = await this.opts.dispatcher.plan(bookingId, this.opts.clock());
    for (const { kind, due } of kinds) {
      await this.agenda
        .create<JobData>(REMINDER_JOB, { bookingId, kind })
        .unique({ "data.bookingId": bookingId, "data.kind": kind })
        .schedule(this.realAt(due))
        .save();
    }
    return kinds.length;
  }

  /** Removes a booking's reminder jobs. */
  async cancel(bookingId: string): Promise<number> {
    return this.agenda.cancel({ name: REMINDER_JOB, data: { bookingId } });
  }

  /** Moves a booking's reminders to its new time. */
  async move(bookingId: string): Promise<number> {
    await this.cancel(bookingId);
    return this.schedule(bookingId);
  }

  /** Reminder jobs waiting for a booking: kind -> when (real time). */
  async pending(bookingId: string): Promise<Record<string, Date>> {
    const { jobs } = await this.agenda.queryJobs({ name: REMINDER_JOB, data: { bookingId } });
    const out: Record<string, Date> = {};
    for (const j of jobs as { data?: JobData; nextRunAt?: Date | null }[]) {
      if (j.data && j.nextRunAt) out[j.data.kind] = new Date(j.nextRunAt);
    }
    return out;
  }
}
