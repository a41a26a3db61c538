// Answers to SMS/WhatsApp reminders: "PO"/"1"/"KONFIRMO"/"YES" confirm, "JO"/"2"/"ANULO"/"NO" cancel
// (any case, with or without diacritics). Only the bookings of the sending phone are touched. A question
// the handler asked ("which booking?", "cancel anyway?") is kept in the conversation state as pending
// (choices "rr.<action>:<bookingId>"); the engine clears it on any other turn.
import type { InboundMessage, Reply } from "../conversation/messages.ts";
import { optKeyword } from "../optout/service.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { normalize } from "../nlu/normalize.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import { ownPhone } from "../bookings/identity.ts";
import { toManaged, type ManageService } from "../bookings/manage.ts";
import type { Clock } from "../clock.ts";
import type { HandleMessage } from "../conversation/dialog.ts";
import type { ConversationState } from "../conversation/state.ts";
import { formatDayTime } from "../format.ts";
import type { Logger } from "../log.ts";

const YES = new Set(["po", "1", "konfirmo", "konfirmoj", "yes", "y", "ok", "po konfirmoj"]);
const NO = new Set(["jo", "2", "anulo", "anuloj", "no", "n", "cancel"]);
const PREFIX = "rr.";
const include = { business: true, service: true } as const;

/** Dependencies of the SMS reply interceptor. */
export interface ReplyDeps {
  prisma: PrismaClient;
  manage: ManageService;
  clock: Clock;
  log: Logger;
}

type Word = "yes" | "no" | null;
const wordOf = (text: string): Word => {
  const w = normalize(text).replace(/[.!]+$/, "");
  return YES.has(w) ? "yes" : NO.has(w) ? "no" : null;
};

/** Who a pending question in the conversation state belongs to. */
const PENDING_BY = "reminders";

/** The message handler for reminder answers (registered by the reminders module; the engine runs it after its keywords). */
export function smsReplyInterceptor(deps: ReplyDeps): HandleMessage {
  const answer = replyTo(deps);
  return async (msg, turn) => {
    const replies = await answer(msg, turn);
    if (!replies) return null;
    // A question of our own ("which booking?", "cancel anyway?"): kept for the next message.
    const asked = replies.flatMap((r) => r.choices ?? []).filter((c) => c.id.startsWith(PREFIX));
    return asked.length ? { replies, pending: { by: PENDING_BY, choices: asked.map(({ id, label }) => ({ id, label })) } } : replies;
  };
}

function replyTo(deps: ReplyDeps) {
  return async (msg: InboundMessage, conv: { id: string; lang: Lang; state: ConversationState }): Promise<Reply[] | null> => {
    const { channel, externalId } = msg.address;
    if ((channel !== "sms" && channel !== "whatsapp") || msg.content.kind !== "text") return null;
    const phone = ownPhone(channel, externalId);
    if (!phone) return null;
    const text = msg.content.text.trim();
    if (optKeyword(text)) return null; // STOP / NDALO / START belong to the opt-out handling
    const lang = conv.lang;
    const now = deps.clock();
    const pending = pendingChoices(conv.state);
    if (pending.length) {
      const picked = pickPending(text, pending);
      if (picked) return act(deps, phone, picked, lang);
    }
    const word = wordOf(text);
    const reminded = await remindedBookings(deps.prisma, phone, now);
    const lastIn = (await deps.prisma.conversation.findUnique({ where: { id: conv.id }, select: { lastInboundAt: true } }))?.lastInboundAt;
    const lastSent = reminded.reduce<Date | null>((a, r) => (r.sentAt && (!a || r.sentAt > a) ? r.sentAt : a), null);
    const answersReminder = !!lastSent && (!lastIn || lastSent > lastIn);
    const idle = conv.state.flow === "menu" || conv.state.prompt === 0;
    if (!answersReminder && !(word && idle)) return null;
    const upcoming = reminded.filter((r) => r.upcoming);
    if (!word) {
      return answersReminder && upcoming.length ? [{ text: t(lang, "reminders:replyHelp") }] : null;
    }
    if (!upcoming.length) return reminded.length ? [{ text: t(lang, "reminders:replyPast") }] : null;
    const ids = [...new Set(upcoming.map((r) => r.bookingId))];
    if (ids.length === 1) return act(deps, phone, { action: word === "yes" ? "y" : "n", bookingId: ids[0] }, lang);
    const rows = await deps.prisma.booking.findMany({ where: { id: { in: ids } }, include, orderBy: { start: "asc" } });
    return [{
      text: t(lang, word === "yes" ? "reminders:whichConfirm" : "reminders:whichCancel"),
      choices: rows.map((b) => ({
        id: `${PREFIX}${word === "yes" ? "y" : "n"}:${b.id}`,
        label: `${formatDayTime(lang, b.start, b.business.timeZone)} · ${b.business.name}`,
      })),
    }];
  };
}

