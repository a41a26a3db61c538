import type { Sql, Statement } from "../db/sql.ts";
import type { AvailabilityPort } from "./port.ts";
import { zonedParts } from "../clock.ts";
import { freeDays, freeSlots, nearestSlots } from "./slots.ts";
import type { AvailabilityInput, Busy, OpeningHours, Slot } from "./types.ts";

/** Booking statuses that hold a place. */
export const HOLDING_STATUSES = ["confirmed", "pending_payment"];

const AVAILABILITY = `
  SELECT s."durationMin", b."timeZone", b."openingHours", b."closedDates", b."slotStepMin", b.capacity, b."minNoticeMin", b."horizonDays",
         (SELECT coalesce(json_agg(json_build_array(x.s, x.e)), '[]'::json) FROM (
            SELECT extract(epoch FROM k.start) * 1000 AS s, extract(epoch FROM k."end") * 1000 AS e
              FROM "Booking" k
             WHERE k."businessId" = b.id AND k.status = ANY($3::text[])
               AND k."end" > to_timestamp($2::float8 / 1000) AND k.start < to_timestamp($2::float8 / 1000) + make_interval(days => b."horizonDays" + 2)
            UNION ALL
            SELECT extract(epoch FROM o.start) * 1000, extract(epoch FROM o."end") * 1000
              FROM "WaitlistOffer" o
             WHERE o."businessId" = b.id AND o.status = 'open' AND o."heldUntil" > to_timestamp($2::float8 / 1000)
               AND o."end" > to_timestamp($2::float8 / 1000) AND o.start < to_timestamp($2::float8 / 1000) + make_interval(days => b."horizonDays" + 2)
               AND ($4::text IS NULL OR o.id <> $4::text)
         ) AS x) AS busy
    FROM "Service" s JOIN "Business" b ON b.id = s."businessId"
   WHERE s.id = $1`;

/** The same with the service and business rows (the booking's read: its reply shows both). */
const AVAILABILITY_WITH_ROWS = AVAILABILITY.replace("SELECT ", `SELECT row_to_json(s) AS "serviceRow", row_to_json(b) AS "businessRow", `);

interface AvailabilityRow {
  serviceRow?: Record<string, unknown> | string;
  businessRow?: Record<string, unknown> | string;
  durationMin: number;
  timeZone: string;
  openingHours: unknown;
  closedDates: string[];
  slotStepMin: number;
  capacity: number;
  minNoticeMin: number;
  horizonDays: number;
  busy: [number | string, number | string][] | string;
}

/** A service, its business (the database rows, as JSON) and the slot-maths input, from one statement. */
export interface AvailabilityRead {
  input: AvailabilityInput;
  service: Record<string, unknown>;
  business: Record<string, unknown>;
}

/**
 * The statement that reads a service, its business and what slot maths needs: the bookings in the horizon,
 * and places held for a waiting customer (an open waitlist offer) as busy too, except the hold
 * `exceptHold` (the one being accepted). Sent inside the booking's transaction, after the statement that
 * locks the business row, so that the answer holds until it commits (see core/bookings/service.ts).
 */
export function availabilityStatement(serviceId: string, now: Date, opts: { exceptHold?: string } = {}): Statement {
  return { name: "availability_rows", text: AVAILABILITY_WITH_ROWS, values: params(serviceId, now, opts.exceptHold) };
}

/** The service, its business and the slot-maths input, from {@link availabilityStatement}'s rows; null: no such service. */
export function availabilityFromRows(rows: readonly unknown[], now: Date): AvailabilityRead | null {
  const r = rows[0] as AvailabilityRow | undefined;
  return r ? { service: json(r.serviceRow!), business: json(r.businessRow!), input: toInput(r, now) } : null;
}

/** The slot-maths input for a service (as {@link availabilityFromRows}, without the rows). */
export async function availabilityInput(db: Sql, serviceId: string, now: Date, opts: { exceptHold?: string } = {}): Promise<AvailabilityInput | null> {
  const r = await readRow(db, "availability_input", AVAILABILITY, serviceId, now, opts.exceptHold);
  return r && toInput(r, now);
}

async function readRow(db: Sql, name: string, text: string, serviceId: string, now: Date, exceptHold?: string): Promise<AvailabilityRow | null> {
  const rows = await db.query<AvailabilityRow>(name, text, params(serviceId, now, exceptHold));
  return rows[0] ?? null;
}

const params = (serviceId: string, now: Date, exceptHold?: string) => [serviceId, now.getTime(), HOLDING_STATUSES, exceptHold ?? null];

/** A JSON column: parsed by pg already, or text (some drivers). */
const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

function toInput(r: AvailabilityRow, now: Date): AvailabilityInput {
  const busy: Busy[] = json(r.busy).map(([s, e]) => ({ start: new Date(Math.round(Number(s))), end: new Date(Math.round(Number(e))) }));
  return {
    now,
    timeZone: r.timeZone,
    openingHours: r.openingHours as OpeningHours,
    closedDates: r.closedDates ?? [],
    durationMin: Number(r.durationMin),
    slotStepMin: Number(r.slotStepMin),
    capacity: Number(r.capacity),
    minNoticeMin: Number(r.minNoticeMin),
    horizonDays: Number(r.horizonDays),
    busy,
  };
}

/** Free days and slots read from the database. */
export class AvailabilityService implements AvailabilityPort {
  constructor(private readonly sql: Sql) {}

  async days(serviceId: string, now: Date, max: number) {
    const input = await availabilityInput(this.sql, serviceId, now);
    return input ? freeDays(input, max) : [];
  }

  async slots(serviceId: string, date: string, now: Date): Promise<Slot[]> {
    const input = await availabilityInput(this.sql, serviceId, now);
    return input && /^\d{4}-\d{2}-\d{2}$/.test(date) ? freeSlots(input, date) : [];
  }

  async nearest(serviceId: string, target: Date, now: Date, n: number): Promise<Slot[]> {
    const input = await availabilityInput(this.sql, serviceId, now);
    return input ? nearestSlots(input, target, n) : [];
  }
}

/** True when `start` is one of the free slots of its local day. */
export function isFree(input: AvailabilityInput, start: Date): boolean {
  const date = zonedParts(start, input.timeZone).date;
  return freeSlots(input, date).some((s) => s.start.getTime() === start.getTime());
}

/** Whether a time is too close to book now: it starts within the business's notice (or has started). */
export function tooSoon(input: AvailabilityInput, start: Date): boolean {
  return start.getTime() < input.now.getTime() + input.minNoticeMin * 60_000;
}
