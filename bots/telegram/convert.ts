import type { Update, User } from "grammy/types";
import type { InboundContent, InboundMessage } from "../../core/conversation/messages.ts";
import { z } from "zod";

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

/** Message kinds the bot cannot read, by the field Telegram sets for them. */
const UNSUPPORTED = [
  "sticker", "photo", "voice", "audio", "video", "video_note", "animation", "document", "location", "venue",
  "poll", "dice", "game", "story", "invoice", "paid_media",
] as const;

/** Telegram sends numbers without "+"; the dialog wants a dialable number. */
function contactPhone(raw: string): string {
  const digits = raw.replace(/[^\d+]/g, "");
  return digits.startsWith("+") ? digits : `+${digits}`;
}

function profile(from: User | undefined): InboundMessage["profile"] {
  if (!from) return undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return name ? { name } : undefined;
}

const UserShape = z.object({ id: z.number(), first_name: z.string().optional(), last_name: z.string().optional(), language_code: z.string().optional() });
const ChatShape = z.object({ id: z.number().int() });
/**
 * The fields of an update the bot reads, with their types: Telegram sends them so, and anything else
 * (a forged or broken update) is dropped rather than allowed to throw in the middle of a turn.
 */
const UpdateShape = z.object({
  update_id: z.number().int(),
  callback_query: z.object({
    id: z.string(),
    from: UserShape,
    data: z.string().optional(),
    message: z.object({ message_id: z.number(), chat: ChatShape }).optional(),
  }).optional(),
  edited_message: z.object({ chat: ChatShape, from: UserShape.optional() }).optional(),
  message: z.object({
    chat: ChatShape,
    from: UserShape.optional(),
    text: z.string().optional(),
    contact: z.object({ phone_number: z.string(), user_id: z.number().optional() }).optional(),
  }).optional(),
});

/** True when the update has the fields the bot reads, each of the type Telegram documents. */
export function isWellFormedUpdate(update: unknown): boolean {
  return UpdateShape.safeParse(update).success;
}

/**
 * A Telegram update as an inbound message (null for updates that are not a customer talking: chat
 * member changes, polls, channel posts ...). The update_id is the dedup key.
 */
export function toInbound(update: Update): InboundMessage | null {
  if (!isWellFormedUpdate(update)) return null;
  const messageId = String(update.update_id);
  const q = update.callback_query;
  if (q) {
    const chatId = q.message?.chat.id ?? q.from.id;
    const content: InboundContent = q.data ? { kind: "choice", id: q.data } : { kind: "unsupported", what: "game" };
    return { address: { channel: "telegram", externalId: String(chatId) }, messageId, content, langHint: q.from.language_code, profile: profile(q.from) };
  }
  const edited = update.edited_message;
  if (edited) {
    return {
      address: { channel: "telegram", externalId: String(edited.chat.id) },
      messageId,
      content: { kind: "unsupported", what: "edited" },
      langHint: edited.from?.language_code,
      profile: profile(edited.from),
    };
  }
  const m = update.message;
  if (!m) return null;
  if (m.new_chat_members || m.left_chat_member || m.pinned_message || m.new_chat_title) return null;
  const base = { address: { channel: "telegram" as const, externalId: String(m.chat.id) }, messageId, langHint: m.from?.language_code };
  const who = profile(m.from);
  if (typeof m.text === "string") {
    const cmd = m.text.trim().match(COMMAND);
    const content: InboundContent = cmd ? { kind: "command", name: cmd[1].toLowerCase(), args: cmd[2]?.trim() || undefined } : { kind: "text", text: m.text };
    return { ...base, content, profile: who };
  }
  if (m.contact) {
    const phone = contactPhone(m.contact.phone_number);
    // Telegram vouches for a contact's number only when it is the sender's own (user_id is theirs); a
    // contact card of someone else, or one without user_id, is just a number typed another way.
    const own = !!m.contact.user_id && m.contact.user_id === m.from?.id;
    return {
      ...base,
      content: { kind: "contact", phone },
      profile: own ? { ...who, phone } : who,
      ...(own ? { proof: { kind: "phone" as const, value: phone, via: "telegram_contact" as const } } : {}),
    };
  }
  const what = UNSUPPORTED.find((k) => (m as unknown as Record<string, unknown>)[k] !== undefined) ?? "other";
  return { ...base, content: { kind: "unsupported", what }, profile: who };
}
