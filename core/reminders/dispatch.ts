import { PermanentSendError, refusedByPlatform, type Asking } from "../conversation/notifier.ts";
import type { Reply } from "../conversation/messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { prismaSql, type Sql } from "../db/sql.ts";
import { toLang, type Lang } from "../../locales/i18n.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import type { Clock } from "../clock.ts";
import type { Notifier } from "../conversation/notifier.ts";
import type { Logger } from "../log.ts";
import type { Observer } from "../observer.ts";
import { reminderTargets, type ReminderTarget } from "./channels.ts";
import { ANSWERED_BY_TEXT, ANSWERED_IN_CHAT, reminderQuestion } from "./question.ts";
import { coalesce } from "../db/coalesce.ts";
import { gate, type Gate } from "./gate.ts";
import { loadReminderBooking, loadReminderBookings, type ReminderBookingRow } from "./load.ts";
import { REMINDER_KINDS, reminderReplies, type ReminderKind } from "./text.ts";

/** Dependencies of {@link ReminderDispatcher}. */
export interface DispatchDeps {
  prisma: PrismaClient;
  /** The app's plain SQL for the statements every batch runs (default: through Prisma). */
  sql?: Sql;
  notifier: Notifier;
  log: Logger;
  clock: Clock;
  /** Tries per reminder and channel before it is marked failed. */
  maxAttempts: number;
  /** Calendar link for a booking (chat and email reminders). */
  icsUrl?: (b: { id: string; ref: string; start: Date }) => string;
  /** Told how late each reminder went out. */
  observer?: Observer;
  /** Sends in flight at most, over all batches (default: no bound). */
  sendConcurrency?: number;
}

/** What running a reminder job did. */
export type DispatchResult =
  | { kind: "done"; sent: number; failed: number }
  | { kind: "gone" }
  | { kind: "skipped" }
  /** The booking moved later: run again at `due`. */
  | { kind: "early"; due: Date };

type Claim = { bookingId: string; kind: ReminderKind; channel: string; dueAt: Date; wanted: string[] };
/** A reminder of one channel claimed for its send. */
type Claimed = { b: ReminderBookingRow; kind: ReminderKind; target: ReminderTarget; row: { id: string; attempts: number } };
type SendResult = "sent" | "failed" | "skipped" | Error;

/** A send failed and may be retried (the job's backoff retries it). */
export class RetryableSendError extends Error {}

/** A 'sending' claim older than this was left by a worker that died mid-send and may be taken again. */
const STALE_CLAIM_MS = 120_000;

/** The sent mark of reminders ($1: their ids); a delivery receipt that already arrived ('delivered') is kept. */
const MARK_SENT = `
  UPDATE "Reminder" SET status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END,
    "sentAt" = coalesce("sentAt", now()), "lastError" = NULL, "updatedAt" = now()
  WHERE id = ANY($1::text[])`;

/** A booking's planned reminder rows ($1 the booking; $2-$4 kind, channel, due of each), kept where they exist. */
const PLAN_ROWS = `
  INSERT INTO "Reminder" (id, "bookingId", kind, channel, "dueAt", status, attempts, "updatedAt")
  SELECT 'r' || replace(gen_random_uuid()::text, '-', ''), $1, i.k, i.c, i.d, 'scheduled', 0, now()
  FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS i(k, c, d)
  ON CONFLICT ("bookingId", kind, channel) DO NOTHING`;

/**
 * Claims reminders right before their sends ($1-$4: booking, kind, channel, due of each claim), skipping
 * on the way the planned rows of channels no longer wanted ($5-$7: booking, kind, channel of each wanted
 * one); a 'sending' claim older than $8 seconds is taken over. See {@link ReminderDispatcher.claim}.
 */
