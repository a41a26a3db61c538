// Who a conversation is, for managing bookings: the customer linked to it (set at booking), phones and
// emails proved with a one-time code (VerificationCode rows; a proved row keeps codeHash "ok" until it
// expires), and, on SMS/WhatsApp, the conversation's own phone number.
import { createHash, randomInt } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** How long a code may be typed, and how long a proved phone/email stays proved for the conversation. */
export const CODE_TTL_MS = 10 * 60_000;
export const PROVED_TTL_MS = 180 * 86_400_000;
const MAX_ATTEMPTS = 5;
const MAX_CODES_PER_HOUR = 5;
const PROVED = "ok";

/** The phone number a conversation on SMS/WhatsApp comes from (E.164), or null. */
export function ownPhone(channel: string, externalId: string): string | null {
  if (channel !== "sms" && channel !== "whatsapp") return null;
  const digits = externalId.replace(/^whatsapp:/, "").replace(/[^\d+]/g, "");
  return /^\+\d{8,15}$/.test(digits) ? digits : null;
}

/** Everything that identifies the person behind a conversation. */
export interface Identity {
  customerId: string | null;
  phones: string[];
  emails: string[];
}

const hash = (conversationId: string, code: string) => createHash("sha256").update(`${conversationId}:${code}`).digest("hex");

/** Reads the identity of a conversation. */
export async function identityOf(prisma: PrismaClient, conversationId: string, now: Date): Promise<Identity | null> {
  const conv = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { channel: true, externalId: true, customerId: true } });
  if (!conv) return null;
  const proved = await prisma.verificationCode.findMany({
    where: { conversationId, codeHash: PROVED, expiresAt: { gt: now } },
    select: { target: true },
  });
  const phones = new Set<string>();
  const emails = new Set<string>();
  const own = ownPhone(conv.channel, conv.externalId);
  if (own) phones.add(own);
  for (const p of proved) (p.target.includes("@") ? emails : phones).add(p.target);
  return { customerId: conv.customerId, phones: [...phones], emails: [...emails] };
}

/** Customer ids an identity covers. */
export async function customerIds(prisma: PrismaClient, id: Identity): Promise<string[]> {
  const or: object[] = [];
  if (id.phones.length) or.push({ phone: { in: id.phones } });
  if (id.emails.length) or.push({ email: { in: id.emails, mode: "insensitive" } });
  const found = or.length ? await prisma.customer.findMany({ where: { OR: or }, select: { id: true } }) : [];
  const ids = new Set(found.map((c) => c.id));
  if (id.customerId) ids.add(id.customerId);
  return [...ids];
}

/** Creates a code for a target; null when too many were asked for in the last hour. */
export async function newCode(prisma: PrismaClient, conversationId: string, target: string, now: Date): Promise<string | null> {
  const recent = await prisma.verificationCode.count({
    where: { conversationId, codeHash: { not: PROVED }, createdAt: { gt: new Date(now.getTime() - 3600_000) } },
  });
  if (recent >= MAX_CODES_PER_HOUR) return null;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await prisma.verificationCode.create({
    data: { conversationId, target, codeHash: hash(conversationId, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now },
  });
  return code;
}

/** Checks a code against the latest pending one; on success the target is proved for the conversation. */
export async function checkCode(prisma: PrismaClient, conversationId: string, code: string, now: Date): Promise<{ result: "ok" | "wrong" | "expired" | "locked"; target?: string }> {
  const pending = await prisma.verificationCode.findFirst({
    where: { conversationId, codeHash: { not: PROVED } },
    orderBy: { createdAt: "desc" },
  });
  if (!pending || pending.expiresAt <= now) return { result: "expired" };
  if (pending.attempts >= MAX_ATTEMPTS) return { result: "locked" };
  const clean = code.replace(/\D/g, "");
  if (hash(conversationId, clean) !== pending.codeHash) {
    await prisma.verificationCode.update({ where: { id: pending.id }, data: { attempts: { increment: 1 } } });
    return { result: pending.attempts + 1 >= MAX_ATTEMPTS ? "locked" : "wrong" };
  }
  await prisma.verificationCode.update({
    where: { id: pending.id },
    data: { codeHash: PROVED, expiresAt: new Date(now.getTime() + PROVED_TTL_MS) },
  });
  return { result: "ok", target: pending.target };
}
