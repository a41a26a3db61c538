import { maskPhone, type Logger } from "../../core/log.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { twilioMetrics } from "./sender.ts";

/** Our status for a Twilio MessageStatus, and how far along it is (callbacks may arrive out of order). */
const MAP: Record<string, { status: string; rank: number }> = {
  accepted: { status: "queued", rank: 0 },
  queued: { status: "queued", rank: 0 },
  sending: { status: "sent", rank: 1 },
  sent: { status: "sent", rank: 1 },
  delivered: { status: "delivered", rank: 2 },
  read: { status: "delivered", rank: 2 },
  undelivered: { status: "failed", rank: 3 },
  failed: { status: "failed", rank: 3 },
  canceled: { status: "failed", rank: 3 },
};
const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, failed: 3, refused: 3 };

/** A WhatsApp reminder its callback reported undelivered, to be sent again by SMS to the same phone. */
export interface Undelivered {
  bookingId: string;
  kind: string;
}

/**
 * Applies a delivery callback to the OutboundMessage and Reminder rows with this Message SID; a 63016
 * failure (free-form WhatsApp outside the 24-hour window) is marked "refused" and logged as such. Returns the
 * WhatsApp reminders this callback failed (each once: a repeated callback finds it failed already).
 */
export async function applyStatus(prisma: PrismaClient, log: Logger, p: Record<string, string>): Promise<Undelivered[]> {
  const sid = p.MessageSid ?? p.SmsSid;
  const mapped = MAP[(p.MessageStatus ?? p.SmsStatus ?? "").toLowerCase()];
  if (!sid || !mapped) return [];
  const code = p.ErrorCode ? Number(p.ErrorCode) : undefined;
  const refused = code === 63016;
  const status = refused ? "refused" : mapped.status;
  const lower = Object.entries(RANK).filter(([, r]) => r < mapped.rank).map(([s]) => s);
  const error = code ? `${code}` : undefined;
  const updated = await prisma.outboundMessage.updateMany({ where: { providerId: sid, status: { in: lower } }, data: { status, ...(error ? { error } : {}) } });
  if (mapped.status === "delivered") {
    await prisma.reminder.updateMany({ where: { providerId: sid, status: { in: ["sending", "sent"] } }, data: { status: "delivered" } });
  }
  let undelivered: Undelivered[] = [];
  if (mapped.status === "failed") {
    const failed = await prisma.$queryRaw<{ bookingId: string; kind: string; channel: string }[]>`
      UPDATE "Reminder" SET status = 'failed', "lastError" = ${`twilio ${code ?? p.MessageStatus}`}, "updatedAt" = now()
       WHERE "providerId" = ${sid} AND status IN ('sending', 'sent', 'delivered')
      RETURNING "bookingId", kind, channel`;
    undelivered = failed.filter((r) => r.channel === "whatsapp").map(({ bookingId, kind }) => ({ bookingId, kind }));
  }
  if (refused && updated.count) {
    twilioMetrics.refused63016++;
    log.warn({ to: maskPhone((p.To ?? "").replace(/^whatsapp:/, "")) }, "WhatsApp refused a free-form message outside the 24-hour window (63016)");
  } else if (mapped.status === "failed" && updated.count) {
    log.warn({ code, status: p.MessageStatus }, "Twilio reports a message was not delivered");
  }
  return undelivered;
}
