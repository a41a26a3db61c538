import type { Reply } from "./messages.ts";
import type { PendingQuestion } from "./state.ts";

/** The question a bot-initiated message asks: a fixed one, or one built from the question already pending. */
export type PendingUpdate = PendingQuestion | ((current: PendingQuestion | undefined) => PendingQuestion);

/** Who the question of a bot-initiated message's own buttons belongs to (the dialog engine answers it). */
export const NOTICE_PENDING = "notice";

/** The question of a message's own buttons (a staff reply, a payment notice), or null when it has none. */
export function noticeQuestion(replies: Reply[]): PendingQuestion | null {
  const choices = replies.flatMap((r) => r.choices ?? []).map(({ id, label }) => ({ id, label }));
  return choices.length ? { by: NOTICE_PENDING, choices } : null;
}

/** What the state holds after a bot-initiated message asked `asked` (no question: the pending one stays). */
export function afterNotice(current: PendingQuestion | undefined, replies: Reply[], asked?: PendingUpdate): PendingQuestion | undefined {
  const q = asked ?? noticeQuestion(replies);
  if (!q) return current;
  return typeof q === "function" ? q(current) : q;
}
