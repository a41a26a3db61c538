import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { maskEmail, maskPhone, type Logger } from "../log.ts";
import { retryAfterSec } from "./chat.ts";
import type { LimitSpec, LimitStore } from "./store.ts";
import { hashKey } from "./store.ts";

/** The limits on one-time codes: sends per conversation and per target, wrong codes typed. */
export const CODE_LIMITS = {
  /** Codes one conversation may have sent, to any phone or email. */
  sendPerConversation: { name: "code-send-conv", points: 5, durationSec: 60 * 60 },
  /** Codes one phone or email may receive, from all conversations together. */
  sendPerTarget: { name: "code-send-target", points: 3, durationSec: 15 * 60 },
  sendPerTargetDay: { name: "code-send-target-day", points: 10, durationSec: 24 * 60 * 60 },
  /** Wrong codes one conversation may type. */
  wrongPerConversation: { name: "code-wrong-conv", points: 10, durationSec: 60 * 60 },
  /** Wrong codes typed for one phone or email, from all conversations together. */
  wrongPerTarget: { name: "code-wrong-target", points: 10, durationSec: 60 * 60 },
} as const satisfies Record<string, LimitSpec>;

/** Which limit refused. */
export type CodeLimitName = keyof typeof CODE_LIMITS;

/** Who asks for a code and where it goes. */
export interface CodeSubject {
  /** The conversation asking (Conversation.id). */
  conversationId: string;
  /** The phone number (E.164, e.g. +355691234567) or email the code goes to. */
  target: string;
}

/** The throttle's answer. */
export type ThrottleDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Seconds until the refusing limit lets the next one through. */
      retryAfterSec: number;
      /** The limit that refused (the longest wait when several did); "unavailable" when the store failed. */
      limit: CodeLimitName | "unavailable";
    };

/** One phone or email, written one way: an email lowercased, a phone as + and digits. */
export function normalizeTarget(target: string): string {
  const t = target.trim();
  if (t.includes("@")) return t.toLowerCase();
  return `${t.startsWith("+") ? "+" : ""}${t.replace(/\D/g, "")}`;
}

/** A phone number or email masked for logs. */
function maskTarget(target: string): string {
  return target.includes("@") ? maskEmail(target) : maskPhone(target);
}

type Counter = { name: CodeLimitName; limiter: RateLimiterAbstract; key: string };

/** When the store cannot be asked, no code is sent: try again in a minute. */
const STORE_DOWN_RETRY_SEC = 60;

/**
 * Throttles one-time codes (proof of a phone or email) per conversation AND per target across all
 * conversations, so nobody can spray codes at one number or guess codes without end. Counts live in the
 * shared store: every instance sees them. Targets are hashed in the store and masked in logs.
 */
export class CodeThrottle {
  private readonly limiters: Record<CodeLimitName, RateLimiterAbstract>;

  constructor(
    store: LimitStore,
    private readonly log: Logger,
  ) {
    const make = (name: CodeLimitName) => store.limiter(CODE_LIMITS[name]);
    this.limiters = {
      sendPerConversation: make("sendPerConversation"),
      sendPerTarget: make("sendPerTarget"),
      sendPerTargetDay: make("sendPerTargetDay"),
      wrongPerConversation: make("wrongPerConversation"),
      wrongPerTarget: make("wrongPerTarget"),
    };
  }

  private counters(s: CodeSubject, names: CodeLimitName[]): Counter[] {
    const conv = hashKey("conversation", s.conversationId);
    const target = hashKey("target", normalizeTarget(s.target));
    return names.map((name) => ({ name, limiter: this.limiters[name], key: name.endsWith("Conversation") ? conv : target }));
  }

  /**
   * Call before sending a code. Allowed: one send is counted against the conversation and the target
   * (send the code). Refused: nothing is counted; tell the customer to try again later.
   */
  async consume(s: CodeSubject): Promise<ThrottleDecision> {
    const counters = this.counters(s, ["sendPerConversation", "sendPerTarget", "sendPerTargetDay"]);
    const full = await this.full(s, counters, "code send");
    if (full) return full;
    const results = await Promise.allSettled(counters.map((c) => c.limiter.consume(c.key)));
    return this.decide(s, counters, results, "code send");
  }

  /** Call before checking a typed code: refused while too many wrong codes were typed (counts nothing). */
  async checkAttempt(s: CodeSubject): Promise<ThrottleDecision> {
    const counters = this.counters(s, ["wrongPerConversation", "wrongPerTarget"]);
    return (await this.full(s, counters, "code attempt")) ?? { allowed: true };
  }

  /** Call after a wrong code: counts it; refused when no more tries are allowed for now. */
  async wrongAttempt(s: CodeSubject): Promise<ThrottleDecision> {
    const counters = this.counters(s, ["wrongPerConversation", "wrongPerTarget"]);
    const results = await Promise.allSettled(counters.map((c) => c.limiter.penalty(c.key)));
    const decision = this.decide(s, counters, results, "code attempt");
    if (!decision.allowed) return decision;
    // penalty() never refuses: check whether this wrong code used the last try.
    return (await this.full(s, counters, "code attempt")) ?? { allowed: true };
  }

  /** Call after the right code: the conversation's and the target's wrong codes are forgotten. */
  async succeeded(s: CodeSubject): Promise<void> {
    const counters = this.counters(s, ["wrongPerConversation", "wrongPerTarget"]);
    await Promise.allSettled(counters.map((c) => c.limiter.delete(c.key)));
  }

  /** A refusal when any counter has no points left (without counting), else null. */
  private async full(s: CodeSubject, counters: Counter[], what: string): Promise<ThrottleDecision | null> {
    const results = await Promise.allSettled(counters.map((c) => c.limiter.get(c.key)));
    const refused: { name: CodeLimitName; ms: number }[] = [];
    for (const [i, r] of results.entries()) {
      if (r.status === "rejected") return this.storeDown(s, r.reason, what);
      const res = r.value;
      if (res && res.consumedPoints >= counters[i].limiter.points) refused.push({ name: counters[i].name, ms: res.msBeforeNext });
    }
    return refused.length ? this.refuse(s, refused, what) : null;
  }

  private decide(s: CodeSubject, counters: Counter[], results: PromiseSettledResult<RateLimiterRes>[], what: string): ThrottleDecision {
    const refused: { name: CodeLimitName; ms: number }[] = [];
    for (const [i, r] of results.entries()) {
      if (r.status === "fulfilled") continue;
      if (!(r.reason instanceof RateLimiterRes)) return this.storeDown(s, r.reason, what);
      refused.push({ name: counters[i].name, ms: r.reason.msBeforeNext });
    }
    return refused.length ? this.refuse(s, refused, what) : { allowed: true };
  }

  private refuse(s: CodeSubject, refused: { name: CodeLimitName; ms: number }[], what: string): ThrottleDecision {
    const longest = refused.reduce((a, b) => (b.ms > a.ms ? b : a));
    this.log.info({ conversation: s.conversationId, target: maskTarget(s.target), limit: longest.name }, `${what} throttled`);
    return { allowed: false, retryAfterSec: retryAfterSec(longest.ms), limit: longest.name };
  }

  private storeDown(s: CodeSubject, err: unknown, what: string): ThrottleDecision {
    this.log.error({ err, conversation: s.conversationId, target: maskTarget(s.target) }, `${what}: rate-limit store failed; refused`);
    return { allowed: false, retryAfterSec: STORE_DOWN_RETRY_SEC, limit: "unavailable" };
  }
}
