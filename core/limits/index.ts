// Rate limits: messages per chat and one-time-code throttles, counted with rate-limiter-flexible in the
// app's PostgreSQL (or Redis), so every instance sees the same counts. Created once by the composition.
import type { Logger } from "../log.ts";
import { ChatLimiter } from "./chat.ts";
import { CodeThrottle } from "./codes.ts";
import { createLimitStore, type LimitStoreOptions } from "./store.ts";

export { ChatLimiter, type ChatDecision } from "./chat.ts";
export { CODE_LIMITS, CodeThrottle, normalizeTarget, type CodeLimitName, type CodeSubject, type ThrottleDecision } from "./codes.ts";
export { hashKey, type LimitStore } from "./store.ts";

/** Options for {@link createLimits}. */
export interface LimitsOptions extends LimitStoreOptions {
  /** Messages a chat may send per minute (RATE_LIMIT_PER_MIN). */
  messagesPerMinute: number;
  log: Logger;
}

/** The app's rate limits. */
export interface Limits {
  /** Where the counts are kept. */
  readonly store: "postgres" | "redis";
  /** Messages per chat per minute. */
  readonly chat: ChatLimiter;
  /** One-time codes per conversation and per phone/email. */
  readonly codes: CodeThrottle;
  /** Ends the store's connections. */
  close(): Promise<void>;
}

/** Connects the store (Redis when `redisUrl` is set, else PostgreSQL) and builds the limiters. */
export async function createLimits(opts: LimitsOptions): Promise<Limits> {
  const log = opts.log.child({ part: "limits" });
  const store = await createLimitStore({ ...opts, log });
  // On PostgreSQL the app's database holds the counts: a turn counts its message in its first statement.
  const chat = new ChatLimiter(
    store.limiter({ name: "chat", points: opts.messagesPerMinute, durationSec: 60, blockInMemory: true }),
    log,
    store.kind === "postgres",
  );
  const codes = new CodeThrottle(store, log);
  let closing: Promise<void> | undefined;
  return {
    store: store.kind,
    chat,
    codes,
    close() {
      closing ??= store.close();
      return closing;
    },
  };
}
