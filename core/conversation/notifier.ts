import type { ChannelAddress, ChannelName, ChannelSender, Reply } from "./messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { randomUUID } from "node:crypto";
import type { Lang } from "../../locales/i18n.ts";
import { prismaSql, type Sql } from "../db/sql.ts";
import type { Logger } from "../log.ts";
import { ConversationStateSchema, initialState } from "./state.ts";
import { noticeQuestion, type PendingUpdate } from "./pending.ts";

const PendingSchema = ConversationStateSchema.shape.pending.unwrap();

/** The conversation of a channel address, made when there is none (the no-op update returns the row). */
const CONVERSATION_AT = `
  INSERT INTO "Conversation" (id, channel, "externalId", address, lang, state, version, "createdAt", "updatedAt")
  VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, 0, now(), now())
  ON CONFLICT (channel, "externalId") DO UPDATE SET channel = EXCLUDED.channel
  RETURNING id, address, state->'pending' AS pending, version`;

/** What sending to a conversation needs: where it is, and the question pending with the state's version. */
const READ_CONVERSATION = `SELECT address, state->'pending' AS pending, version FROM "Conversation" WHERE id = $1`;

/** Sent replies kept in the history. */
const HISTORY = `
  INSERT INTO "Message" ("conversationId", direction, body)
  SELECT $1, 'out', m.e FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(e, n)
   ORDER BY m.n`;

/** The sent replies in the history, and the question set if the conversation is still at `version`. */
const ASKED = `
  WITH upd AS (
    UPDATE "Conversation" SET state = jsonb_set(state, '{pending}', $3::jsonb), version = version + 1
     WHERE id = $1 AND version = $2
    RETURNING id
  ), hist AS (
    INSERT INTO "Message" ("conversationId", direction, body)
    SELECT $1, 'out', m.e FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS m(e, n)
     ORDER BY m.n
    RETURNING 1
  )
  SELECT count(*)::int AS updated FROM upd`;

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
  private readonly sql: Sql;
  constructor(private readonly prisma: PrismaClient, private readonly log: Logger, sql?: Sql) {
    this.sql = sql ?? prismaSql(prisma);
  }

  /**
   * Sends a question to a channel address and keeps it in the conversation that address's answers arrive
   * in (made now, as an inbound message would make it, when the customer never wrote there), then sets
   * what it asks as that conversation's pending question. Two statements around the send: the
   * conversation found or made, then the history and the question (a conversation changed meanwhile by a
   * turn gets its question set again on the new state). Returns the conversation id.
   */
  async sendAsking(address: ChannelAddress, lang: Lang, replies: Reply[], opts: { purpose?: string; pending: PendingUpdate }): Promise<string> {
    const [conv] = await this.sql.query<{ id: string; address: ChannelAddress; pending: unknown; version: number }>("notice_conversation", CONVERSATION_AT, [
      randomUUID(), address.channel, address.externalId, JSON.stringify({ channel: address.channel, externalId: address.externalId }), lang,
      JSON.stringify(initialState(lang)),
    ]);
    await this.sendToAddress(conv.address, replies, opts);
    await this.recordAsked(conv.id, conv, replies, opts.pending);
    this.log.debug({ conversation: conv.id, purpose: opts.purpose }, "bot-initiated question sent");
    return conv.id;
  }

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
    const [conv] = await this.sql.query<{ address: ChannelAddress; pending: unknown; version: number }>("notice_read", READ_CONVERSATION, [conversationId]);
    if (!conv) throw new Error("unknown conversation");
    await this.sendToAddress(conv.address, replies, opts);
    await this.recordAsked(conversationId, conv, replies, opts.pending ?? noticeQuestion(replies) ?? undefined);
    this.log.debug({ conversation: conversationId, purpose: opts.purpose }, "bot-initiated message sent");
  }

  /**
   * Keeps sent replies in the history and sets what they ask as the pending question, in one statement
   * when the conversation is still at the version read before the send; a turn that changed it meanwhile
   * gets the question set again on its new state. Nothing asked: the history only.
   */
  private async recordAsked(conversationId: string, read: { pending: unknown; version: number }, replies: Reply[], asked: PendingUpdate | undefined): Promise<void> {
    if (!asked) {
      await this.sql.query("notice_history", HISTORY, [conversationId, JSON.stringify(replies)]);
      return;
    }
    const current = PendingSchema.safeParse(read.pending ?? undefined);
    const next = typeof asked === "function" ? asked(current.success ? current.data : undefined) : asked;
    const [row] = await this.sql.query<{ updated: number }>("notice_asked", ASKED, [conversationId, Number(read.version), JSON.stringify(next), JSON.stringify(replies)]);
    if (Number(row?.updated ?? 0) !== 1) await this.setPending(conversationId, asked);
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
