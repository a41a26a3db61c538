import type { ChannelName, InboundMessage } from "./messages.ts";

/**
 * Characters no customer can see and PostgreSQL may refuse: C0 controls except tab and newline (NUL
 * cannot be stored in text or jsonb), DEL and C1 controls, bidi embeddings/overrides (U+202A–U+202E)
 * and isolates (U+2066–U+2069), which can make a text read differently from what it holds.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text fit to store and show: line breaks normalised to "\n" (a CR is a control character too), lone
 * UTF-16 surrogates (invalid Unicode, refused by PostgreSQL's jsonb) and invisible control or bidi
 * characters removed. Everything else, emoji and every script included, is kept as typed.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(LONE_SURROGATE, "").replace(INVISIBLE, "");
}

/** Every string in a JSON-like value cleaned with {@link cleanText}, keys included. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[cleanText(k)] = cleanDeep(v);
    return out as T;
  }
  return value;
}

/**
 * The longest text a customer may send in one message on each channel, in UTF-16 units (what the
 * platform itself allows, or less where a longer message makes no sense for a booking chat).
 */
export const INBOUND_TEXT_LIMIT: Record<ChannelName, number> = {
  web: 2000,
  terminal: 2000,
  telegram: 4096,
  whatsapp: 4096,
  sms: 1600,
  teams: 4000,
  email: 10_000,
};

/** What checking an inbound message found: the cleaned message, and the limit when its text is over it. */
export interface InboundCheck {
  msg: InboundMessage;
  tooLong?: number;
}

/**
 * The one gate every inbound message passes before a turn: every string in it cleaned (text, choice
 * ids, commands, contact, profile, address, message id), and text over the channel's limit flagged —
 * the caller answers the customer, never cuts the text silently.
 */
export function checkInbound(msg: InboundMessage): InboundCheck {
  const max = INBOUND_TEXT_LIMIT[msg.address.channel] ?? 2000;
  const c = msg.content;
  const raw = c.kind === "text" ? c.text : c.kind === "command" ? (c.args ?? "") : "";
  return raw.length > max ? { msg: cleanDeep(msg), tooLong: max } : { msg: cleanDeep(msg) };
}
