import type { z } from "zod";
import type { ConversationState } from "../../core/conversation/state.ts";

/**
 * Typed reading of a flow's data through its schema: `const d = flowData(BookingData)`, then `d(state).date`.
 * The engine has checked the data against the same schema before the step runs, so parsing cannot fail
 * here; unknown keys are left out.
 */
export function flowData<S extends z.ZodType<Record<string, unknown>>>(schema: S): (state: ConversationState) => z.output<S> {
  return (state) => schema.parse(state.data);
}
