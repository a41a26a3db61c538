import { Agenda, exponential, InMemoryNotificationChannel, type AgendaBackend, type Job } from "agenda";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import { STALE_NOTICE_MS, type OfferNotices } from "./notice.ts";
import type { WaitlistOffers } from "./offers.ts";

/** Agenda job names: look for freed places of a business, end a hold, and the periodic safety sweep. */
export const SCAN_JOB = "waitlist-scan";
export const HOLD_JOB = "waitlist-hold-end";
export const SWEEP_JOB = "waitlist-sweep";

/** How long a sweep's lock holds without being touched: one interval, from 5 s to a minute. */
export const sweepLockMs = (sweepMs: number) => Math.min(Math.max(sweepMs, 5_000), 60_000);

/** Options for {@link WaitlistScheduler}. */
export interface WaitlistSchedulerOptions {
  offers: WaitlistOffers;
  notices: OfferNotices;
  backend: AgendaBackend;
  log: Logger;
  clock: Clock;
  name?: string;
  /** How often this worker looks for due jobs (ms) (jobs saved by this process start at once). */
  pollMs: number;
  /** How often the sweep runs (ms). */
  sweepMs: number;
  lockLifetimeMs?: number;
  concurrency?: number;
}

/**
 * The waiting list's background work on agenda (the reminders' job store). A freed place saves a scan job
 * for its business; a scan makes offers (database claims under the business lock, see WaitlistOffers),
 * saves a hold-end job per offer and sends each offer's message once. The sweep, every `sweepMs`, ends
 * overdue holds, sends messages a stopped process left, and looks at every business with someone
 * waiting, so a lost job or a restart never loses an offer. At night scans wait for 08:00.
 */
export class WaitlistScheduler {
  private made?: Agenda;
  private started = false;

  constructor(private readonly o: WaitlistSchedulerOptions) {}

  /** Agenda, made at start: its job table is then created after any other scheduler's on the same database. */
  get agenda(): Agenda {
    if (!this.made) throw new Error("waiting list scheduler not started");
    return this.made;
  }

  private build(): Agenda {
    const { o } = this;
    const concurrency = o.concurrency ?? 10;
    const agenda = new Agenda({
      backend: o.backend,
      name: o.name,
      processEvery: o.pollMs,
      defaultLockLifetime: o.lockLifetimeMs ?? 120_000,
      defaultConcurrency: concurrency,
      maxConcurrency: concurrency * 2,
      removeOnComplete: true,
      // Jobs saved by this process are started at once, not at the next poll.
      notificationChannel: new InMemoryNotificationChannel(),
    });
    agenda.on("error", (err) => o.log.error({ err }, "waiting list scheduler error"));
    // A failed look (the database busy or gone) is tried again; the sweep is the last resort.
    const backoff = exponential({ delay: 500, factor: 2, maxRetries: 4 });
    agenda.define<{ businessId: string }>(SCAN_JOB, (job) => this.runScan(job.attrs.data.businessId).then(() => undefined), { concurrency, backoff });
    agenda.define<{ offerId: string }>(HOLD_JOB, (job: Job<{ offerId: string }>) => this.endHold(job.attrs.data.offerId), { concurrency, backoff });
    // The sweep's lock is short, so a worker killed during a sweep holds up the next sweep on another worker
    // for one interval, not for the default lock's two minutes; a long sweep keeps its lock by touching it.
    const lockLifetime = sweepLockMs(o.sweepMs);
    agenda.define(SWEEP_JOB, (job) => {
      // Touched once half its lock has gone by (a write each time), not at every step.
      let touched = Date.now();
      const alive = async () => {
        if (Date.now() - touched < lockLifetime / 2) return;
        touched = Date.now();
        await job.touch();
      };
      return this.sweep(alive).then(() => undefined);
    }, { concurrency: 1, lockLifetime });
    return agenda;
  }

  /** The real time at which agenda should run something due at `due` on the app's clock. */
  private realAt(due: Date): Date {
    return new Date(Date.now() + (due.getTime() - this.o.clock().getTime()));
  }

  /** A place of this business may have freed: look for the next in line (in a job, on any worker). */
  async freed(businessId: string): Promise<void> {
    await this.agenda.now(SCAN_JOB, { businessId });
  }

  /** Scans of a business running in this process; a trigger meanwhile asks for one more round after it. */
  private readonly scanning = new Map<string, { again: boolean; done: Promise<number> }>();

  /**
   * Looks at one business now: offers, their hold-end jobs, their messages. Returns the offers made.
   * Many places of one business freed at once need one look, not one each: a look asked for while one
   * runs in this process joins it, and makes it look once more when it ends (the new place may have
   * freed after it read).
   */
  runScan(businessId: string): Promise<number> {
    const running = this.scanning.get(businessId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve(0) };
    state.done = (async () => {
      let n = 0;
      try {
        do {
          state.again = false;
          n += await this.scanOnce(businessId);
        } while (state.again);
      } finally {
        this.scanning.delete(businessId);
      }
      return n;
    })();
    this.scanning.set(businessId, state);
    return state.done;
  }

  private async scanOnce(businessId: string): Promise<number> {
    const { offers, notices, clock } = this.o;
    const r = await offers.scan(businessId, clock());
    if (r.morning) {
      await this.agenda.create(SCAN_JOB, { businessId, morning: true })
        .unique({ name: SCAN_JOB, "data.businessId": businessId, "data.morning": true })
        .schedule(this.realAt(r.morning))
        .save();
      return 0;
    }
    for (const o of r.offered) {
      await this.agenda.create(HOLD_JOB, { offerId: o.id }).unique({ name: HOLD_JOB, "data.offerId": o.id }).schedule(this.realAt(o.heldUntil)).save();
    }
    const results = await Promise.all(r.offered.map((o) => notices.send(o.id, clock())));
    if (results.includes("failed")) await this.freed(businessId);
    return r.offered.length;
  }

  /** A hold's time is over: the place goes to the next in line (nothing when it was answered). */
  async endHold(offerId: string): Promise<void> {
    const ended = await this.o.offers.expire(offerId, this.o.clock());
    if (ended) await this.runScan(ended.businessId);
  }

  /**
   * The safety round: overdue holds, unsent messages, every business with someone waiting. `alive` is
   * called between its steps (the job keeps its lock with it).
   */
  async sweep(alive: () => Promise<unknown> = async () => undefined): Promise<{ expired: number; resent: number; offered: number }> {
    const { offers, notices, clock } = this.o;
    let expired = 0, resent = 0, offered = 0;
    for (const id of await offers.overdue(clock())) {
      if (await offers.expire(id, clock())) expired++;
    }
    await alive();
    for (const id of await offers.unsent(clock(), STALE_NOTICE_MS)) {
      if ((await notices.send(id, clock())) === "sent") resent++;
    }
    await alive();
    if (!offers.quietUntil(clock())) {
      for (const businessId of await offers.waitingBusinesses()) {
        offered += await this.runScan(businessId);
        await alive();
      }
    }
    return { expired, resent, offered };
  }

  /** Connects; with `work` this process also runs the jobs (and the sweep). */
  async start(work = true): Promise<void> {
    this.made ??= this.build();
    await this.agenda.ready;
    if (!work) return;
    await this.agenda.every(this.o.sweepMs, SWEEP_JOB, undefined, { skipImmediate: true });
    await this.agenda.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    const started = this.started;
    this.started = false;
    if (!this.made) return this.o.backend.disconnect();
    await this.agenda.stop();
    if (!started || this.o.backend.ownsConnection === false) await this.o.backend.disconnect();
  }
}
