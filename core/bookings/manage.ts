import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { ChannelName, Reply } from "../conversation/messages.ts";
import type { CancelTerms, ManagedBooking, ManagePort, ManageResult, RefundInfo, RefundPort } from "./port.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { t } from "../../locales/i18n.ts";
import { availabilityInput, HOLDING_STATUSES, isFree, tooSoon } from "../availability/service.ts";
import { prismaSql } from "../db/sql.ts";
import type { Notifier } from "../conversation/notifier.ts";
import { formatDayTime } from "../format.ts";
import { maskPhone, type Logger } from "../log.ts";
import { isOptedOut } from "../optout/service.ts";
import { LINK_GRACE_MS, LinkSigner } from "./ics.ts";
import type { CodeThrottle } from "../limits/codes.ts";
import { bookingsOf, checkCode, identityOf, newCode, ownPhone, pendingTarget } from "./identity.ts";
import { toBookingInfo } from "./service.ts";

/** What changed about a booking, for reminders and other listeners. */
export type BookingChange = { kind: "rescheduled" | "cancelled" | "late" | "confirmed"; bookingId: string };
/** Runs after a change commits. */
export type ChangeListener = (change: BookingChange) => Promise<void>;

/** Reminder channels a customer may choose in chat. */
export const NOTIFY_CHANNELS: ChannelName[] = ["sms", "whatsapp", "telegram", "web", "email"];

const include = { business: true, service: true } as const;
type Row = Parameters<typeof toBookingInfo>[0] & { lateMinutes: number | null; customerConfirmedAt: Date | null; paymentStatus: string };

/** Maps a booking row (with business and service) to what the dialogs see. */
export function toManaged(b: Row): ManagedBooking {
  return { ...toBookingInfo(b), lateMinutes: b.lateMinutes, customerConfirmedAt: b.customerConfirmedAt, paymentStatus: b.paymentStatus };
}

/** Booking payment states that mean money was taken online. */
const PAID_ONLINE = ["paid", "deposit_paid"];

/** Dependencies of {@link ManageService}. */
export interface ManageDeps {
  prisma: PrismaClient;
  notifier: Notifier;
  log: Logger;
  /** Base URL for links (PUBLIC_URL); relative links without it. */
  publicUrl?: string;
  links: LinkSigner;
  /** Limits on sending and checking one-time codes (per conversation and per phone/email). */
  codes: CodeThrottle;
}

/**
 * Managing bookings from any channel: who may see which booking, moving (new slot taken and old one
 * freed in one transaction with the business row locked), cancelling (fee window), running late.
 */
export class ManageService implements ManagePort {
  private readonly listeners: ChangeListener[] = [];
  private refunds?: RefundPort;
  constructor(private readonly deps: ManageDeps) {}

  /** Where refunds of paid bookings cancelled in time are made (card payments, when on). */
  setRefunds(refunds: RefundPort): void {
    this.refunds = refunds;
  }

  /** Registers work to run after a booking changes (reminders move or go). */
  onChange(fn: ChangeListener): void {
    this.listeners.push(fn);
  }

  private async emit(change: BookingChange) {
    for (const fn of this.listeners) await fn(change).catch((err) => this.deps.log.error({ err, booking: change.bookingId }, "after-change work failed"));
  }

  /** The bookings this conversation may see (made in it, or of a phone/email it proved), as a filter. */
  private async allowed(conversationId: string, now: Date) {
    const id = await identityOf(this.deps.prisma, conversationId, now);
    return id ? bookingsOf(id) : null;
  }

  async upcoming(conversationId: string, now: Date): Promise<ManagedBooking[]> {
    const allowed = await this.allowed(conversationId, now);
    if (!allowed) return [];
    const rows = await this.deps.prisma.booking.findMany({
      where: { AND: [allowed, { status: { in: HOLDING_STATUSES }, end: { gt: now } }] },
      orderBy: { start: "asc" },
      take: 20,
      include,
    });
    return rows.map(toManaged);
  }

  async get(conversationId: string, bookingId: string, now: Date): Promise<ManagedBooking | null> {
    const allowed = await this.allowed(conversationId, now);
    if (!allowed) return null;
    const row = await this.deps.prisma.booking.findFirst({ where: { AND: [allowed, { id: bookingId }] }, include });
    return row ? toManaged(row) : null;
  }

