import type { ChannelAddress } from "../conversation/messages.ts";
import type { Sql } from "../db/sql.ts";
import type { TargetConversation, TargetInput } from "./channels.ts";
import type { ReminderBooking } from "./text.ts";

/** A booking as a reminder needs it at send time: the text's facts and the channel facts, read together. */
export interface ReminderBookingRow extends ReminderBooking, TargetInput {
  id: string;
  status: string;
  /** The customer's language ("sq" | "en"). */
  lang: string;
}

type Flat = {
  id: string; ref: string; start: Date | string; status: string; channel: string; conversationId: string | null;
  bizName: string; bizAddress: string; bizCity: string; bizPhone: string; bizTimeZone: string;
  nameSq: string; nameEn: string;
  customerId: string; phone: string | null; email: string | null; lang: string; notifyChannels: string[] | null; smsOptOut: boolean;
  optOut: string | null;
  conversations: unknown;
};

/** {@link loadReminderBookings} for one booking; null when it is gone. */
export async function loadReminderBooking(sql: Sql, bookingId: string): Promise<ReminderBookingRow | null> {
  const [row] = await sql.query<Flat>("reminder_booking", READ_ONE, [bookingId]);
  return row ? toRow(row) : null;
}

/**
 * Reads bookings with their business, service, customer, the phone's opt-out and the customer's
 * conversations in one round trip (the reminders' send-time check). Bookings that are gone are absent.
 */
export async function loadReminderBookings(sql: Sql, bookingIds: string[]): Promise<Map<string, ReminderBookingRow>> {
  const rows = await sql.query<Flat>("reminder_bookings", READ, [bookingIds]);
  return new Map(rows.map((r) => [r.id, toRow(r)]));
}

/** Bookings with what a reminder's text and channels need (a WHERE on `b` follows). */
const READ_FROM = `
    SELECT b.id, b.ref, b.start, b.status, b.channel, b."conversationId",
           bu.name AS "bizName", bu.address AS "bizAddress", bu.city AS "bizCity", bu.phone AS "bizPhone", bu."timeZone" AS "bizTimeZone",
           s."nameSq", s."nameEn",
           c.id AS "customerId", coalesce(b."contactPhone", c.phone) AS phone, coalesce(b."contactEmail", c.email) AS email, c.lang, c."notifyChannels", c."smsOptOut",
           (SELECT o.channel FROM "OptOut" o WHERE o.phone IN (coalesce(b."contactPhone", c.phone), 'sha256:' || encode(sha256(convert_to(coalesce(b."contactPhone", c.phone), 'UTF8')), 'hex')) ORDER BY o.phone LIMIT 1) AS "optOut",
           (SELECT coalesce(json_agg(json_build_object('id', v.id, 'channel', v.channel, 'address', v.address, 'customerId', v."customerId")
                                     ORDER BY v."updatedAt" DESC), '[]'::json)
              FROM "Conversation" v WHERE v."customerId" = c.id OR v.id = b."conversationId") AS conversations
    FROM "Booking" b
    JOIN "Business" bu ON bu.id = b."businessId"
    JOIN "Service" s ON s.id = b."serviceId"
    JOIN "Customer" c ON c.id = b."customerId"`;

/** {@link READ_FROM} for the bookings $1 (their ids). */
const READ = `${READ_FROM}
    WHERE b.id = ANY($1::text[])`;

/**
 * {@link READ_FROM} for one booking ($1: its id), a statement of its own: PostgreSQL plans `= ANY($1)` for
 * each array it is given (about 0.4 ms a booking), while `= $1` gets a generic plan after a few runs.
 */
const READ_ONE = `${READ_FROM}
    WHERE b.id = $1`;

function toRow(r: Flat): ReminderBookingRow {
  const convs = (typeof r.conversations === "string" ? JSON.parse(r.conversations) : r.conversations) as TargetConversation[] | null;
  return {
    id: r.id,
    ref: r.ref,
    start: new Date(r.start),
    status: r.status,
    lang: r.lang,
    business: { name: r.bizName, address: r.bizAddress, city: r.bizCity, phone: r.bizPhone, timeZone: r.bizTimeZone },
    service: { nameSq: r.nameSq, nameEn: r.nameEn },
    bookingChannel: r.channel,
    conversationId: r.conversationId,
    customer: { id: r.customerId, phone: r.phone, email: r.email, notifyChannels: r.notifyChannels ?? [], smsOptOut: r.smsOptOut },
    optOut: r.optOut,
    conversations: (convs ?? []).map((c) => ({ ...c, address: c.address as ChannelAddress })),
  };
}
