import type { ChannelAddress, ChannelName } from "../../bots/channel.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Notifier } from "../conversation/notifier.ts";
import { optedOut } from "./optout.ts";

/** Where one reminder goes: an address, and the conversation to record it in when there is one. */
export interface ReminderTarget {
  channel: ChannelName;
  address: ChannelAddress;
  conversationId?: string;
}

/** The customer and booking facts that decide where reminders go. */
export interface TargetInput {
  bookingChannel: string;
  conversationId: string | null;
  customer: { id: string; phone: string | null; email: string | null; notifyChannels: string[]; smsOptOut: boolean };
}

/**
 * The reminder channels for a booking: the customer's choice ("njoftimet"), else the channel they booked
 * on plus SMS when a phone is known. Channels without a registered sender, opted-out numbers and
 * channels with no address for this customer are left out.
 */
export async function reminderTargets(prisma: PrismaClient, notifier: Notifier, input: TargetInput): Promise<ReminderTarget[]> {
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
      if (!c.phone || (channel === "sms" && c.smsOptOut) || (await optedOut(prisma, c.phone, channel))) continue;
      const conv = await conversationOn(prisma, input, channel);
      out.push(conv ?? { channel, address: { channel, externalId: c.phone } });
      continue;
    }
    const conv = await conversationOn(prisma, input, channel);
    if (conv) out.push(conv);
  }
  return out;
}

async function conversationOn(prisma: PrismaClient, input: TargetInput, channel: ChannelName): Promise<ReminderTarget | null> {
  const where = input.conversationId && input.bookingChannel === channel
    ? { id: input.conversationId }
    : { customerId: input.customer.id, channel };
  const conv = await prisma.conversation.findFirst({ where, orderBy: { updatedAt: "desc" }, select: { id: true, address: true } });
  return conv ? { channel, address: conv.address as unknown as ChannelAddress, conversationId: conv.id } : null;
}
