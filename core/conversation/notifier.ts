import type { ChannelAddress, ChannelName, ChannelSender, Reply } from "./messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { randomUUID } from "node:crypto";
import type { Lang } from "../../locales/i18n.ts";
import { prismaSql, type Sql } from "../db/sql.ts";
import type { Logger } from "../log.ts";
import { ConversationStateSchema, initialState, type PendingQuestion } from "./state.ts";
import { noticeQuestion, type PendingUpdate } from "./pending.ts";

const PendingSchema = ConversationStateSchema.shape.pending.unwrap();

/**
 * The conversations of a batch of questions: by id when known, else the one of the channel address, made
 * when there is none (as an inbound message would make it). Existing rows are only read, never
 * rewritten; missing ones are made in the same statement (a row made meanwhile by another writer is
 * skipped by ON CONFLICT DO NOTHING and read on the next try). One row per found or made `n`. $2 repeats
 * the conversation ids wanted as an array, so they are looked up by primary key (see {@link ASKED_MANY});
 * the lookup by address already goes by the (channel, chat id) index (an array of chat ids there made a
 * generic plan that read every conversation of the channel: 200 ms a batch in the reminders bench).
 */
const CONVERSATIONS_FOR = `
  WITH want AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(n int, conv text, channel text, "externalId" text, id text, lang text, state jsonb)
  ), by_id AS (
    SELECT w.n, c.id, c.address, c.state->'pending' AS pending, c.version FROM want w JOIN "Conversation" c ON c.id = w.conv
     WHERE c.id = ANY($2::text[])
  ), by_address AS (
    SELECT w.n, c.id, c.address, c.state->'pending' AS pending, c.version
      FROM want w JOIN "Conversation" c ON c.channel = w.channel AND c."externalId" = w."externalId"
     WHERE w.conv IS NULL
  ), made AS (
    INSERT INTO "Conversation" (id, channel, "externalId", address, lang, state, version, "createdAt", "updatedAt")
    SELECT w.id, w.channel, w."externalId", jsonb_build_object('channel', w.channel, 'externalId', w."externalId"), w.lang, w.state, 0, now(), now()
      FROM want w
     WHERE w.conv IS NULL AND NOT EXISTS (SELECT 1 FROM by_address a WHERE a.n = w.n)
     ORDER BY w.channel, w."externalId"
    ON CONFLICT (channel, "externalId") DO NOTHING
    RETURNING id, channel, "externalId", address, state->'pending' AS pending, version
  )
  SELECT n, id, address, pending, version FROM by_id
  UNION ALL SELECT n, id, address, pending, version FROM by_address
  UNION ALL SELECT w.n, m.id, m.address, m.pending, m.version
    FROM made m JOIN want w ON w.conv IS NULL AND w.channel = m.channel AND w."externalId" = m."externalId"`;

/**
 * The sent replies of a batch in the history, and each conversation's question set if it is still at
 * the version read before the sends (rows locked in id order, so two batches never wait on each other
 * in a cycle). Returns the conversations whose question was set. $2 repeats the ids as an array: the
 * planner reads a JSON record set as 100 rows and, on a large table, would rather scan it whole than look
 * 100 ids up; an id array lets it go by the primary key.
 */
const ASKED_MANY = `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(n int, id text, version int, pending jsonb, replies jsonb)
  ), locked AS (
    SELECT c.id FROM "Conversation" c JOIN v ON c.id = v.id AND c.version = v.version
     WHERE c.id = ANY($2::text[])
     ORDER BY c.id FOR UPDATE OF c
  ), upd AS (
    UPDATE "Conversation" c SET state = jsonb_set(c.state, '{pending}', v.pending), version = c.version + 1
      FROM v JOIN locked l ON l.id = v.id
     WHERE c.id = v.id AND c.version = v.version AND c.id = ANY($2::text[])
    RETURNING c.id
  ), hist AS (
    INSERT INTO "Message" ("conversationId", direction, body)
    SELECT v.id, 'out', m.e FROM v, jsonb_array_elements(v.replies) WITH ORDINALITY AS m(e, k)
     ORDER BY v.n, m.k
    RETURNING 1
  )
  SELECT id FROM upd`;

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