type Picked = { action: string; bookingId: string };

/** The choices of the reminder question this conversation is waiting for an answer to (from the state). */
function pendingChoices(state: ConversationState): Picked[] {
  if (state.pending?.by !== PENDING_BY) return [];
  return state.pending.choices.filter((c) => c.id.startsWith(PREFIX)).map((c) => {
    const [action, bookingId] = c.id.slice(PREFIX.length).split(":", 2);
    return { action, bookingId };
  });
}

/** The pending choice a reply picks: by number, or yes/no for a two-way question. */
function pickPending(text: string, pending: Picked[]): Picked | null {
  const n = text.trim().replace(/[.)]$/, "");
  if (/^\d{1,2}$/.test(n)) return pending[Number(n) - 1] ?? null;
  const word = wordOf(text);
  const twoWay = pending.length === 2 && pending[0].action === "x" && pending[1].action === "k";
  if (twoWay && word) return pending[word === "yes" ? 0 : 1];
  return null;
}

/** Bookings of this phone that got an SMS/WhatsApp reminder, newest first; `upcoming` when not started. */
async function remindedBookings(prisma: PrismaClient, phone: string, now: Date) {
  const rows = await prisma.reminder.findMany({
    where: {
      channel: { in: ["sms", "whatsapp"] },
      status: { in: ["sent", "delivered"] },
      booking: { contactPhone: phone, start: { gt: new Date(now.getTime() - 2 * 86_400_000) } },
    },
    select: { bookingId: true, sentAt: true, booking: { select: { start: true, status: true } } },
    orderBy: { sentAt: "desc" },
    take: 20,
  });
  return rows.map((r) => ({ bookingId: r.bookingId, sentAt: r.sentAt, upcoming: r.booking.start > now && HOLDING_STATUSES.includes(r.booking.status) }));
}

/** Applies a confirm (y), cancel (n), cancel-with-fee (x) or keep (k) to a booking of this phone. */
async function act(deps: ReplyDeps, phone: string, picked: Picked, lang: Lang): Promise<Reply[]> {
  const now = deps.clock();
  const row = await deps.prisma.booking.findFirst({ where: { id: picked.bookingId, contactPhone: phone }, include });
  if (!row) return [{ text: t(lang, "reminders:replyNotFound") }];
  const b = toManaged(row);
  const vars = { when: formatDayTime(lang, b.start, b.business.timeZone), business: b.business.name, ref: b.ref };
  if (!HOLDING_STATUSES.includes(b.status)) return [{ text: t(lang, "reminders:replyAlreadyCancelled", vars) }];
  if (b.start <= now) return [{ text: t(lang, "reminders:replyPast") }];
  if (picked.action === "y") {
    await deps.manage.confirmAttendance(b.id, now);
    return [{ text: t(lang, "reminders:replyConfirmed", vars) }];
  }
  if (picked.action === "k") return [{ text: t(lang, "reminders:replyKept", vars) }];
  const result = await deps.manage.cancelBooking(b, now, { acceptFee: picked.action === "x" });
  if (result.ok) return [{ text: t(lang, "reminders:replyCancelled", vars) }];
  if (result.reason === "needs_confirmation") {
    const terms = deps.manage.cancelTerms(b, now);
    return [{
      text: t(lang, "reminders:replyFeeAsk", { ...vars, count: terms.windowHours }),
      choices: [
        { id: `${PREFIX}x:${b.id}`, label: t(lang, "reminders:replyFeeYes") },
        { id: `${PREFIX}k:${b.id}`, label: t(lang, "reminders:replyFeeNo") },
      ],
    }];
  }
  return [{ text: t(lang, "reminders:replyAlreadyCancelled", vars) }];
}
