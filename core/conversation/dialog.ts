import type { Lang } from "../../locales/i18n.ts";
import type { ChannelAddress, InboundContent, Reply } from "./messages.ts";
import type { ConversationState } from "./state.ts";

/** Everything a dialog step may use besides the state: no globals, `now` passed in; `S` is the services the dialogs call. */
export interface TurnContext<S = unknown> {
  lang: Lang;
  now: Date;
  timeZone: string;
  conversationId: string;
  address: ChannelAddress;
  profile?: { name?: string; phone?: string };
  services: S;
}

/** The result of one dialog turn. */
export interface TurnResult {
  state: ConversationState;
  replies: Reply[];
}

/** The dialog the conversation service runs one turn of (implemented by the dialog engine in dialogs/). */
export interface DialogPort<S = unknown> {
  turn(state: ConversationState, content: InboundContent, ctx: TurnContext<S>): Promise<TurnResult>;
  enter(state: ConversationState, ctx: TurnContext<S>, flowName: string): Promise<TurnResult>;
}
