// Who a conversation is, for seeing and changing bookings. Access needs proof: a conversation sees the
// bookings made in it, and those whose contact phone or email it has proven (Proof rows: a one-time code
// typed back, a Telegram contact shared by its owner; on SMS/WhatsApp the sender's own number). On Teams
// an authenticated AAD object id joins the person's Teams conversations. Typed contact details are data
// of a booking, never proof.
import { createHash, randomInt } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** How long a code may be typed, and how long a proved phone/email stays proved for the conversation. */
export const CODE_TTL_MS = 10 * 60_000;
export const PROVED_TTL_MS = 180 * 86_400_000;
/** Wrong tries before a code is dead. */
export const MAX_CODE_ATTEMPTS = 5;

/** What can be proven about the person behind a conversation. */
export type ProofKind = "phone" | "email" | "aad";
/** How it was proven. */
export type ProofVia = "code" | "sender" | "telegram_contact" | "teams";

/** The phone number a conversation on SMS/WhatsApp comes from (E.164), or null. */
export function ownPhone(channel: string, externalId: string): string | null {
  if (channel !== "sms" && channel !== "whatsapp") return null;
  const digits = externalId.replace(/^whatsapp:/, "").replace(/[^\d+]/g, "");
  return /^\+\d{8,15}$/.test(digits) ? digits : null;
}

/** Everything proven about the person behind a conversation. */
export interface Identity {
  conversationId: string;
  /** The customer record the conversation is linked to (its own typed details, or a proven record). */
  customerId: string | null;
  phones: string[];
  emails: string[];
  /** Conversations of the same authenticated person (Teams), this one included. */
  conversationIds: string[];
}

type Db = Pick<PrismaClient, "$queryRawUnsafe" | "proof">;

/** A conversation's row with its live proofs, as {@link identityOf} reads it. */
export interface IdentityRow {
  channel: string;
  externalId: string;
  customerId: string | null;
  proofs: { kind: string; value: string }[] | string;
}

/**
 * The select list of a conversation `c` with its proofs live at `now` (the SQL parameter `now`, e.g.
 * "$3"): for statements that read an identity along with something else.
 */
export const identityColumns = (now: string) => `c.channel, c."externalId", c."customerId",
       (SELECT coalesce(json_agg(json_build_object('kind', p.kind, 'value', p.value)), '[]'::json)
          FROM "Proof" p
         WHERE p."conversationId" = c.id AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})) AS proofs`;

/** Reads what a conversation has proven: the conversation and its live proofs in one statement. */
export async function identityOf(prisma: Db, conversationId: string, now: Date): Promise<Identity | null> {
  const rows = await prisma.$queryRawUnsafe<IdentityRow[]>(`SELECT ${identityColumns("$2")} FROM "Conversation" c WHERE c.id = $1`, conversationId, now);
  return rows[0] ? identityFromRow(prisma, conversationId, rows[0]) : null;
}

/** What a conversation has proven of phones and emails, and its customer record: from its row alone. */
export type ProvenContacts = Pick<Identity, "customerId" | "phones" | "emails">;

/**
 * The phones and emails a conversation's row ({@link identityColumns}) proves, without a query: what a
 * booking's customer record is chosen by. Its Teams sign-ins (aad proofs) come in `aad`.
 */
export function provenContacts(conv: IdentityRow): ProvenContacts & { aad: string[] } {
  const proofs = typeof conv.proofs === "string" ? (JSON.parse(conv.proofs) as { kind: string; value: string }[]) : conv.proofs;
  const phones = new Set<string>();
  const emails = new Set<string>();
  const aad: string[] = [];
  const own = ownPhone(conv.channel, conv.externalId);
  if (own) phones.add(own);
  for (const p of proofs) {
    if (p.kind === "phone") phones.add(p.value);
    else if (p.kind === "email") emails.add(p.value);
    else if (p.kind === "aad") aad.push(p.value);
  }
  return { customerId: conv.customerId, phones: [...phones], emails: [...emails], aad };
}

