import type { ChannelAddress, ChannelName } from "../conversation/messages.ts";
import type { Notifier } from "../conversation/notifier.ts";
import { coversChannel } from "../optout/service.ts";

/** Where one reminder goes: an address, and the conversation to record it in when there is one. */
export interface ReminderTarget {
  channel: ChannelName;
  address: ChannelAddress;
  conversationId?: string;
  /**
   * Where the reminder goes instead when this channel refuses it for good: a WhatsApp booking's SMS to
   * the same phone (WhatsApp outside its 24-hour window with no template, or the number opted out there).
   */
  fallback?: ReminderTarget;
}

/** A conversation of the customer (or the one the booking was made in). */
export interface TargetConversation {
  id: string;
  channel: string;
  address: ChannelAddress;
  customerId: string | null;
}

/** The customer and booking facts that decide where reminders go (read together with the booking). */
export interface TargetInput {
  bookingChannel: string;
  conversationId: string | null;
  customer: { id: string; phone: string | null; email: string | null; notifyChannels: string[]; smsOptOut: boolean };
  /** The OptOut row's channel for the customer's phone (read with coversChannel), null when none. */
  optOut: string | null;
  /** The customer's conversations and the booking's own, newest first. */
  conversations: TargetConversation[];
}

/**
 * The reminder channels for a booking: the customer's choice ("njoftimet"), else the channel they booked
 * on plus SMS when a phone is known. A booking made on WhatsApp is reminded there only, with the SMS to
 * the same phone kept as its fallback (one reminder per phone, as a waiting list offer). Channels without
 * a registered sender, opted-out numbers and channels with no address for this customer are left out.
 */
export function reminderTargets(notifier: Notifier, input: TargetInput): ReminderTarget[] {
  const c = input.customer;
  const wanted = c.notifyChannels.length ? c.notifyChannels : [input.bookingChannel, ...(c.phone ? ["sms"] : [])];
  const out: ReminderTarget[] = [];
  for (const channel of [...new Set(wanted)] as ChannelName[]) {
    if (!notifier.has(channel)) continue;
    if (channel === "email") {
      if (c.email) out.push({ channel, address: { channel, externalId: c.email } });
      continue;
    }
    if (channel === "sms" || channel === "whatsapp") {
      const optedOut = coversChannel(input.optOut, channel);
      if (!c.phone || (channel === "sms" && c.smsOptOut) || optedOut) continue;
      const conv = conversationOn(input, channel);
      out.push(conv ?? { channel, address: { channel, externalId: c.phone } });
      continue;
    }
    const conv = conversationOn(input, channel);
    if (conv) out.push(conv);
  }
  if (!c.notifyChannels.length && input.bookingChannel === "whatsapp") {
    const chat = out.find((t) => t.channel === "whatsapp");
    const sms = out.find((t) => t.channel === "sms");
    if (chat && sms) return out.flatMap((t) => (t === sms ? [] : t === chat ? [{ ...chat, fallback: sms }] : [t]));
  }
  return out;
}

/** The booking's own conversation when it is on that channel, else the customer's newest one there. */
function conversationOn(input: TargetInput, channel: ChannelName): ReminderTarget | null {
  const conv = input.conversationId && input.bookingChannel === channel
    ? input.conversations.find((c) => c.id === input.conversationId)
    : input.conversations.find((c) => c.customerId === input.customer.id && c.channel === channel);
  return conv ? { channel, address: conv.address, conversationId: conv.id } : null;
}
