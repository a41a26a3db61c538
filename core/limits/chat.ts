import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "../log.ts";
import { hashKey, POSTGRES_TABLE } from "./store.ts";

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

/**
 * One message of a chat, to be counted by a statement of the turn (see {@link chatCountCte}): the
 * statement's values, in order.
 */
export interface ChatCount {
  /** The counter's row, as rate-limiter-flexible keys it ("chat:<hash>"). */
  key: string;
  /** The end of a window that starts now (epoch ms); null for a counter without a window. */
  expire: number | null;
  /** Now (epoch ms): a row whose window ended by now starts a new one. */
  now: number;
}

/** A chat's counter as a statement read it (no row: nothing counted yet). */
export interface ChatCounter {
  points: number | string;
  /** bigint: a string from pg; null for a counter without a window. */
  expire: string | number | null;
}

/**
 * A CTE `chat_count` counting one message of a chat in the PostgreSQL store: the upsert
 * rate-limiter-flexible's RateLimiterPostgres runs for one point ("rlflx-upsert"), on the same table.
 * `first` is the number of its first parameter (the values are {@link ChatCount}'s key, expire and now);
 * `source` is a CTE of the statement: one count when it has rows, none when it has none.
 */
export function chatCountCte(first: number, source: string): string {
  const [key, expire, now] = [first, first + 1, first + 2].map((n) => `$${n}`);
  return `chat_count AS (
    INSERT INTO "${POSTGRES_TABLE}" AS rl (key, points, expire)
    SELECT ${key}, 1, ${expire}::bigint WHERE EXISTS (SELECT 1 FROM ${source})
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rl.expire <= ${now}::bigint THEN 1 ELSE rl.points + 1 END,
      expire = CASE WHEN rl.expire <= ${now}::bigint THEN ${expire}::bigint ELSE rl.expire END
    RETURNING points
  )`;
}

/**
 * A condition true while the chat's counter leaves room for one more message: what {@link
 * ChatLimiter.wouldExceed} decides from a counter read earlier, decided inside a statement instead
 * (`key`, `now` and `points` the SQL parameters of the counter's key, now in epoch ms and the limit).
 */
export const chatUnderLimit = (key: string, now: string, points: string) => `NOT EXISTS (
      SELECT 1 FROM "${POSTGRES_TABLE}" lim
       WHERE lim.key = ${key} AND (lim.expire IS NULL OR lim.expire > ${now}::bigint) AND lim.points + 1 > ${points}::int)`;

/** The chat's counter for a statement of the turn: its join (`key` the SQL parameter of its key) and columns. */
export const chatCounter = (alias: string, key: string) => ({
  join: `LEFT JOIN "${POSTGRES_TABLE}" ${alias} ON ${alias}.key = ${key}`,
  columns: `${alias}.points AS "chatPoints", ${alias}.expire AS "chatExpire"`,
});

/**
 * Messages per chat per minute, counted in the shared store. On the PostgreSQL store a turn reads the
 * chat's counter in its first statement and counts its message in its last one (the save), so the count
 * costs no round trip and no commit of its own; a message that would go over the limit is counted at
 * once, through the library ({@link consume}), which decides its answer.
 */
export class ChatLimiter {
  /**
   * Chats over their limit, refused from memory until their window ends (epoch ms) without counting, as
   * rate-limiter-flexible's inMemoryBlockOnConsumed (points + 1) does for its own counts.
   */
  private readonly blocked = new Map<string, number>();

  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly log: Logger,
    /** Whether the store is PostgreSQL (the app's database), so a turn's statement can count. */
    private readonly inDatabase = false,
  ) {}

  /** Counts one inbound message of a chat (channel + the platform's chat id). */
  async consume(channel: string, externalId: string): Promise<ChatDecision> {
    try {
      await this.limiter.consume(hashKey("chat", channel, externalId));
      return { allowed: true };
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        // Over the limit: also refused from memory by countInStatement until the window ends.
        if (this.inDatabase) this.block(this.limiter.getKey(hashKey("chat", channel, externalId)), Date.now() + res.msBeforeNext);
        return { allowed: false, retryAfterSec: retryAfterSec(res.msBeforeNext), first: res.consumedPoints === this.limiter.points + 1 };
      }
      // The store failed: the turn needs the same database anyway, so let the message through.
      this.log.warn({ err: res, channel }, "rate limits: counting a message failed; it is let through");
      return { allowed: true };
    }
  }

  /**
   * On the PostgreSQL store, one message of a chat to count in a statement of the turn, or the refusal
   * when this instance has the chat blocked (then nothing is counted). Undefined on other stores: use
   * {@link consume}.
   */
  countInStatement(channel: string, externalId: string): { count: ChatCount } | { refused: ChatDecision } | undefined {
    if (!this.inDatabase) return undefined;
    const key = this.limiter.getKey(hashKey("chat", channel, externalId));
    const now = Date.now();
    const until = this.blocked.get(key);
    if (until !== undefined) {
      if (until > now) return { refused: { allowed: false, retryAfterSec: retryAfterSec(until - now), first: false } };
      this.blocked.delete(key);
    }
    return { count: { key, expire: this.limiter.duration > 0 ? now + this.limiter.msDuration : null, now } };
  }

  /**
   * Whether one more message of a chat would go over its limit, from its counter as the turn's first
   * statement read it (a window that ended counts as empty).
   */
  wouldExceed(counter: ChatCounter | null): boolean {
    if (!counter) return false;
    const expire = counter.expire == null ? null : Number(counter.expire);
    if (expire !== null && expire <= Date.now()) return false;
    return Number(counter.points) + 1 > this.limiter.points;
  }

  /** Messages a chat may send per window. */
  get points(): number {
    return this.limiter.points;
  }

  /** Refuses a chat from memory until `until`; ended blocks are dropped once the map grows. */
  private block(key: string, until: number): void {
    this.blocked.set(key, until);
    if (this.blocked.size <= 999) return;
    const now = Date.now();
    for (const [k, end] of this.blocked) if (end <= now) this.blocked.delete(k);
  }
}