/** The identity of a conversation from its row ({@link identityColumns}); Teams sign-ins join the person's other conversations. */
export async function identityFromRow(prisma: Pick<PrismaClient, "proof">, conversationId: string, conv: IdentityRow): Promise<Identity> {
  const { aad, ...contacts } = provenContacts(conv);
  const conversationIds = new Set([conversationId]);
  if (aad.length) {
    const same = await prisma.proof.findMany({ where: { kind: "aad", value: { in: aad } }, select: { conversationId: true } });
    for (const s of same) conversationIds.add(s.conversationId);
  }
  return { conversationId, ...contacts, conversationIds: [...conversationIds] };
}

/** The bookings an identity may see and change, as a Prisma `where` on Booking. */
export function bookingsOf(id: Identity) {
  const or: object[] = [{ conversationId: { in: id.conversationIds } }];
  if (id.phones.length) or.push({ contactPhone: { in: id.phones } });
  if (id.emails.length) or.push({ contactEmail: { in: id.emails } });
  return { OR: or };
}

/** True when the identity has proven this phone or email (a booking's contact details). */
export function proves(id: Identity, contact: { phone?: string | null; email?: string | null }): boolean {
  return (!!contact.phone && id.phones.includes(contact.phone)) || (!!contact.email && id.emails.includes(contact.email.toLowerCase()));
}

/** Records a proof for a conversation (idempotent; a later proof refreshes the expiry). */
export async function prove(prisma: Pick<PrismaClient, "proof">, conversationId: string, kind: ProofKind, value: string, via: ProofVia, now: Date): Promise<void> {
  const v = kind === "email" ? value.trim().toLowerCase() : value.trim();
  const expiresAt = kind === "aad" ? null : new Date(now.getTime() + PROVED_TTL_MS);
  await prisma.proof.upsert({
    where: { conversationId_kind_value: { conversationId, kind, value: v } },
    create: { conversationId, kind, value: v, via, expiresAt, createdAt: now },
    update: { via, expiresAt },
  });
}

const hash = (conversationId: string, code: string) => createHash("sha256").update(`${conversationId}:${code}`).digest("hex");

/** The phone/email the conversation's newest code was sent to, while it can still be typed. */
export async function pendingTarget(prisma: PrismaClient, conversationId: string, now: Date): Promise<string | null> {
  const pending = await prisma.verificationCode.findFirst({ where: { conversationId }, orderBy: { createdAt: "desc" }, select: { target: true, expiresAt: true } });
  return pending && pending.expiresAt > now ? pending.target : null;
}

/**
 * Creates a code for a target; only the newest code of a conversation can be typed back: the ones sent
 * before are removed with it ("send it again", another contact), whatever the clocks say of their times.
 */
export async function newCode(prisma: PrismaClient, conversationId: string, target: string, now: Date): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await prisma.$transaction([
    prisma.verificationCode.deleteMany({ where: { conversationId } }),
    prisma.verificationCode.create({
      data: { conversationId, target, codeHash: hash(conversationId, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now },
    }),
  ]);
  return code;
}

/** Checks a code against the pending one; on success the target is proven for the conversation. */
export async function checkCode(prisma: PrismaClient, conversationId: string, code: string, now: Date): Promise<{ result: "ok" | "wrong" | "expired" | "locked"; target?: string; guessed?: boolean }> {
  const pending = await prisma.verificationCode.findFirst({ where: { conversationId }, orderBy: { createdAt: "desc" } });
  if (!pending || pending.expiresAt <= now) return { result: "expired" };
  if (pending.attempts >= MAX_CODE_ATTEMPTS) return { result: "locked" };
  const clean = code.replace(/\D/g, "");
  // Counted first, so parallel guesses cannot exceed the number of tries.
  const counted = await prisma.verificationCode.updateMany({
    where: { id: pending.id, attempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (!counted.count) return { result: "locked" };
  if (hash(conversationId, clean) !== pending.codeHash) {
    return { result: pending.attempts + 1 >= MAX_CODE_ATTEMPTS ? "locked" : "wrong", target: pending.target, guessed: true };
  }
  await prisma.verificationCode.update({ where: { id: pending.id }, data: { expiresAt: now } });
  await prove(prisma, conversationId, pending.target.includes("@") ? "email" : "phone", pending.target, "code", now);
  return { result: "ok", target: pending.target };
}
