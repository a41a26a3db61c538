import type { ChannelAddress, ChannelName, ChannelSender, Reply } from "./messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Logger } from "../log.ts";
import type { PendingQuestion } from "./state.ts";

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
   * Sends to a conversation by id and records the replies in its history. A message that expects an answer
   * (a waiting-list offer) passes `pending`: it is set in the conversation state once sent (a new version,
   * so a turn running meanwhile is retried on the new state), for the handler that reads the answer.
   */
  async sendToConversation(conversationId: string, replies: Reply[], opts: { purpose?: string; pending?: PendingQuestion } = {}): Promise<void> {
    const conv = await this.prisma.conversation.findUnique({ where: { id: conversationId }, select: { address: true } });
    if (!conv) throw new Error("unknown conversation");
    await this.sendToAddress(conv.address as unknown as ChannelAddress, replies, opts);
    await this.prisma.message.createMany({ data: replies.map((r) => ({ conversationId, direction: "out", body: r as object })) });
    if (opts.pending) {
      await this.prisma.$executeRaw`
        UPDATE "Conversation" SET state = jsonb_set(state, '{pending}', ${JSON.stringify(opts.pending)}::jsonb), version = version + 1
         WHERE id = ${conversationId}`;
    }
    this.log.debug({ conversation: conversationId, purpose: opts.purpose }, "bot-initiated message sent");
  }
}
