import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * True when the phone opted out of messages on the channel (OptOut table; a row for channel "all" covers
 * every channel). The Twilio channel writes these rows on STOP / NDALO.
 */
export async function optedOut(prisma: PrismaClient, phone: string, channel: string): Promise<boolean> {
  const row = await prisma.optOut.findUnique({ where: { phone }, select: { channel: true } });
  return !!row && (row.channel === channel || row.channel === "all" || row.channel === "*");
}
