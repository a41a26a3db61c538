// Keeping transcripts only as long as needed: conversation messages and processed-message marks older
// than MESSAGE_RETENTION_DAYS, and ticket messages older than TICKET_RETENTION_DAYS, are deleted in small
// batches (each its own short statement, so live turns are never locked out for long).
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** How long things are kept. */
export interface RetentionPolicy {
  messageDays: number;
  ticketDays: number;
  /** Rows per delete statement. */
  batch?: number;
}

/** Rows deleted by one purge. */
export interface PurgeResult {
  messages: number;
  processed: number;
  ticketMessages: number;
}

const DAY = 86_400_000;

/** Deletes what is older than the policy allows; returns the counts. */
export async function purgeExpired(prisma: PrismaClient, now: Date, policy: RetentionPolicy): Promise<PurgeResult> {
  const batch = policy.batch ?? 2000;
  const messageCut = new Date(now.getTime() - policy.messageDays * DAY);
  const ticketCut = new Date(now.getTime() - policy.ticketDays * DAY);
  const loop = async (one: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      const n = await one();
      total += n;
      if (n < batch) return total;
    }
  };
  const messages = await loop(() => prisma.$executeRaw`
    DELETE FROM "Message" WHERE id IN (SELECT id FROM "Message" WHERE "createdAt" < ${messageCut} ORDER BY id LIMIT ${batch})`);
  const processed = await loop(() => prisma.$executeRaw`
    DELETE FROM "ProcessedMessage" WHERE (channel, "messageId") IN (
      SELECT channel, "messageId" FROM "ProcessedMessage" WHERE "createdAt" < ${messageCut} LIMIT ${batch})`);
  const ticketMessages = await loop(() => prisma.$executeRaw`
    DELETE FROM "TicketMessage" WHERE id IN (SELECT id FROM "TicketMessage" WHERE "createdAt" < ${ticketCut} ORDER BY id LIMIT ${batch})`);
  return { messages, processed, ticketMessages };
}
