// The support digest of one day: what the marketplace's chats did, read from the database, and its text
// in the staff's language.
import { addDays, zonedToUtc } from "../../core/clock.ts";
import { formatLocalDate } from "../../core/format.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { t, type Lang } from "../../locales/i18n.ts";

/** The figures of one day. */
export interface DigestFigures {
  /** YYYY-MM-DD in the marketplace time zone. */
  day: string;
  bookings: { channel: string; count: number }[];
  cancellations: number;
  /** Waiting-list offers made that day, and offers taken (booked) that day, whenever they were made. */
  waitlist: { offered: number; taken: number };
  tickets: { opened: number; answered: number; medianFirstResponseSec: number | null };
  /** The ten most frequent masked texts the bot did not understand. */
  unmatched: { text: string; count: number }[];
}

/** Reads the figures of `day` (a day in `tz`). */
export async function digestFigures(prisma: PrismaClient, day: string, tz: string): Promise<DigestFigures> {
  const from = zonedToUtc(day, "00:00", tz);
  const to = zonedToUtc(addDays(day, 1), "00:00", tz);
  const [bookings, cancellations, waitlist, tickets, unmatched] = await Promise.all([
    // New bookings made that day (a hold released unpaid never became one).
    prisma.$queryRaw<{ channel: string; count: number }[]>`
      SELECT channel, count(*)::int AS count FROM "Booking"
       WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND status <> 'released'
       GROUP BY channel ORDER BY count DESC, channel`,
    prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM "Booking" WHERE "cancelledAt" >= ${from} AND "cancelledAt" < ${to}`,
    // An offer is taken when the customer's yes books the held place: the booking's own time says when.
    prisma.$queryRaw<{ offered: number; taken: number }[]>`
      SELECT (SELECT count(*)::int FROM "WaitlistOffer" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}) AS offered,
             (SELECT count(*)::int FROM "WaitlistOffer" o JOIN "Booking" b ON b.id = o."bookingId"
               WHERE o.status = 'accepted' AND b."createdAt" >= ${from} AND b."createdAt" < ${to}) AS taken`,
    // Tickets opened that day; answered = a staff member wrote in them (by the time of the digest).
    prisma.$queryRaw<{ opened: number; answered: number; median: number | null }[]>`
      SELECT count(*)::int AS opened, count(f.first)::int AS answered,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (f.first - t."createdAt"))) AS median
        FROM "Ticket" t
        LEFT JOIN LATERAL (SELECT min(m."createdAt") AS first FROM "TicketMessage" m WHERE m."ticketId" = t.id AND m.author = 'staff') f ON true
       WHERE t."createdAt" >= ${from} AND t."createdAt" < ${to}`,
    prisma.$queryRaw<{ text: string; count: number }[]>`
      SELECT text, count FROM "UnmatchedMessage" WHERE day = ${day} ORDER BY count DESC, text LIMIT 10`,
  ]);
  const tk = tickets[0];
  return {
    day,
    bookings: bookings.map((b) => ({ channel: b.channel, count: Number(b.count) })),
    cancellations: Number(cancellations[0]?.count ?? 0),
    waitlist: { offered: Number(waitlist[0]?.offered ?? 0), taken: Number(waitlist[0]?.taken ?? 0) },
    tickets: { opened: Number(tk?.opened ?? 0), answered: Number(tk?.answered ?? 0), medianFirstResponseSec: tk?.median == null ? null : Number(tk.median) },
    unmatched: unmatched.map((u) => ({ text: u.text, count: Number(u.count) })),
  };
}

function duration(lang: Lang, seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t(lang, "ops:digest.minutes", { minutes });
  return t(lang, "ops:digest.hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The digest as plain text (Slack shows it as is; email sends it as the body). */
export function digestText(lang: Lang, f: DigestFigures): { subject: string; text: string } {
  const date = formatLocalDate(lang, f.day);
  const total = f.bookings.reduce((n, b) => n + b.count, 0);
  const lines = [t(lang, "ops:digest.title", { day: date }), ""];
  lines.push(total ? t(lang, "ops:digest.bookings", { count: total }) : t(lang, "ops:digest.bookingsNone"));
  for (const b of f.bookings) lines.push(`• ${t(lang, "ops:digest.byChannel", { channel: t(lang, `ops:channels.${b.channel}`, { defaultValue: b.channel }), count: b.count })}`);
  lines.push(t(lang, "ops:digest.cancellations", { count: f.cancellations }));
  lines.push(t(lang, "ops:digest.waitlist", { offered: f.waitlist.offered, taken: f.waitlist.taken }));
  lines.push(t(lang, "ops:digest.tickets", { opened: f.tickets.opened, answered: f.tickets.answered }));
  lines.push(f.tickets.medianFirstResponseSec === null ? t(lang, "ops:digest.firstResponseNone") : t(lang, "ops:digest.firstResponse", { time: duration(lang, f.tickets.medianFirstResponseSec) }));
  lines.push("");
  if (!f.unmatched.length) lines.push(t(lang, "ops:digest.unmatchedNone"));
  else {
    lines.push(t(lang, "ops:digest.unmatchedTitle"));
    f.unmatched.forEach((u, i) => lines.push(`${i + 1}. ${t(lang, "ops:digest.unmatchedLine", { count: u.count, text: u.text })}`));
  }
  return { subject: t(lang, "ops:digest.subject", { day: date }), text: lines.join("\n") };
}
