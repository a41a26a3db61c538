import type { Choice, Reply } from "../../core/conversation/messages.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { matchChoice } from "./matcher.ts";

/** Global choice ids ("g.<action>") work from any message, old or new. */
export const GLOBAL_PREFIX = "g.";

/** Scopes a step's bare choice values with the prompt number: "7.b:abc". */
export function scopeReplies(replies: Reply[], prompt: number): Reply[] {
  return replies.map((r) =>
    r.choices
      ? { ...r, choices: r.choices.map((c) => (c.id.startsWith(GLOBAL_PREFIX) ? c : { ...c, id: `${prompt}.${c.id}` })) }
      : r,
  );
}

/** All choices of a set of replies, in the order shown. */
export function collectChoices(replies: Reply[]): Choice[] {
  return replies.flatMap((r) => r.choices ?? []);
}

/** What a pressed choice id means for the current state. */
export type ResolvedChoice =
  | { kind: "global"; action: string; arg?: string }
  | { kind: "step"; value: string }
  | { kind: "stale" };

/** Resolves a choice id against the state: global, current step, or from an old message. */
export function resolveChoiceId(id: string, state: ConversationState): ResolvedChoice {
  if (id.startsWith(GLOBAL_PREFIX)) {
    const [action, arg] = id.slice(GLOBAL_PREFIX.length).split(":", 2);
    return { kind: "global", action, arg };
  }
  const dot = id.indexOf(".");
  if (dot <= 0) return { kind: "stale" };
  const seq = Number(id.slice(0, dot));
  if (!Number.isInteger(seq) || seq !== state.prompt) return { kind: "stale" };
  return { kind: "step", value: id.slice(dot + 1) };
}

/** The choice of the last prompt that typed text names on its own ("2", "i pari", "Berberi Ardit"), or null. */
export function matchTypedChoice(text: string, state: ConversationState): string | null {
  const m = matchChoice(text, state.choices);
  return m.kind === "one" ? m.id : null;
}

/** Replies as channels get them: choices without the extra words they answer to. */
export function publicReplies(replies: Reply[]): Reply[] {
  return replies.map((r) =>
    r.choices?.some((c) => c.terms) ? { ...r, choices: r.choices.map(({ terms: _terms, ...c }) => c) } : r,
  );
}