const CLAIM = `
  WITH unwanted AS (
    UPDATE "Reminder" r SET status = 'skipped', "updatedAt" = now()
    WHERE r.status = 'scheduled'
      AND (r."bookingId", r.kind) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      AND NOT EXISTS (SELECT 1 FROM unnest($5::text[], $6::text[], $7::text[]) AS w(b, k, c)
                      WHERE w.b = r."bookingId" AND w.k = r.kind AND w.c = r.channel)
  )
  INSERT INTO "Reminder" (id, "bookingId", kind, channel, "dueAt", status, attempts, "updatedAt")
  SELECT 'r' || replace(gen_random_uuid()::text, '-', ''), i.b, i.k, i.c, i.d, 'sending', 1, now()
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS i(b, k, c, d)
  ORDER BY i.b, i.k, i.c
  ON CONFLICT ("bookingId", kind, channel) DO UPDATE SET status = 'sending', attempts = "Reminder".attempts + 1, "updatedAt" = now()
  WHERE "Reminder".status = 'scheduled'
     OR ("Reminder".status = 'sending' AND "Reminder"."updatedAt" < now() - make_interval(secs => $8::double precision))
  RETURNING "bookingId", kind, channel, id, attempts`;

/**
 * Sends one reminder of a booking. Reads the booking at send time (cancelled -> nothing). Each channel
 * has a Reminder row (booking + kind + channel); a worker sends only after claiming the row
 * (scheduled -> sending, or created as sending, in one INSERT ... ON CONFLICT DO UPDATE ... RETURNING),
 * and marks it sent right after the send, so two workers or a restarted one never send it twice.
 */
export class ReminderDispatcher {
  private readonly sql: Sql;
  /** Bounds the sends in flight (a batch's reads and writes are shared, its sends wait for a place). */
  private readonly gate: Gate;

  constructor(private readonly deps: DispatchDeps) {
    this.sql = deps.sql ?? prismaSql(deps.prisma);
    this.gate = deps.sendConcurrency ? gate(deps.sendConcurrency) : (send) => send();
  }