/** A question for {@link Notifier.askMany}. */
export interface Asking {
  /** Where it goes when `conversationId` is not given (its conversation is found or made by address). */
  address: ChannelAddress;
  /** The conversation to keep it in (sent to that conversation's stored address). */
  conversationId?: string;
  lang: Lang;
  replies: Reply[];
  purpose?: string;
  pending: PendingUpdate;
}

/** A conversation as read before a send: where it is, and the question pending with the state's version. */
type AskedConversation = { id: string; address: ChannelAddress; pending: unknown; version: number };

/** Questions asked one after another in one conversation, as one update (each applied to the one before). */
function chain(asked: PendingUpdate[]): PendingUpdate {
  if (asked.length === 1) return asked[0]!;
  return (current) => asked.reduce<PendingQuestion | undefined>((q, a) => (typeof a === "function" ? a(q) : a), current)!;
}

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
 * Whether a send was refused for good by the platform, not by the customer's choice (WhatsApp outside its
 * 24-hour window with no template): what a WhatsApp message's SMS fallback to the same phone is for.
 */
export const refusedByPlatform = (err: unknown): boolean => err instanceof PermanentSendError && err.outcome === "failed";

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
   * what it asks as that conversation's pending question ({@link Notifier.askMany} for one question).
   * Returns the conversation id.
   */
  async sendAsking(address: ChannelAddress, lang: Lang, replies: Reply[], opts: { purpose?: string; pending: PendingUpdate }): Promise<string> {
    const [out] = await this.askMany([{ address, lang, replies, ...opts }]);
    if (out instanceof Error) throw out;
    return out!;
  }

  /**
   * Sends questions at once, each kept in its conversation: `conversationId`'s when given, else the one
   * its address's answers arrive in (made now when the customer never wrote there). Two statements for
   * the whole batch around the sends: the conversations found or made, then the history and the
   * questions (a conversation changed meanwhile by a turn gets its question set again on the new state).
   * Questions to one conversation are applied in order (a reminder joins the one asked before it).
   * Returns per question its conversation id, or the error it failed with (the send's, or the database's).
   * `gate` bounds the sends in flight (they wait for a place in it).
   */
  async askMany(items: Asking[], opts: { gate?: <T>(send: () => Promise<T>) => Promise<T> } = {}): Promise<(string | Error)[]> {
    if (!items.length) return [];
    let convs: (AskedConversation | Error)[];
    try {
      convs = await this.conversationsFor(items);
    } catch (err) {
      return items.map(() => err as Error);
    }
    const sent = await Promise.all(items.map(async (item, i) => {
      const conv = convs[i]!;
      if (conv instanceof Error) return conv;
      try {
        const send = () => this.sendToAddress(conv.address, item.replies, { purpose: item.purpose });
        await (opts.gate ? opts.gate(send) : send());
        return null;
      } catch (err) {
        return err as Error;
      }
    }));
    // Grouped by conversation, in the order asked: one row each, its questions applied one after another.
    const groups = new Map<string, { read: AskedConversation; replies: Reply[]; asked: PendingUpdate[] }>();
    items.forEach((item, i) => {
      const conv = convs[i]!;
      if (sent[i] || conv instanceof Error) return;
      const g = groups.get(conv.id) ?? { read: conv, replies: [], asked: [] };
      g.replies.push(...item.replies);
      g.asked.push(item.pending);
      groups.set(conv.id, g);
    });
    const rows = [...groups.values()].map((g) => ({ id: g.read.id, read: g.read, replies: g.replies, asked: chain(g.asked) }));
    let failed = new Map<string, Error>();
    if (rows.length) {
      // One statement for all; when it fails (nothing of it written), each conversation is recorded on its
      // own, so one that cannot be written fails only its own questions.
      failed = await this.recordAskedMany(rows).catch(async () => {
        const each = new Map<string, Error>();
        for (const r of rows) await this.recordAsked(r.id, r.read, r.replies, r.asked).catch((err: Error) => each.set(r.id, err));
        return each;
      });
    }
    return items.map((item, i) => {
      const conv = convs[i]!;
      if (conv instanceof Error) return conv;
      const error = sent[i] ?? failed.get(conv.id);
      if (error) return error;
      this.log.debug({ conversation: conv.id, purpose: item.purpose }, "bot-initiated question sent");
      return conv.id;
    });
  }

  /** The conversations of {@link Notifier.askMany}'s questions, found or made (one statement; again on a race). */
  private async conversationsFor(items: Asking[]): Promise<(AskedConversation | Error)[]> {
    // One row per conversation wanted: questions to the same conversation or address share it.
    const keyOf = (item: Asking) => item.conversationId ?? `${item.address.channel}\u0000${item.address.externalId}`;
    const want = new Map<string, { n: number; item: Asking }>();
    for (const item of items) if (!want.has(keyOf(item))) want.set(keyOf(item), { n: want.size, item });
    const found = new Map<number, AskedConversation>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const missing = [...want.values()].filter((w) => !found.has(w.n) && (attempt === 0 || !w.item.conversationId));
      if (!missing.length) break;
      const rows = await this.sql.query<AskedConversation & { n: number }>("notice_conversations", CONVERSATIONS_FOR, [
        JSON.stringify(missing.map(({ n, item }) => ({
          n, conv: item.conversationId ?? null, channel: item.address.channel, externalId: item.address.externalId,
          id: randomUUID(), lang: item.lang, state: initialState(item.lang),
        }))),
        missing.flatMap(({ item }) => (item.conversationId ? [item.conversationId] : [])),
      ]);
      for (const r of rows) found.set(Number(r.n), { id: r.id, address: r.address, pending: r.pending, version: Number(r.version) });
    }
    return items.map((item) => {
      const w = want.get(keyOf(item))!;
      return found.get(w.n) ?? new Error(item.conversationId ? "unknown conversation" : "conversation not found or made");
    });
  }

  /**
   * {@link Notifier.recordAsked} for many conversations in one statement; those changed since they were
   * read get their question set again on their new state. Returns the conversations where that failed.
   */
  private async recordAskedMany(rows: { id: string; read: { pending: unknown; version: number }; replies: Reply[]; asked: PendingUpdate }[]): Promise<Map<string, Error>> {
    const values = rows.map((r, n) => {
      const current = PendingSchema.safeParse(r.read.pending ?? undefined);
      const next = typeof r.asked === "function" ? r.asked(current.success ? current.data : undefined) : r.asked;
      return { n, id: r.id, version: Number(r.read.version), pending: next, replies: r.replies };
    });
    const set = await this.sql.query<{ id: string }>("notice_asked_many", ASKED_MANY, [JSON.stringify(values), values.map((v) => v.id)]);
    const updated = new Set(set.map((r) => r.id));
    const failed = new Map<string, Error>();
    for (const r of rows) {
      if (!updated.has(r.id)) await this.setPending(r.id, r.asked).catch((err: Error) => failed.set(r.id, err));
    }
    return failed;
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
  async sendToConversation(conversationId: string, replies: Reply[], opts: { purpose?: string; pending?: PendingUpdate; smsFallback?: boolean } = {}): Promise<void> {
    const [conv] = await this.sql.query<{ address: ChannelAddress; pending: unknown; version: number }>("notice_read", READ_CONVERSATION, [conversationId]);
    if (!conv) throw new Error("unknown conversation");
    try {
      await this.sendToAddress(conv.address, replies, opts);
    } catch (err) {
      // `smsFallback`: WhatsApp refused it for good (outside its 24-hour window with no template): the same
      // message goes by SMS to the same phone (a staff answer the next day), and is recorded as sent here.
      if (!opts.smsFallback || conv.address.channel !== "whatsapp" || !refusedByPlatform(err) || !this.has("sms")) throw err;
      await this.sendToAddress({ channel: "sms", externalId: conv.address.externalId }, replies, opts);
      this.log.info({ conversation: conversationId, purpose: opts.purpose }, "WhatsApp refused a bot-initiated message; sent by SMS");
    }
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
