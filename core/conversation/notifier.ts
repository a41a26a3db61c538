import type { ChannelAddress, ChannelName, ChannelSender, Reply } from "./messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Logger } from "../log.ts";
import { ConversationStateSchema } from "./state.ts";
import { noticeQuestion, type PendingUpdate } from "./pending.ts";

const PendingSchema = ConversationStateSchema.shape.pending.unwrap();

/**
 * A send the platform or the customer refuses for good (opted out, messaging window closed): retrying
 * cannot help. `outcome` says what to record: "skipped" (the customer's choice) or "failed".
 */
export class PermanentSendError extends Error {
  constructor(message: string, readonly outcome: "skipped" | "failed") {
    super(message);
    this.name = "PermanentSendError";
  }
}

/**
 * Sends messages the bot starts itself (reminders, staff replies, payment notices) to a conversation's
 * stored address, through the sender registered for its channel, and keeps them in the history.
 */
export class Notifier {
  private readonly senders = new Map<ChannelName, ChannelSender>();
  constructor(private readonly prisma: PrismaClient, private readonly log: Logger) {}

  register(sender: ChannelSender): void {
    this.senders.set(sender.channel, sender);
  }

  has(channel: ChannelName): boolean {
    return this.senders.has(channel);
  }

  /** Sends to an address; throws when the channel has no sender or the platform refuses (callers retry). */
  async sendToAddress(address: ChannelAddress, replies: Reply[], opts: { purpose?: string } = {}): Promise<void> {
    const sender = this.senders.get(address.channel);
    if (!sender) throw new Error(`no sender for channel ${address.channel}`);
    await sender.send(address, replies, opts);
  }

  /**
   * Sends to a conversation by id and records the replies in its history. What the message asks is set
   * as the conversation's pending question once it is sent (a new version, so a turn running meanwhile
   * is retried on the new state): `pending` when given (a waiting-list offer, a reminder), else the
   * message's own choices (a staff reply's or a payment notice's buttons); a message that asks nothing
   * leaves the pending question as it was. `pending` may be a function of the question already pending
   * (a reminder joining an earlier reminder's question).
   */
  async sendToConversation(conversationId: string, replies: Reply[], opts: { purpose?: string; pending?: PendingUpdate } = {}): Promise<void> {
    const conv = await this.prisma.conversation.findUnique({ where: { id: conversationId }, select: { address: true } });
    if (!conv) throw new Error("unknown conversation");
    await this.sendToAddress(conv.address as unknown as ChannelAddress, replies, opts);
    await this.prisma.message.createMany({ data: replies.map((r) => ({ conversationId, direction: "out", body: r as object })) });
    const asked = opts.pending ?? noticeQuestion(replies);
    if (asked) await this.setPending(conversationId, asked);
    this.log.debug({ conversation: conversationId, purpose: opts.purpose }, "bot-initiated message sent");
  }

  /** Sets the pending question in the stored state (a function of the current one: read, then written if unchanged). */
  private async setPending(conversationId: string, asked: PendingUpdate): Promise<void> {
    if (typeof asked !== "function") {
      await this.prisma.$executeRaw`
        UPDATE "Conversation" SET state = jsonb_set(state, '{pending}', ${JSON.stringify(asked)}::jsonb), version = version + 1
         WHERE id = ${conversationId}`;
      return;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await this.prisma.conversation.findUnique({ where: { id: conversationId }, select: { state: true, version: true } });
      if (!row) return;
      const current = PendingSchema.safeParse((row.state as { pending?: unknown } | null)?.pending);
      const next = asked(current.success ? current.data : undefined);
      const n = await this.prisma.$executeRaw`
        UPDATE "Conversation" SET state = jsonb_set(state, '{pending}', ${JSON.stringify(next)}::jsonb), version = version + 1
         WHERE id = ${conversationId} AND version = ${row.version}`;
      if (n === 1) return;
    }
    this.log.warn({ conversation: conversationId }, "pending question not set: the conversation kept changing");
  }
}
