import { createHash, randomBytes } from "node:crypto";
import { sameTokenHash } from "../../core/conversation/session.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** A new random session token (shown once to the browser) and its hash (kept in the database). */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** sha256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Result of checking a web chat session's credentials. */
export type SessionCheck = "ok" | "unknown" | "forbidden";

/** Checks a session id + bearer token against the stored hash, in constant time. */
export async function checkWebSession(prisma: PrismaClient, sessionId: string, token: string | undefined): Promise<SessionCheck> {
  const conv = await prisma.conversation.findUnique({ where: { id: sessionId }, select: { channel: true, tokenHash: true } });
  if (!conv || conv.channel !== "web" || !conv.tokenHash) return "unknown";
  if (!token) return "forbidden";
  return sameTokenHash(hashToken(token), conv.tokenHash) ? "ok" : "forbidden";
}

/** True when the token opens this web chat session. */
export async function verifyWebSession(prisma: PrismaClient, sessionId: string, token: string | undefined): Promise<boolean> {
  return (await checkWebSession(prisma, sessionId, token)) === "ok";
}