  async startVerification(conversationId: string, target: string, lang: "sq" | "en", now: Date) {
    const raw = target.trim();
    const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? raw.toLowerCase() : null;
    const phone = email ? null : normalisePhone(raw);
    if (!email && !phone) return { ok: false as const, reason: "invalid" as const };
    const channel: ChannelName = email ? "email" : "sms";
    if (!this.deps.notifier.has(channel)) return { ok: false as const, reason: "unreachable" as const };
    if (!(await this.deps.codes.consume({ conversationId, target: (email ?? phone)! })).allowed) return { ok: false as const, reason: "too_many" as const };
    const code = await newCode(this.deps.prisma, conversationId, (email ?? phone)!, now);
    try {
      await this.deps.notifier.sendToAddress({ channel, externalId: (email ?? phone)! }, [{ text: t(lang, "manage:codeMessage", { code }) }], { purpose: "verification" });
    } catch (err) {
      this.deps.log.warn({ err, channel }, "verification code not sent");
      return { ok: false as const, reason: "unreachable" as const };
    }
    return { ok: true as const, kind: email ? ("email" as const) : ("phone" as const) };
  }

  async resendVerification(conversationId: string, lang: "sq" | "en", now: Date) {
    const pending = await pendingTarget(this.deps.prisma, conversationId, now);
    return pending ? this.startVerification(conversationId, pending, lang, now) : { ok: false as const, reason: "expired" as const };
  }

  async checkVerification(conversationId: string, code: string, now: Date) {
    const pending = await pendingTarget(this.deps.prisma, conversationId, now);
    if (!pending) return "expired";
    const subject = { conversationId, target: pending };
    if (!(await this.deps.codes.checkAttempt(subject)).allowed) return "locked";
    const { result, target, guessed } = await checkCode(this.deps.prisma, conversationId, code, now);
    if (guessed) await this.deps.codes.wrongAttempt(subject);
    if (result === "ok") await this.deps.codes.succeeded(subject);
    if (result === "ok" && target) {
      // Link the conversation to the proven record of that phone/email (reminder preferences).
      const where = target.includes("@") ? { email: target.toLowerCase() } : { phone: target };
      const c = await this.deps.prisma.customer.findFirst({ where: { ...where, verified: true }, orderBy: { createdAt: "asc" }, select: { id: true } });
      if (c) await this.deps.prisma.conversation.update({ where: { id: conversationId }, data: { customerId: c.id } });
    }
    return result;
  }

