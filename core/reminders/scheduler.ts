import { Agenda, exponential, type AgendaBackend, type Job } from "agenda";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
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
  /** Jobs run at the same time per worker. */
  concurrency?: number;
}

type JobData = { bookingId: string; kind: ReminderKind };

/**
 * Schedules and runs booking reminders with agenda on a durable backend (PostgreSQL: the app's own
 * database; MongoDB when configured). Two jobs per booking (24 h and 2 h before, past ones skipped),
 * unique per booking and kind; moving a booking moves them, cancelling removes them.
 */
export class ReminderScheduler {
  readonly agenda: Agenda;
  private started = false;

  constructor(private readonly opts: SchedulerOptions) {
    this.agenda = new Agenda({
      backend: opts.backend,
      name: opts.name,
      processEvery: opts.pollMs,
      defaultLockLifetime: opts.lockLifetimeMs,
      defaultConcurrency: opts.concurrency ?? 20,
      maxConcurrency: (opts.concurrency ?? 20) * 2,
      defaultLockLimit: 0,
      lockLimit: 0,
      removeOnComplete: true,
    });
    this.agenda.on("error", (err) => opts.log.error({ err }, "reminder scheduler error"));
    this.agenda.on("retry exhausted", (err, job) => {
      const data = job.attrs.data as JobData;
      opts.log.error({ err, booking: data?.bookingId, kind: data?.kind }, "reminder gave up after retries");
    });
    this.agenda.define<JobData>(REMINDER_JOB, (job) => this.runJob(job), {
      backoff: exponential({ delay: opts.retryDelayMs, factor: 2, maxRetries: Math.max(0, opts.maxAttempts - 1) }),
    });
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

  /** Connects; with `work` the process also runs due reminders (a worker). */
  async start(work = true): Promise<void> {
    await this.agenda.ready;
    if (work) await this.agenda.start();
    this.started = work;
  }

  /** Stops running jobs (unlocking those not started) and disconnects. */
  async stop(): Promise<void> {
    await this.agenda.stop();
    this.started = false;
  }

  get running(): boolean {
    return this.started;
  }

  /** Schedules (or re-schedules) a booking's reminders; past ones are skipped. */
  async schedule(bookingId: string): Promise<number> {
    const { prisma, clock } = this.opts;
    const b = await prisma.booking.findUnique({ where: { id: bookingId }, select: { start: true, status: true } });
    if (!b || !HOLDING_STATUSES.includes(b.status)) return 0;
    const now = clock();
    let n = 0;
    for (const kind of Object.keys(REMINDER_KINDS) as ReminderKind[]) {
      const due = ReminderDispatcher.dueAt(b.start, kind);
      // Past reminders are skipped (a booking made 5 h ahead gets only the 2 h one).
      if (due <= now) continue;
      await this.opts.dispatcher.ensureRows(bookingId, kind);
      await this.agenda
        .create<JobData>(REMINDER_JOB, { bookingId, kind })
        .unique({ "data.bookingId": bookingId, "data.kind": kind })
        .schedule(this.realAt(due))
        .save();
      n++;
    }
    return n;
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
