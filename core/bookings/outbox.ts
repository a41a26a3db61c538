// The booking outbox: what must follow a committed booking (its reminders, the confirmation email, the
// end of a wait for that day) is written as an Outbox row in the booking's own transaction, so it cannot
// be lost, and done off the customer's turn. The instance that booked starts on it right after the
// commit; a sweep on every instance picks up rows left behind (an instance stopped or crashed between
// the commit and the work). A row is claimed for a while before its work runs, so two instances do not
// run it at once; work that crashed half-way runs again after the claim ends, which is why the work is
// idempotent (unique reminder jobs, a wait that is already "booked" stays so).
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Logger } from "../log.ts";
import type { BookRequest } from "./port.ts";

/** How long an instance owns a claimed row before another may take it over. */
const CLAIM_MS = 60_000;
/** Rows claimed per statement. */
const BATCH = 20;
/** How long after a commit the instance that booked starts on its work. */
const KICK_DELAY_MS = 20;
/** Tries before a row is left for a person to look at (logged). */
const MAX_ATTEMPTS = 5;

/** A claimed row: the booking and the request that made it. */
export interface OutboxItem {
  id: bigint;
  kind: string;
  bookingId: string;
  req: BookRequest;
}

/** The request of a row, with its dates back as Dates. */
function requestOf(payload: unknown): BookRequest {
  const p = payload as BookRequest & { start: string; now: string };
  return { ...p, start: new Date(p.start), now: new Date(p.now) };
}

/** Runs outbox rows with `work`: right after a commit ({@link OutboxRunner.kick}) and by a periodic sweep. */
export class OutboxRunner {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private kicking: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly work: (item: OutboxItem) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /**
   * Starts on waiting rows shortly, without waiting for them (after a booking commits): a few
   * milliseconds later, so the customer's turn saves and answers before this work takes the process.
   */
  kick(): void {
    if (this.stopped || this.kicking) return;
    this.kicking = setTimeout(() => {
      this.kicking = undefined;
      this.kickNow();
    }, KICK_DELAY_MS);
  }

  private kickNow(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err) => this.log.error({ err }, "outbox: running the work after a booking failed; the sweep tries again"))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kickNow();
        }
      });
  }

  /** Sweeps every `everyMs` for rows nobody finished; returns the stop, which waits for work in flight. */
  start(everyMs: number): () => Promise<void> {
    this.stopped = false;
    this.kickNow();
    this.timer = setInterval(() => this.kickNow(), everyMs);
    this.timer.unref();
    return async () => {
      clearInterval(this.timer);
      clearTimeout(this.kicking);
      this.kicking = undefined;
      this.stopped = true;
      // Finish what this instance committed before it goes (a sweep elsewhere would, later).
      while (this.running) await this.running;
      await this.drain().catch((err) => this.log.error({ err }, "outbox: finishing the work after bookings at shutdown failed; the sweep tries again"));
    };
  }

  /** Claims and runs batches until none is left. */
  private async drain(): Promise<void> {
    for (;;) {
      const items = await this.claim();
      if (!items.length) return;
      for (const item of items) {
        try {
          await this.work(item);
          // Done: the row goes (it holds the request's contact details, kept no longer than needed).
          await this.prisma.outbox.delete({ where: { id: item.id } });
        } catch (err) {
          this.log.error({ err, booking: item.bookingId, kind: item.kind }, "outbox: the work after a booking failed; it is tried again later");
        }
      }
    }
  }

  private async claim(): Promise<OutboxItem[]> {
    const rows = await this.prisma.$queryRaw<{ id: bigint; kind: string; bookingId: string; payload: unknown; attempts: number }[]>`
      UPDATE "Outbox" SET "claimedUntil" = now() + ${`${CLAIM_MS} milliseconds`}::interval, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM "Outbox"
          WHERE ("claimedUntil" IS NULL OR "claimedUntil" < now()) AND attempts < ${MAX_ATTEMPTS}
          ORDER BY id LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, "bookingId", payload, attempts`;
    for (const r of rows) {
      if (r.attempts === MAX_ATTEMPTS) this.log.error({ booking: r.bookingId, kind: r.kind }, "outbox: last try of the work after a booking");
    }
    return rows.map((r) => ({ id: r.id, kind: r.kind, bookingId: r.bookingId, req: requestOf(r.payload) }));
  }
}