  async reschedule(conversationId: string, bookingId: string, start: Date, now: Date): Promise<ManageResult> {
    const current = await this.get(conversationId, bookingId, now);
    if (!current || !HOLDING_STATUSES.includes(current.status)) return { ok: false, reason: "not_found" };
    if (current.start <= now) return { ok: false, reason: "past" };
    const { prisma } = this.deps;
    const moved = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Business" WHERE id = ${current.business.id} FOR UPDATE`;
      const row = await tx.booking.findUnique({ where: { id: bookingId } });
      if (!row || !HOLDING_STATUSES.includes(row.status) || row.start <= now) return "not_found" as const;
      const input = await availabilityInput(prismaSql(tx), row.serviceId, now);
      if (!input) return "not_found" as const;
      // The booking's own place is released by the move: leave it out when checking the new slot.
      const own = input.busy.findIndex((b) => b.start.getTime() === row.start.getTime() && b.end.getTime() === row.end.getTime());
      if (own >= 0) input.busy.splice(own, 1);
      if (!isFree(input, start)) return tooSoon(input, start) ? { tooSoon: input.minNoticeMin } : "slot_taken" as const;
      await tx.booking.update({
        where: { id: bookingId },
        data: { start, end: new Date(start.getTime() + input.durationMin * 60_000), customerConfirmedAt: null, lateMinutes: null },
      });
      // Reminders start over for the new time (the scheduler recreates them after the commit).
      await tx.reminder.deleteMany({ where: { bookingId } });
      return "ok" as const;
    });
    if (typeof moved === "object") return { ok: false, reason: "too_soon", noticeMin: moved.tooSoon };
    if (moved !== "ok") return { ok: false, reason: moved };
    this.deps.log.info({ booking: current.ref }, "booking rescheduled");
    await this.emit({ kind: "rescheduled", bookingId });
    return { ok: true, booking: (await this.get(conversationId, bookingId, now))! };
  }

  cancelTerms(b: ManagedBooking & { paymentStatus?: string }, now: Date): CancelTerms {
    const hours = b.business.cancelWindowHours;
    const paymentStatus = b.paymentStatus ?? "on_site";
    // The same amounts the payment policy asked for: the price, or the deposit when it is less.
    const paidLek = paymentStatus === "paid" ? b.priceLek
      : paymentStatus === "deposit_paid" ? Math.min(b.business.depositLek ?? 0, b.priceLek) : 0;
    return {
      insideWindow: b.start.getTime() - now.getTime() < hours * 3600_000,
      windowHours: hours,
      paymentMode: b.business.paymentMode,
      depositLek: b.business.depositLek,
      paymentStatus,
      paidLek,
    };
  }

  async cancel(conversationId: string, bookingId: string, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms; refund?: RefundInfo }>> {
    const b = await this.get(conversationId, bookingId, now);
    if (!b) return { ok: false, reason: "not_found" };
    return this.cancelBooking(b, now, opts);
  }

  /** Cancels a booking by id for a caller who already proved it is theirs (erasure); any fee is accepted. */
  async cancelById(bookingId: string, now: Date): Promise<boolean> {
    const row = await this.deps.prisma.booking.findUnique({ where: { id: bookingId }, include });
    if (!row) return false;
    const r = await this.cancelBooking(toManaged(row), now, { acceptFee: true });
    return r.ok;
  }

  /** Cancels a booking already known to belong to the caller (SMS reply, chat). */
  async cancelBooking(b: ManagedBooking, now: Date, opts: { acceptFee: boolean }): Promise<ManageResult<{ terms: CancelTerms; refund?: RefundInfo }>> {
    if (!HOLDING_STATUSES.includes(b.status)) return { ok: false, reason: "not_cancellable" };
    if (b.start <= now) return { ok: false, reason: "past" };
    const terms = this.cancelTerms(b, now);
    if (terms.insideWindow && !opts.acceptFee) return { ok: false, reason: "needs_confirmation" };
    const { prisma } = this.deps;
    const done = await prisma.$transaction(async (tx) => {
      const r = await tx.booking.updateMany({ where: { id: b.id, status: { in: HOLDING_STATUSES } }, data: { status: "cancelled", cancelledAt: now } });
      if (r.count !== 1) return null;
      await tx.reminder.updateMany({ where: { bookingId: b.id, status: { in: ["scheduled", "failed"] } }, data: { status: "cancelled" } });
      // Cancelled in time: what was paid online is owed back. Marked in the same transaction as the
      // cancel, so a refund that fails or is cut short is still found and retried by the payments poll.
      const row = await tx.booking.findUniqueOrThrow({ where: { id: b.id }, select: { paymentStatus: true } });
      if (terms.insideWindow || !PAID_ONLINE.includes(row.paymentStatus)) return { refundLek: 0 };
      const paid = await tx.payment.findMany({ where: { bookingId: b.id, status: "paid" }, select: { id: true, amountLek: true } });
      if (!paid.length) return { refundLek: 0 };
      await tx.payment.updateMany({ where: { id: { in: paid.map((p) => p.id) }, status: "paid" }, data: { status: "refunding", updatedAt: now } });
      return { refundLek: paid.reduce((sum, p) => sum + p.amountLek, 0) };
    });
    if (!done) return { ok: false, reason: "not_cancellable" };
    this.deps.log.info({ booking: b.ref, insideWindow: terms.insideWindow, refundLek: done.refundLek }, "booking cancelled");
    await this.emit({ kind: "cancelled", bookingId: b.id });
    // Let go before it was paid: its payment page is closed now rather than at the hold's end.
    if (b.status === "pending_payment") {
      await this.refunds?.closeUnpaid?.(b.id, now).catch((err) => this.deps.log.warn({ err, booking: b.ref }, "payment page of a let-go booking not closed; the sweep will"));
    }
    let refund: RefundInfo | undefined;
    if (done.refundLek > 0) {
      const refunded = this.refunds
        ? await this.refunds.refundCancelled(b.id, now).catch((err) => {
          this.deps.log.error({ err, booking: b.ref }, "refund of a cancelled booking failed; it will be retried");
          return false;
        })
        : false;
      refund = { amountLek: done.refundLek, done: refunded };
    }
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: b.id }, include });
    return { ok: true, booking: toManaged(row), terms, ...(refund ? { refund } : {}) };
  }

  async runningLate(conversationId: string, bookingId: string, minutes: number, now: Date): Promise<ManageResult<{ businessNotified: boolean }>> {
    const b = await this.get(conversationId, bookingId, now);
    if (!b || !HOLDING_STATUSES.includes(b.status)) return { ok: false, reason: "not_found" };
    if (b.end <= now) return { ok: false, reason: "past" };
    const row = await this.deps.prisma.booking.update({ where: { id: bookingId }, data: { lateMinutes: minutes }, include });
    const businessNotified = await this.tellBusiness(row.business.phone, [{
      text: t("sq", "manage:lateToBusiness", {
        ref: row.ref, name: row.contactName, minutes, when: formatDayTime("sq", row.start, row.business.timeZone),
        service: row.service.nameSq, count: minutes,
      }),
    }]);
    this.deps.log.info({ booking: row.ref, minutes, businessNotified }, "customer running late");
    await this.emit({ kind: "late", bookingId });
    return { ok: true, booking: toManaged(row), businessNotified };
  }

  async confirmComing(conversationId: string, bookingId: string, now: Date): Promise<boolean> {
    const b = await this.get(conversationId, bookingId, now);
    return b && b.start > now ? this.confirmAttendance(b.id, now) : false;
  }

  /** Marks a booking as confirmed by the customer (answer to a reminder). */
  async confirmAttendance(bookingId: string, now: Date): Promise<boolean> {
    const r = await this.deps.prisma.booking.updateMany({ where: { id: bookingId, status: { in: HOLDING_STATUSES } }, data: { customerConfirmedAt: now } });
    if (r.count) await this.emit({ kind: "confirmed", bookingId });
    return r.count === 1;
  }

  private async tellBusiness(phone: string, replies: Reply[]): Promise<boolean> {
    const to = normalisePhone(phone);
    if (!to || !this.deps.notifier.has("sms") || (await isOptedOut(this.deps.prisma, to, "sms"))) return false;
    try {
      await this.deps.notifier.sendToAddress({ channel: "sms", externalId: to }, replies, { purpose: "business-notice" });
      return true;
    } catch (err) {
      this.deps.log.warn({ err, phone: maskPhone(to) }, "business notice not sent");
      return false;
    }
  }

  icsLink(booking: { id: string; ref: string; start: Date }): string {
    const token = this.deps.links.sign(booking.id, new Date(booking.start.getTime() + LINK_GRACE_MS));
    const path = `/api/bookings/${encodeURIComponent(booking.ref)}/ics?token=${token}`;
    return this.deps.publicUrl ? new URL(path, this.deps.publicUrl).toString() : path;
  }

  async refundLines(conversationId: string, now: Date) {
    const allowed = await this.allowed(conversationId, now);
    if (!allowed) return [];
    const rows = await this.deps.prisma.payment.findMany({
      where: {
        status: { in: ["refunded", "refunding"] },
        updatedAt: { gt: new Date(now.getTime() - 30 * 86_400_000) },
        booking: { AND: [allowed, { status: "cancelled" }] },
      },
      orderBy: { updatedAt: "desc" },
      take: 5,
      select: { amountLek: true, status: true, booking: { select: { ref: true, business: { select: { name: true } } } } },
    });
    return rows.map((p) => ({ ref: p.booking.ref, businessName: p.booking.business.name, amountLek: p.amountLek, status: p.status as "refunded" | "refunding" }));
  }

  async notifyChannels(conversationId: string) {
    const conv = await this.deps.prisma.conversation.findUnique({ where: { id: conversationId }, select: { customerId: true } });
    if (!conv?.customerId) return null;
    const c = await this.deps.prisma.customer.findUnique({ where: { id: conv.customerId } });
    if (!c) return null;
    const linked = await this.deps.prisma.conversation.findMany({ where: { customerId: c.id }, select: { channel: true }, distinct: ["channel"] });
    const available = NOTIFY_CHANNELS.filter((ch) =>
      ch === "email" ? !!c.email && this.deps.notifier.has("email")
        : ch === "sms" || ch === "whatsapp" ? !!c.phone && this.deps.notifier.has(ch)
          : linked.some((l) => l.channel === ch) && this.deps.notifier.has(ch));
    return { current: c.notifyChannels, available };
  }

  async setNotifyChannels(conversationId: string, channels: string[]): Promise<boolean> {
    const conv = await this.deps.prisma.conversation.findUnique({ where: { id: conversationId }, select: { customerId: true } });
    if (!conv?.customerId) return false;
    const clean = [...new Set(channels.filter((c) => (NOTIFY_CHANNELS as string[]).includes(c)))];
    await this.deps.prisma.customer.update({ where: { id: conv.customerId }, data: { notifyChannels: clean } });
    return true;
  }
}

/** Albanian/E.164 phone from what a person typed ("069 123 4567", "+355 69 ..."), or null. */
export function normalisePhone(raw: string): string | null {
  const cleaned = raw.trim().replace(/^00/, "+");
  if (!/^[+\d][\d\s().-]{5,24}$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, "AL");
  return parsed && parsed.isValid() ? parsed.number : null;
}

export { ownPhone };
