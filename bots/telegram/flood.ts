import type { Reply } from "../../core/conversation/messages.ts";
import { LANGS, t } from "../../locales/i18n.ts";

/** True when the core answered with its rate-limit notice (the message itself was not handled). */
export function isRateLimitNotice(replies: Reply[]): boolean {
  if (replies.length !== 1 || replies[0].choices?.length) return false;
  return LANGS.some((lang) => replies[0].text === t(lang, "common:rateLimited"));
}

/**
 * Lets one rate-limit notice through per chat and window, so a flood of messages gets one polite
 * answer instead of one send per message.
 */
export class FloodGate {
  private readonly notified = new Map<string, number>();
  constructor(private readonly windowMs = 60_000) {}

  /** True when this chat may be told (again) that it is writing too fast. */
  shouldNotify(key: string, now = Date.now()): boolean {
    const last = this.notified.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.notified.set(key, now);
    if (this.notified.size > 10_000) {
      for (const [k, at] of this.notified) if (now - at >= this.windowMs) this.notified.delete(k);
    }
    return true;
  }
}
