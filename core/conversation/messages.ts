/** The channels Rezervo talks on. */
export type ChannelName = "web" | "terminal" | "telegram" | "whatsapp" | "sms" | "teams" | "email";

/** Channels that show a reply's choices as a numbered list (bots/render.ts), where "3" picks the third. */
export const NUMBERED_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(["terminal", "whatsapp", "sms", "email"]);

/** A choice the customer can pick; `id` is opaque to channels and at most 48 ASCII characters. */
export interface Choice {
  id: string;
  label: string;
  /**
   * Other words this choice answers to when typed (a city, catalog aliases): kept with the prompt's
   * choices in the conversation state, never sent to channels.
   */
  terms?: string[];
}

/** A channel-neutral reply from the dialog core. */
export interface Reply {
  text: string;
  choices?: Choice[];
  link?: { url: string; label: string };
  /** A hint for channels that can ask for a phone number natively (Telegram's contact button). */
  requestContact?: boolean;
  /** A hint that the choices are days (the widget shows a day picker). */
  kind?: "days" | "slots";
}

/** What a sender needs to reach a conversation later (like Bot Framework's ConversationReference). */
export interface ChannelAddress {
  channel: ChannelName;
  /** The channel's id for the chat: Telegram chat id, E.164 phone, web session id ... */
  externalId: string;
  /** Channel-specific extras (Teams serviceUrl, conversation reference ...). */
  extra?: Record<string, unknown>;
}

/** The content of an inbound message, whatever the channel. */
export type InboundContent =
  | { kind: "text"; text: string }
  | { kind: "choice"; id: string }
  | { kind: "command"; name: string; args?: string }
  | { kind: "contact"; phone: string }
  /** Something the bot cannot read (sticker, photo, voice note, location, empty body). */
  | { kind: "unsupported"; what: string };

/** A message arriving from a channel, already verified and converted by its adapter. */
export interface InboundMessage {
  address: ChannelAddress;
  /** The platform's own id of this message (update_id, MessageSid, clientMessageId ...): dedup key. */
  messageId: string;
  content: InboundContent;
  /** Language hint from the platform on first contact (e.g. Telegram language_code). */
  langHint?: string;
  /** What the platform tells us about the sender. */
  profile?: { name?: string; phone?: string };
  /**
   * What the platform vouches for about the sender (set by an adapter only after checking it): a
   * Telegram contact whose user_id is the sender's own, an authenticated Teams user's AAD object id.
   */
  proof?: { kind: "phone" | "aad"; value: string; via: "telegram_contact" | "teams" };
}

/** What a channel can show. */
export interface Capabilities {
  /** Native buttons (inline keyboard, widget buttons, suggested actions). */
  buttons: boolean;
  maxButtons: number;
  maxTextLength: number;
  /** Plain-text channel that needs choices as a numbered list ("1. ..."). */
  numberedChoices: boolean;
  /** Transliterate to GSM-7 (SMS). */
  gsm7?: boolean;
}

/** An adapter that sends replies to an address on its channel. */
export interface ChannelSender {
  readonly channel: ChannelName;
  send(address: ChannelAddress, replies: Reply[], opts?: { purpose?: string }): Promise<void>;
}
