// The booking outbox: what must follow a committed booking (its reminders, the confirmation email, the
// end of a wait for that day) is written as an Outbox row in the booking's own transaction, so it cannot
// be lost, and done off the customer's turn. The instance that booked starts on it right after the
// commit; a sweep on every instance picks up rows left behind (an instance stopped or crashed between
// the commit and the work). A row is claimed for a while before its work runs, so two instances do not
// run it at once; work that crashed half-way runs again after the claim ends, which is why the work is
// idempotent (unique reminder jobs, a wait that is already "booked" stays so).
import type { Sql } from "../db/sql.ts";
import type { Logger } from "../log.ts";
import type { BookingInfo, BookRequest } from "./port.ts";

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
  id: string;
  kind: string;
  bookingId: string;
  req: BookRequest;
  /** The booking with its business and service rows as JSON (read by the claim); null once erased. */
  booking: ClaimedBooking | null;
}

/** A claimed row's booking: its columns, with its business and service rows as JSON. */
export type ClaimedBooking = Omit<BookingInfo, "business" | "service"> & {
  business: Record<string, unknown>;
  service: Record<string, unknown>;
};

/**
 * Claims up to $3 rows nobody works on for $1 (an interval), counting the try ($2: the tries allowed), and
 * reads each row's booking with its business and service in the same statement.
 */
const CLAIM = `
  WITH claimed AS (
    UPDATE "Outbox" SET "claimedUntil" = now() + $1::interval, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM "Outbox"
        WHERE ("claimedUntil" IS NULL OR "claimedUntil" < now()) AND attempts < $2
        ORDER BY id LIMIT $3
        FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, "bookingId", payload, attempts
  )
  SELECT c.id::text AS id, c.kind, c."bookingId", c.payload, c.attempts,
         b.id AS "foundId", b.ref, b.start, b."end", b.status, b."priceLek",
         row_to_json(biz) AS business, row_to_json(s) AS service
    FROM claimed c
    LEFT JOIN "Booking" b ON b.id = c."bookingId"
    LEFT JOIN "Business" biz ON biz.id = b."businessId"
    LEFT JOIN "Service" s ON s.id = b."serviceId"
   ORDER BY c.id`;

/** Rows whose work is done go (they hold the request's contact details, kept no longer than needed). */
const DONE = `DELETE FROM "Outbox" WHERE id = ANY($1::bigint[])`;

interface ClaimRow {
  id: string; kind: string; bookingId: string; payload: unknown; attempts: number;
  foundId: string | null; ref: string; start: Date; end: Date; status: string; priceLek: number;
  business: Record<string, unknown> | string; service: Record<string, unknown> | string;
}

const json = (v: Record<string, unknown> | string) => (typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : v);

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
    private readonly sql: Sql,
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

  /** Claims and runs batches until none is left (a batch that was not full was the last). */
  private async drain(): Promise<void> {
    for (;;) {
      const items = await this.claim();
      const done: string[] = [];
      for (const item of items) {
        try {
          await this.work(item);
          done.push(item.id);
        } catch (err) {
          this.log.error({ err, booking: item.bookingId, kind: item.kind }, "outbox: the work after a booking failed; it is tried again later");
        }
      }
      if (done.length) await this.sql.query("outbox_done", DONE, [done]);
      if (items.length < BATCH) return;
    }
  }

  private async claim(): Promise<OutboxItem[]> {
    const rows = await this.sql.query<ClaimRow>("outbox_claim", CLAIM, [`${CLAIM_MS} milliseconds`, MAX_ATTEMPTS, BATCH]);
    for (const r of rows) {
      if (r.attempts === MAX_ATTEMPTS) this.log.error({ booking: r.bookingId, kind: r.kind }, "outbox: last try of the work after a booking");
    }
    return rows.map((r) => ({
      id: r.id, kind: r.kind, bookingId: r.bookingId, req: requestOf(r.payload),
      booking: r.foundId
        ? { id: r.foundId, ref: r.ref, start: new Date(r.start), end: new Date(r.end), status: r.status, priceLek: r.priceLek, business: json(r.business), service: json(r.service) }
        : null,
    }));
  }
}
