import { z } from "zod";

const Json = z.record(z.string(), z.unknown());

/** The versioned conversation state kept in Conversation.state (checked on every load). */
export const ConversationStateSchema = z.object({
  v: z.literal(1),
  lang: z.enum(["sq", "en"]),
  flow: z.string(),
  step: z.string(),
  data: Json,
  /** Earlier steps of the current flow, for "back". */
  history: z.array(z.object({ step: z.string(), data: Json })),
  /** Sequence number of the last prompt; step-scoped choice ids carry it, so old buttons are recognised. */
  prompt: z.number().int().nonnegative(),
  /** The choices of the last prompt in the order shown (numbered lists refer to this order). */
  choices: z.array(z.object({ id: z.string(), label: z.string(), terms: z.array(z.string()).optional() })),
  /** Failed tries at the current step. */
  attempts: z.number().int().nonnegative(),
  /** Messages in a row the bot did not understand. */
  misses: z.number().int().nonnegative(),
  /**
   * A question a message handler asked outside the dialog (which booking an SMS answer to a reminder is
   * for, "cancel anyway?"): its choices, for the same handler to read on the next message. Any other turn
   * clears it.
   */
  pending: z.object({ by: z.string(), choices: z.array(z.object({ id: z.string(), label: z.string() })) }).optional(),
});

/** A question a message handler is waiting for an answer to (see `ConversationState.pending`). */
export type PendingQuestion = NonNullable<ConversationState["pending"]>;

/** The conversation state of one chat. */
export type ConversationState = z.infer<typeof ConversationStateSchema>;

/** A fresh state at the main menu. */
export function initialState(lang: "sq" | "en"): ConversationState {
  return { v: 1, lang, flow: "menu", step: "menu", data: {}, history: [], prompt: 0, choices: [], attempts: 0, misses: 0 };
}

/**
 * Reads a stored state; a state that fails validation (older shape, corruption) starts over at the menu
 * rather than crashing the conversation.
 */
export function parseState(raw: unknown, fallbackLang: "sq" | "en"): ConversationState {
  const parsed = ConversationStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : initialState(fallbackLang);
}
