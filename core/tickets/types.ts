import type { ChannelName } from "../conversation/messages.ts";

/** The kinds of support ticket a customer can open. */
export const TICKET_KINDS = ["technical", "specialised", "complaint"] as const;

/** A kind of support ticket. */
export type TicketKind = (typeof TICKET_KINDS)[number];

/** A ticket as desks and dialogs see it. */
export interface TicketView {
  id: string;
  number: number;
  /** "T-1042" */
  label: string;
  conversationId: string;
  /** The customer's first name, when known. */
  customerName: string | null;
  channel: ChannelName | string;
  kind: TicketKind | string;
  description: string;
  bookingId: string | null;
  bookingRef: string | null;
  /** "open" | "taken" | "closed" */
  status: string;
  takenBy: string | null;
  slackChannel: string | null;
  slackTs: string | null;
  lang: "sq" | "en";
  createdAt: Date;
  closedAt: Date | null;
}

/** One line of the conversation attached to a ticket. */
export interface TranscriptLine {
  /** "customer" or "bot" */
  from: "customer" | "bot";
  text: string;
  at: Date;
}

/**
 * Where staff learn about tickets (Slack channel, email). Desks are told after the database has the
 * change; a desk that fails is logged and does not undo the ticket.
 */
export interface TicketDesk {
  readonly name: string;
  created(ticket: TicketView, transcript: TranscriptLine[]): Promise<void>;
  customerMessage(ticket: TicketView, text: string): Promise<void>;
  closedByCustomer(ticket: TicketView): Promise<void>;
  reopened(ticket: TicketView, text: string): Promise<void>;
  /** The ticket is still untaken long after it was announced. */
  reannounce?(ticket: TicketView): Promise<void>;
}

/**
 * Channels that show choices as a numbered list (bots/render.ts renderNumbered): the customer's "1", "2"
 * are matched against the choices of the last dialog prompt (ConversationState.choices), so messages the
 * bot starts itself must not carry choices there.
 */
const NUMBERED_CHANNELS: ReadonlySet<string> = new Set<ChannelName>(["sms", "whatsapp", "terminal"]);

/** Whether a channel answers choices by number (see NUMBERED_CHANNELS). */
export function numberedChannel(channel: string): boolean {
  return NUMBERED_CHANNELS.has(channel);
}

/** Formats a ticket number the way customers and staff see it. */
export function ticketLabel(n: number): string {
  return `T-${n}`;
}

/** The first word of a name, for messages to staff and customers. */
export function firstName(name: string | null | undefined): string | null {
  const first = (name ?? "").trim().split(/\s+/)[0];
  return first ? first : null;
}
