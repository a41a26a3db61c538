import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "../log.ts";
import { hashKey } from "./store.ts";

/** Whether a chat may send one more message now. */
export type ChatDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Seconds until the chat's window ends. */
      retryAfterSec: number;
      /** The first refused message of this chat in the window, counted on every instance. */
      first: boolean;
    };

/** Seconds to wait, from milliseconds (at least 1). */
export function retryAfterSec(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Messages per chat per minute, counted in the shared store. */
export class ChatLimiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly log: Logger,
  ) {}

  /** Counts one inbound message of a chat (channel + the platform's chat id). */
  async consume(channel: string, externalId: string): Promise<ChatDecision> {
    try {
      await this.limiter.consume(hashKey("chat", channel, externalId));
      return { allowed: true };
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSec: retryAfterSec(res.msBeforeNext), first: res.consumedPoints === this.limiter.points + 1 };
      }
      // The store failed: the turn needs the same database anyway, so let the message through.
      this.log.warn({ err: res, channel }, "rate limits: counting a message failed; it is let through");
      return { allowed: true };
    }
  }
}
