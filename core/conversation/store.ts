// The conversation's own statements, in plain SQL (one round trip each): the start of a turn (was this
// platform message handled, the chat's conversation, its rate-limit counter), a turn's save (state,
// processed-message mark, history and counter, with the version check) and a new conversation.
import type { InboundMessage, Reply } from "./messages.ts";
import type { ConversationState } from "./state.ts";
import type { Sql } from "../db/sql.ts";
import { chatCountCte, chatCounter, chatUnderLimit, type ChatCount, type ChatCounter } from "../limits/chat.ts";
import type { Lang } from "../../locales/i18n.ts";

/** A unique-constraint violation, from a Prisma model call (P2002) or a raw query (SQLSTATE 23505). */
export const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; meta?: { code?: string }; message?: string };
  return err?.code === "P2002" || err?.meta?.code === "23505" || /23505|unique constraint/i.test(err?.message ?? "");
};

/** The part of a conversation a turn needs. */
export interface ConversationRow {
  id: string;
  state: unknown;
  version: number;
  lang: string;
}

/** The part of a conversation a turn needs, and what the turn's first statement found. */
export interface Loaded {
  /** The stored replies when this platform message was handled before. */
  seen: { conversationId: string; replies: Reply[] } | null;
  conv: ConversationRow | null;
  /** The session token hash of the conversation (web chat). */
  tokenHash: string | null;
}

const TURN_COLUMNS = `c.id, c.state, c.version, c.lang, c."tokenHash", pm."conversationId" AS "seenConversation", pm.replies AS "seenReplies"`;
const TURN_JOINS = `
    LEFT JOIN "ProcessedMessage" pm ON pm.channel = $1 AND pm."messageId" = $2
    LEFT JOIN "Conversation" c ON c.channel = $1 AND c."externalId" = $3`;

const LOAD_TURN = `
  SELECT ${TURN_COLUMNS}
    FROM (SELECT 1) AS one${TURN_JOINS}`;

/** {@link LOAD_TURN} that also reads the chat's rate-limit counter (PostgreSQL store; $4 its key). */
const COUNTER = chatCounter("rl", "$4");
const LOAD_TURN_LIMIT = `
  SELECT ${TURN_COLUMNS}, ${COUNTER.columns}
    FROM (SELECT 1) AS one${TURN_JOINS}
    ${COUNTER.join}`;

/**
 * One round trip for the start of a turn: was this platform message handled already (then its stored
 * replies), and the conversation of this chat, if there is one. With `counterKey`, the same statement
 * reads the chat's rate-limit counter (`counter`; null when there is none yet).
 */
export async function loadForTurn(sql: Sql, channel: string, messageId: string, externalId: string, counterKey?: string): Promise<Loaded & { counter?: ChatCounter | null }> {
  const rows = await sql.query<{
    id: string | null; state: unknown; version: number | null; lang: string | null; tokenHash: string | null;
    seenConversation: string | null; seenReplies: unknown; chatPoints?: number | string | null; chatExpire?: string | null;
  }>(
    counterKey ? "turn_load_limit" : "turn_load",
    counterKey ? LOAD_TURN_LIMIT : LOAD_TURN,
    counterKey ? [channel, messageId, externalId, counterKey] : [channel, messageId, externalId],
  );
  const r = rows[0];
  const seen = r?.seenConversation ? { conversationId: r.seenConversation, replies: r.seenReplies as Reply[] } : null;
  const conv: ConversationRow | null = r?.id ? { id: r.id, state: r.state, version: Number(r.version), lang: r.lang ?? "sq" } : null;
  const counter = counterKey ? (r?.chatPoints != null ? { points: r.chatPoints, expire: r.chatExpire ?? null } : null) : undefined;
  return { seen, conv, tokenHash: r?.tokenHash ?? null, counter };
}

/** What one turn writes. */
export interface TurnWrite {
  conversationId: string;
  version: number;
  /** The new state as JSON, and its language. */
  stateJson: string;
  lang: Lang;
  channel: string;
  messageId: string;
  replies: Reply[];
  inbound: object;
  now: Date;
  /** The chat's message to count for its rate limit in the same statement (PostgreSQL store). */
  count?: ChatCount;
}

/**
 * Saves a turn in one statement (one round trip, atomic): the new state if the version still matches,
 * the processed-message mark with its replies, and the messages for the history. False on a version
 * conflict (nothing written); a duplicate platform message fails on the processed-message key.
 */
