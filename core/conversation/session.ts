// A web chat session's credentials, checked against the conversation a turn loaded (or its copy).
import { timingSafeEqual } from "node:crypto";
import type { Loaded } from "./store.ts";

/** A web chat session's credentials, checked against the conversation loaded for the turn. */
export interface SessionCredentials {
  /** sha256 (hex) of the bearer token the caller showed; undefined when it showed none. */
  tokenHash: string | undefined;
}

/** Why a turn was refused before it ran: no such session, or the wrong token. */
export type SessionRefusal = "unknown" | "forbidden";

/** Whether the credentials open the loaded conversation (constant-time comparison of the hashes). */
export function checkSession(loaded: Loaded, creds: SessionCredentials): SessionRefusal | null {
  if (!loaded.conv || !loaded.tokenHash) return "unknown";
  if (!creds.tokenHash) return "forbidden";
  return sameTokenHash(creds.tokenHash, loaded.tokenHash) ? null : "forbidden";
}

/** Whether two token hashes (hex) are equal, compared in constant time. */
export function sameTokenHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

