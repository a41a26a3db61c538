import type { PrismaClient } from "../../generated/prisma/client.ts";

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
 * True when the phone opted out of messages on the channel (OptOut table; a row for channel "all" covers
 * every channel). The Twilio channel writes these rows on STOP / NDALO.
 */
export async function optedOut(prisma: PrismaClient, phone: string, channel: string): Promise<boolean> {
  const row = await prisma.optOut.findUnique({ where: { phone }, select: { channel: true } });
  return !!row && (row.channel === channel || row.channel === "all" || row.channel === "*");
}