  /** Writes the sent mark; marks of sends finishing at the same time share one statement. */
  private readonly markSent = coalesce<string, void>(async (ids) => {
    for (let attempt = 1; ; attempt++) {
      try {
        // A delivery receipt may already have arrived ('delivered'): keep it.
        await this.sql.query("reminder_sent", MARK_SENT, [ids]);
        return ids.map(() => undefined);
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  });

  /** The last moment a reminder is still useful: a 24 h one before the 2 h one is due, any before the start. */
  static latest(start: Date, kind: ReminderKind): Date {
    return kind === "24h" ? ReminderDispatcher.dueAt(start, "2h") : start;
  }

  /** When a reminder of a booking starting at `start` is due. */
  static dueAt(start: Date, kind: ReminderKind): Date {
    return new Date(start.getTime() - REMINDER_KINDS[kind]);
  }

  /**
   * Plans a confirmed booking's reminders: the kinds still ahead of `now` with when each is due, their
   * Reminder rows made for the booking's current channels (idempotent). One read and one write; nothing
   * for a booking that is gone or not confirmed (an unpaid one is planned once paid).
   */
  async plan(bookingId: string, now: Date): Promise<{ kind: ReminderKind; due: Date }[]> {
    const b = await loadReminderBooking(this.sql, bookingId);
    if (!b || b.status !== "confirmed") return [];
    // Past reminders are skipped (a booking made 5 h ahead gets only the 2 h one).
    const kinds = (Object.keys(REMINDER_KINDS) as ReminderKind[])
      .map((kind) => ({ kind, due: ReminderDispatcher.dueAt(b.start, kind) }))
      .filter((k) => k.due > now);
    const targets = reminderTargets(this.deps.notifier, b);
    const rows = kinds.flatMap((k) => targets.map((t) => ({ kind: k.kind, channel: t.channel, due: k.due })));
    if (rows.length) {
      await this.sql.query("reminder_plan", PLAN_ROWS, [bookingId, rows.map((r) => r.kind), rows.map((r) => r.channel), rows.map((r) => r.due.toISOString())]);
    }
    return kinds;
  }

  /**
   * Claims the reminder of one channel right before its send: a missing row is created already claimed
   * ('sending'); an existing one is claimed only from 'scheduled' (or a stale 'sending' left by a worker
   * that died mid-send). Rows of channels no longer wanted are skipped on the way. Claims made at the
   * same time share one INSERT ... ON CONFLICT DO UPDATE ... RETURNING; each row is still claimed by
   * exactly one caller. Null: sent, being sent by another worker, or no longer wanted.
   */
  private readonly claim = coalesce<Claim, { id: string; attempts: number } | null>(async (items) => {
    const key = (c: Claim) => `${c.bookingId}\u0000${c.kind}\u0000${c.channel}`;
    const firsts = new Map<string, Claim>();
    for (const c of items) if (!firsts.has(key(c))) firsts.set(key(c), c);
    const claims = [...firsts.values()];
    const wanted = items.flatMap((c) => c.wanted.map((w) => [c.bookingId, c.kind, w] as const));
    const rows = await this.sql.query<{ bookingId: string; kind: string; channel: string; id: string; attempts: number }>("reminder_claim", CLAIM, [
      claims.map((c) => c.bookingId), claims.map((c) => c.kind), claims.map((c) => c.channel), claims.map((c) => c.dueAt.toISOString()),
      wanted.map((w) => w[0]), wanted.map((w) => w[1]), wanted.map((w) => w[2]), STALE_CLAIM_MS / 1000,
    ]);
    const got = new Map(rows.map((r) => [`${r.bookingId}\u0000${r.kind}\u0000${r.channel}`, { id: r.id, attempts: r.attempts }]));
    // A second claim of the same row in one batch loses, as it would to another worker.
    return items.map((c) => (firsts.get(key(c)) === c ? got.get(key(c)) ?? null : null));
  });

  /** The send-time read; reads of reminders running at the same time share one query. */
  private readonly load = coalesce<string, ReminderBookingRow | null>(async (ids) => {
    const rows = await loadReminderBookings(this.sql, [...new Set(ids)]);
    return ids.map((id) => rows.get(id) ?? null);
  });

  /** Runs one reminder job; a send that may be retried throws {@link RetryableSendError}. */
  async run(bookingId: string, kind: ReminderKind): Promise<DispatchResult> {
    const [out] = await this.runMany([{ bookingId, kind }]);
    if (out instanceof Error) throw out;
    return out!;
  }

  /**
   * Runs a batch of reminder jobs together: one send-time read, one claim and one sent mark for the
   * whole batch (shared with other batches running at the same time), the sends at once. Each job gets
   * its own result, or the error its job should fail with ({@link RetryableSendError}: retry later).
   */
  async runMany(jobs: { bookingId: string; kind: ReminderKind }[]): Promise<(DispatchResult | Error)[]> {
    const { prisma, clock } = this.deps;
    // One read at send time: the bookings as they are now, with everything the text and the channels need.
    const rows = await this.load.many(jobs.map((j) => j.bookingId));
    const now = clock();
    const out: (DispatchResult | Error)[] = [];
    const closing: { bookingId: string; kind: string; status: string }[] = [];
    const sending: { i: number; b: ReminderBookingRow; kind: ReminderKind; due: Date; targets: ReminderTarget[] }[] = [];
    jobs.forEach(({ bookingId, kind }, i) => {
      const b = rows[i];
      if (!b || !HOLDING_STATUSES.includes(b.status)) {
        if (b) closing.push({ bookingId, kind, status: "cancelled" });
        out[i] = { kind: "gone" };
        return;
      }
      const due = ReminderDispatcher.dueAt(b.start, kind);
      if (now.getTime() < due.getTime() - 60_000) {
        out[i] = { kind: "early", due };
        return;
      }
      // Too late to be useful: a 24 h reminder inside the last 2 h, any reminder after the start.
      if (now >= ReminderDispatcher.latest(b.start, kind)) {
        closing.push({ bookingId, kind, status: "skipped" });
        out[i] = { kind: "skipped" };
        return;
      }
      const targets = reminderTargets(this.deps.notifier, b);
      if (!targets.length) closing.push({ bookingId, kind, status: "skipped" });
      sending.push({ i, b, kind, due, targets });
    });
    if (closing.length) {
      // Planned reminders of bookings gone, too late or with no channel left are closed, never sent.
      await prisma.$executeRaw`
        UPDATE "Reminder" r SET status = c.s, "updatedAt" = now()
        FROM unnest(${closing.map((c) => c.bookingId)}::text[], ${closing.map((c) => c.kind)}::text[], ${closing.map((c) => c.status)}::text[]) AS c(b, k, s)
        WHERE r."bookingId" = c.b AND r.kind = c.k AND r.status = 'scheduled'`;
    }
    const claims = sending.flatMap((s) => {
      const wanted = s.targets.map((t) => t.channel);
      return s.targets.map((target) => ({ s, target, claim: { bookingId: s.b.id, kind: s.kind, channel: target.channel, dueAt: s.due, wanted } }));
    });
    const claimed = await this.claim.many(claims.map((c) => c.claim));
    const results = await this.sendClaimed(claims.map(({ s, target }, k) => (claimed[k] ? { b: s.b, kind: s.kind, target, row: claimed[k]! } : null)));
    const sentIds = results.flatMap((r, k) => (r === "sent" ? [claimed[k]!.id] : []));
    // Sent: the marks go in right away. Never put back to 'scheduled' from here, or it would go twice.
    const marked = await this.markSent.many(sentIds).then(() => true, (err: Error) => err);
    for (const s of sending) {
      let sent = 0;
      let failed = 0;
      let retry: Error | undefined;
      claims.forEach((c, k) => {
        if (c.s !== s) return;
        const r = results[k];
        if (r === "sent") {
          sent++;
          if (marked !== true) this.deps.log.error({ booking: s.b.ref, kind: s.kind, channel: c.target.channel, err: marked }, "reminder sent but its sent mark could not be written");
          this.deps.observer?.reminderSent?.({ channel: c.target.channel, kind: s.kind, lagSeconds: Math.max(0, (clock().getTime() - s.due.getTime()) / 1000) });
        } else if (r === "failed") failed++;
        else if (r instanceof Error) retry = r;
      });
      if (retry) {
        out[s.i] = new RetryableSendError(retry.message);
        continue;
      }
      if (sent) this.deps.log.info({ booking: s.b.ref, kind: s.kind, sent }, "reminder sent");
      out[s.i] = { kind: "done", sent, failed };
    }
    return out;
  }

  /**
   * Sends the claimed reminders at once (null: not claimed, not sent). The SMS/WhatsApp ones ask PO/JO:
   * their question is set in the conversation the phone's answers arrive in (made now when the customer
   * never wrote on this channel), for the reminder answers to read. They go through one
   * {@link Notifier.askMany}: two statements for all of them, around the sends. The chat ones (Telegram,
   * the web chat, Teams) ask with buttons, their question set in the conversation they go to.
   */
  private async sendClaimed(items: (Claimed | null)[]): Promise<(SendResult | null)[]> {
    const { notifier } = this.deps;
    const asks: { k: number; asking: Asking }[] = [];
    const sends = new Map<number, Promise<unknown>>();
    items.forEach((c, k) => {
      if (!c) return;
      const { lang, replies, purpose, byText, inChat } = this.message(c);
      const { address, conversationId } = c.target;
      if (byText) asks.push({ k, asking: { address, conversationId, lang, replies, purpose, pending: reminderQuestion(lang, c.b.id) } });
      else {
        // In a chat the reminder asks too (its buttons, or typing), in the conversation it was made in.
        const pending = inChat ? reminderQuestion(lang, c.b.id) : undefined;
        sends.set(k, this.gate(() => (conversationId ? notifier.sendToConversation(conversationId, replies, { purpose, pending }) : notifier.sendToAddress(address, replies, { purpose }))));
      }
    });
    const asked = notifier.askMany(asks.map((a) => a.asking), { gate: this.gate }).then((out) => this.askFallbacks(items, asks, out));
    asks.forEach(({ k }, j) => sends.set(k, asked.then((out) => {
      if (out[j] instanceof Error) throw out[j];
    })));
    return Promise.all(items.map((c, k) => (c ? this.outcome(c, sends.get(k)!) : null)));
  }

  /**
   * A WhatsApp reminder its delivery callback reported undelivered (refused outside the 24-hour window,
   * or not delivered), sent again to its fallback, SMS to the same phone, as a refusal at send time is: the
   * booking read now (gone, or too late for this reminder: nothing), its row marked sent once SMS took it.
   * True when it went.
   */
  async fallBack(bookingId: string, kind: ReminderKind): Promise<boolean> {
    const b = await loadReminderBooking(this.sql, bookingId);
    const now = this.deps.clock();
    if (!b || !HOLDING_STATUSES.includes(b.status) || now >= ReminderDispatcher.latest(b.start, kind)) return false;
    const wa = reminderTargets(this.deps.notifier, b).find((t) => t.channel === "whatsapp");
    const row = await this.deps.prisma.reminder.findUnique({ where: { bookingId_kind_channel: { bookingId, kind, channel: "whatsapp" } }, select: { id: true, attempts: true, status: true } });
    if (!wa?.fallback || !row || row.status !== "failed") return false;
    const claimed: Claimed = { b, kind, target: wa.fallback, row };
    const { lang, replies, purpose } = this.message(claimed);
    const [out] = await this.deps.notifier.askMany([{ address: wa.fallback.address, conversationId: wa.fallback.conversationId, lang, replies, purpose, pending: reminderQuestion(lang, b.id) }], { gate: this.gate });
    const sent = !(out instanceof Error);
    // Its row is the WhatsApp one, sent by its fallback (its error kept); the SMS's SID is its provider id now.
    if (sent) await this.deps.prisma.reminder.update({ where: { id: row.id }, data: { status: "sent", sentAt: now } });
    this.deps.log.info({ booking: b.ref, kind, sent }, "reminder not delivered on WhatsApp, sent by SMS");
    return sent;
  }

  /**
   * The questions a channel refused for good (WhatsApp outside its 24-hour window with no template) asked
   * again on the target's fallback (SMS to the same phone), where they are answered; the reminder's row
   * stays the one of its channel, marked sent once the fallback took it.
   */
  private async askFallbacks(items: (Claimed | null)[], asks: { k: number; asking: Asking }[], out: (string | Error)[]): Promise<(string | Error)[]> {
    const again = asks.flatMap(({ k, asking }, j) => {
      const fallback = items[k]!.target.fallback;
      return fallback && refusedByPlatform(out[j]) ? [{ j, asking: { ...asking, address: fallback.address, conversationId: fallback.conversationId } }] : [];
    });
    if (!again.length) return out;
    const second = await this.deps.notifier.askMany(again.map((a) => a.asking), { gate: this.gate });
    again.forEach(({ j, asking }, i) => {
      out[j] = second[i]!;
      this.deps.log.info({ purpose: asking.purpose, channel: asking.address.channel, sent: !(second[i] instanceof Error) }, "reminder refused for good on its channel, sent to its fallback");
    });
    return out;
  }

  /** A claimed reminder's message: its language, text and purpose, and whether it is answered by text. */
  private message({ b, kind, target, row }: Claimed): { lang: Lang; replies: Reply[]; purpose: string; byText: boolean; inChat: boolean } {
    const byText = (ANSWERED_BY_TEXT as readonly string[]).includes(target.channel);
    const inChat = (ANSWERED_IN_CHAT as readonly string[]).includes(target.channel);
    const answerBy = byText ? "text" : inChat ? "buttons" : "none";
    const lang = toLang(b.lang);
    // Text channels carry no calendar link: no link is signed for them.
    const icsUrl = byText ? undefined : this.deps.icsUrl?.(b);
    return { lang, replies: reminderReplies(lang, kind, b, { answerBy, icsUrl, now: this.deps.clock() }), purpose: `reminder:${row.id}`, byText, inChat };
  }

  /**
   * What a claimed reminder's send came to. "sent"; "failed" (refused for good or out of tries, marked);
   * "skipped" (opted out since it was planned, marked); or the error when it goes back to 'scheduled' for a retry.
   */
  private async outcome({ b, kind, target, row }: Claimed, send: Promise<unknown>): Promise<SendResult> {
    const { prisma, log } = this.deps;
    try {
      await send;
      return "sent";
    } catch (err) {
      const message = (err as Error).message?.slice(0, 500) ?? "send failed";
      if (err instanceof PermanentSendError) {
        // Opted out after the reminder was planned ("skipped"), or a channel that refuses for good, such as
        // WhatsApp outside 24 h without a template ("failed"): retrying cannot help.
        await prisma.reminder.update({ where: { id: row.id }, data: { status: err.outcome, lastError: message } });
        if (err.outcome !== "failed") return "skipped";
        log.error({ booking: b.ref, kind, channel: target.channel, err }, "reminder refused for good");
        return "failed";
      }
      const final = row.attempts >= this.deps.maxAttempts;
      await prisma.reminder.update({ where: { id: row.id }, data: { status: final ? "failed" : "scheduled", lastError: message } });
      if (final) {
        log.error({ booking: b.ref, kind, channel: target.channel, attempts: row.attempts, err }, "reminder failed for good");
        return "failed";
      }
      log.warn({ booking: b.ref, kind, channel: target.channel, attempts: row.attempts, err }, "reminder send failed, will retry");
      return err as Error;
    }
  }
}
