import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * True when the phone (E.164) opted out of messages on the channel ("sms" | "whatsapp"). One OptOut row
 * per phone: its channel is "sms", "whatsapp" or "all" (both). Reminders must check this before sending.
 */
export async function isOptedOut(prisma: PrismaClient, phone: string, channel: string): Promise<boolean> {
  const row = await prisma.optOut.findUnique({ where: { phone }, select: { channel: true } });
  return !!row && (row.channel === channel || row.channel === "all");
}

/** Records an opt-out on a channel (an opt-out on the other channel too becomes "all"). */
export async function optOut(prisma: PrismaClient, phone: string, channel: string): Promise<void> {
  const row = await prisma.optOut.findUnique({ where: { phone } });
  if (!row) {
    await prisma.optOut.upsert({ where: { phone }, create: { phone, channel }, update: {} });
    return;
  }
  if (row.channel !== channel && row.channel !== "all") await prisma.optOut.update({ where: { phone }, data: { channel: "all" } });
}

/** Lifts an opt-out on a channel (an "all" row keeps the other channel opted out). */
export async function optIn(prisma: PrismaClient, phone: string, channel: string): Promise<void> {
  const row = await prisma.optOut.findUnique({ where: { phone } });
  if (!row) return;
  if (row.channel === "all") await prisma.optOut.update({ where: { phone }, data: { channel: channel === "sms" ? "whatsapp" : "sms" } });
  else if (row.channel === channel) await prisma.optOut.deleteMany({ where: { phone, channel } });
}