const saveTurnWith = (guard = "") => `
  WITH upd AS (
    UPDATE "Conversation"
       SET state = $1::jsonb, version = version + 1, lang = $2, "lastInboundAt" = $3, "updatedAt" = $3
     WHERE id = $4 AND version = $5${guard}
    RETURNING id
  ), mark AS (
    INSERT INTO "ProcessedMessage" (channel, "messageId", "conversationId", replies)
    SELECT $6, $7, id, $8::jsonb FROM upd
    RETURNING 1
  ), hist AS (
    INSERT INTO "Message" ("conversationId", direction, body)
    SELECT upd.id, m.e->>'direction', m.e->'body'
      FROM upd, jsonb_array_elements($9::jsonb) WITH ORDINALITY AS m(e, n)
     ORDER BY m.n
    RETURNING 1
  )`;
const SAVE_TURN = `${saveTurnWith()}
  SELECT count(*)::int AS updated FROM upd`;
/** {@link SAVE_TURN} that also counts the message for the chat's rate limit when it saved ($10–$12). */
const SAVE_TURN_COUNTED = `${saveTurnWith()}, ${chatCountCte(10, "upd")}
  SELECT count(*)::int AS updated FROM upd`;
/**
 * {@link SAVE_TURN_COUNTED} for a turn run from this instance's copy: it saves only while the
 * conversation still belongs to the chat ($13 its id on the channel; an erasure changes it for SMS and
 * WhatsApp) and the chat is within its rate limit ($14 messages per window), which the turn did not read.
 */
const SAVE_TURN_FROM_COPY = `${saveTurnWith(`
       AND "externalId" = $13 AND ${chatUnderLimit("$10", "$12", "$14")}`)}, ${chatCountCte(10, "upd")}
  SELECT count(*)::int AS updated FROM upd`;

/** Saves a turn (see {@link SAVE_TURN}); with `fromCopy`, only under {@link SAVE_TURN_FROM_COPY}'s conditions. */
export async function saveTurn(sql: Sql, w: TurnWrite, fromCopy?: { externalId: string; points: number }): Promise<boolean> {
  const history = JSON.stringify([{ direction: "in", body: w.inbound }, ...w.replies.map((r) => ({ direction: "out", body: r }))]);
  const values: unknown[] = [
    w.stateJson, w.lang, w.now, w.conversationId, w.version, w.channel, w.messageId, JSON.stringify(w.replies), history,
  ];
  const rows = fromCopy && w.count
    ? await sql.query<{ updated: number }>("turn_save_copy", SAVE_TURN_FROM_COPY, [...values, w.count.key, w.count.expire, w.count.now, fromCopy.externalId, fromCopy.points])
    : w.count
      ? await sql.query<{ updated: number }>("turn_save_counted", SAVE_TURN_COUNTED, [...values, w.count.key, w.count.expire, w.count.now])
      : await sql.query<{ updated: number }>("turn_save", SAVE_TURN, values);
  return Number(rows[0]?.updated ?? 0) === 1;
}

/** A new conversation with its greeting in the history, in one statement. */
export const START_CONVERSATION = `
  WITH conv AS (
    INSERT INTO "Conversation" (id, channel, "externalId", address, lang, state, version, "tokenHash", "createdAt", "updatedAt")
    VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, 0, $7, $8, $8)
    RETURNING id
  )
  INSERT INTO "Message" ("conversationId", direction, body)
  SELECT conv.id, 'out', m.e FROM conv, jsonb_array_elements($9::jsonb) WITH ORDINALITY AS m(e, n)
   ORDER BY m.n`;

/** A new conversation for a chat, unless one was made for it meanwhile (then no row). */
export const CREATE_CONVERSATION = `
  INSERT INTO "Conversation" (id, channel, "externalId", address, lang, state, version, "createdAt", "updatedAt")
  VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, 0, $7, $7)
  ON CONFLICT (channel, "externalId") DO NOTHING
  RETURNING id, state, version, lang`;


/** The inbound message as kept in the history: a pressed choice keeps the label the customer saw. */
export function inboundBody(msg: InboundMessage, state: ConversationState): object {
  const c = msg.content;
  if (c.kind !== "choice") return c;
  const label = state.choices.find((x) => x.id === c.id)?.label;
  return label ? { ...c, label } : c;
}
