import type { z } from "zod";
import type { Reply } from "../../core/conversation/messages.ts";
import type { TurnContext as BaseTurnContext } from "../../core/conversation/dialog.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import type { DialogServices } from "../services.ts";

/** What a step receives as input (already resolved from buttons, numbers or text). */
export type StepInput =
  | { kind: "text"; text: string }
  | { kind: "choice"; value: string }
  | { kind: "contact"; phone: string };

/** Everything a step may use besides the state: no globals, `now` passed in. */
export type TurnContext = BaseTurnContext<DialogServices>;

/** What a step decided. */
export type Outcome =
  /** Go to another step of this flow (the current one is remembered for "back"). */
  | { type: "next"; step: string; data?: Record<string, unknown>; say?: Reply[] }
  /** Stay and show the prompt again, with new data (paging) and optional text first. */
  | { type: "stay"; data?: Record<string, unknown>; say?: Reply[] }
  /** The input was not valid here: explain (locale key) and ask again. */
  | { type: "retry"; errorKey: string; vars?: Record<string, unknown> }
  /** The step did not understand: the router may try intents before asking again. */
  | { type: "unknown" }
  /** Leave this flow for another one (or the menu). */
  | { type: "flow"; flow: string; step?: string; data?: Record<string, unknown>; say?: Reply[] }
  /** A global action (back, help, language ...), as if its button had been pressed. */
  | { type: "global"; action: string; arg?: string }
  /** The flow is finished: say this and go back to the menu without re-showing it. */
  | { type: "end"; say: Reply[] };

/** One step of a flow. */
export interface Step {
  /** Replies asking for this step's input. Choice ids are bare values; the engine scopes them. */
  prompt(state: ConversationState, ctx: TurnContext): Promise<Reply[]>;
  handle(state: ConversationState, input: StepInput, ctx: TurnContext): Promise<Outcome>;
  /**
   * Called when the flow moves on to this step (not when it is asked again or reached with "back"): the
   * step may decide without asking, e.g. the only upcoming booking needs no picking. Null asks as usual.
   */
  arrive?(state: ConversationState, ctx: TurnContext): Promise<Outcome | null>;
  /**
   * Typed text this step reads itself before its buttons are matched: an email or a phone under the list of
   * bookings («emaili: …» is the address, not the button "another phone/email").
   */
  readsFirst?(text: string): boolean;
}

/** A flow: named steps, the one it starts at, and the data it keeps. */
export interface Flow {
  start: string;
  steps: Record<string, Step>;
  /**
   * The data a run of this flow keeps in the conversation state. The engine checks data passed into the
   * flow (a "flow" outcome, a global action opening it) and the flow's data before each step runs; data
   * that does not fit is logged and the customer is taken back to the menu with an apology. Steps read it
   * typed with {@link flowData}.
   */
  data: z.ZodType<Record<string, unknown>>;
  /** Data a new run of the flow starts with (e.g. a preselected business). */
  init?(data: Record<string, unknown>): Record<string, unknown>;
  /**
   * Where "back" goes from a step reached without passing the one before it (a request that said the
   * business, service and day at once went straight to the times): the step before it in the flow's order,
   * or undefined for the menu.
   */
  previous?(state: ConversationState): string | undefined;
}
