import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Lang } from "../../locales/i18n.ts";
import type { ChannelAddress } from "./messages.ts";
import { initialState } from "./state.ts";

/**
 * The conversation of a channel address, made as an inbound message from it would make it (that
 * address, a fresh state at the menu) when the customer never wrote there: a bot-initiated message to
 * an SMS number is then kept in the same conversation the number's answers arrive in.
 */
export async function conversationAt(prisma: PrismaClient, address: ChannelAddress, lang: Lang): Promise<string> {
  const { channel, externalId } = address;
  const row = await prisma.conversation.upsert({
    where: { channel_externalId: { channel, externalId } },
    create: { channel, externalId, address: { channel, externalId }, lang, state: initialState(lang) as object },
    update: {},
    select: { id: true },
  });
  return row.id;
}
