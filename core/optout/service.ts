import { createHash } from "node:crypto";
// Opt-outs from messages the bot sends by SMS and WhatsApp: the keywords that stop and restart them, and
// the stored records (one OptOut row per phone). The Twilio channel writes them on STOP / START; every
// sender, the reminders and the one-time codes read them here.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Sql } from "../db/sql.ts";

/** Channels a phone can opt out of. */
export type OptOutChannel = "sms" | "whatsapp";

/** Opt-out and opt-in keywords (whole message, any case, accents and punctuation ignored). */
const STOP = new Set(["STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "END", "QUIT", "OPTOUT", "OPT OUT", "NDALO", "NDAL", "MJAFT", "CREGJISTROHU"]);
const START = new Set(["START", "UNSTOP", "OPTIN", "OPT IN", "FILLO", "RIFILLO"]);

/** "stop" or "start" when the whole message is an opt-out / opt-in keyword. */
export function optKeyword(text: string): "stop" | "start" | null {
  const k = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase().replace(/[^A-Z ]/g, "").replace(/\s+/g, " ").trim();
  if (STOP.has(k)) return "stop";
  if (START.has(k)) return "start";
  return null;
}

/**
 * Whether a stored OptOut row's channel covers a channel: "sms", "whatsapp", or "all" (both; rows
 * written as "*" by earlier versions mean the same).
 */
export function coversChannel(stored: string | null | undefined, channel: string): boolean {
  return !!stored && (stored === channel || stored === "all" || stored === "*");
}

/**
 * How an opt-out is kept once its owner erased their data: a sha256 of the phone, so "STOP" still holds
 * without the number being stored.
 */
export const optOutHash = (phone: string) => `sha256:${createHash("sha256").update(phone).digest("hex")}`;

/** The stored opt-out of a phone: its own row, or the hashed one kept after an erasure. */
async function storedOptOut(prisma: PrismaClient, phone: string) {
  const rows = await prisma.optOut.findMany({ where: { phone: { in: [phone, optOutHash(phone)] } } });
  return rows.find((r) => r.phone === phone) ?? rows[0] ?? null;
}

/** The SQL behind {@link storedOptOutChannels}: the opt-out rows of phones and of their hashes ($1). */
const OPT_OUT_ROWS = `SELECT phone, channel FROM "OptOut" WHERE phone = ANY($1::text[])`;

/**
 * The stored opt-out channel of each phone (its own row, or the hashed one kept after an erasure; null
 * when none), for many phones in one statement. See {@link coversChannel} for what a channel covers.
 */
export async function storedOptOutChannels(sql: Sql, phones: string[]): Promise<(string | null)[]> {
  const keys = [...new Set(phones.flatMap((p) => [p, optOutHash(p)]))];
  const rows = await sql.query<{ phone: string; channel: string }>("optout_rows", OPT_OUT_ROWS, [keys]);
  const by = new Map(rows.map((r) => [r.phone, r.channel]));
  return phones.map((p) => by.get(p) ?? by.get(optOutHash(p)) ?? null);
}

/** True when the phone (E.164) opted out of messages on the channel. */
export async function isOptedOut(prisma: PrismaClient, phone: string, channel: string): Promise<boolean> {
  return coversChannel((await storedOptOut(prisma, phone))?.channel, channel);
}

/** Records an opt-out on a channel (an opt-out on the other channel too becomes "all"). */
export async function optOut(prisma: PrismaClient, phone: string, channel: OptOutChannel): Promise<void> {
  const row = await prisma.optOut.findUnique({ where: { phone } });
  if (!row) {
    await prisma.optOut.upsert({ where: { phone }, create: { phone, channel }, update: {} });
    return;
  }
  if (!coversChannel(row.channel, channel)) await prisma.optOut.update({ where: { phone }, data: { channel: "all" } });
}

/** Lifts an opt-out on a channel (an "all" row keeps the other channel opted out). */
export async function optIn(prisma: PrismaClient, phone: string, channel: OptOutChannel): Promise<void> {
  const row = await storedOptOut(prisma, phone);
  if (!row) return;
  const key = row.phone;
  if (row.channel === "all" || row.channel === "*") await prisma.optOut.update({ where: { phone: key }, data: { channel: channel === "sms" ? "whatsapp" : "sms" } });
  else if (row.channel === channel) await prisma.optOut.deleteMany({ where: { phone: key, channel } });
}
