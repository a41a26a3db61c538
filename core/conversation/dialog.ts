import type { ManagedBooking } from "../bookings/port.ts";
import type { Lang } from "../../locales/i18n.ts";
import type { ChannelAddress, InboundContent, InboundMessage, Reply } from "./messages.ts";
import type { ConversationState, PendingQuestion } from "./state.ts";

/** Everything a dialog step may use besides the state: no globals, `now` passed in; `S` is the services the dialogs call. */
export interface TurnContext<S = unknown> {
  lang: Lang;
  now: Date;
  timeZone: string;
  conversationId: string;
  address: ChannelAddress;
  profile?: { name?: string; phone?: string };
  /** The platform's id of the inbound message this turn handles (absent when the bot starts a chat). */
  messageId?: string;
  services: S;
  /**
   * The turn runs from this instance's copy of the conversation, not a loaded one: it may only read.
   * The engine then gives it up ({@link TurnNeedsLoad}) rather than run a message handler that might act.
   */
  fromCopy?: boolean;
}

/** A turn run from a copy reached something that may write: run it again on the loaded conversation. */
export class TurnNeedsLoad extends Error {
  constructor(what: string) {
    super(`needs the loaded conversation: ${what}`);
    this.name = "TurnNeedsLoad";
  }
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

/** What a message handler sees of the turn it may answer. */
export interface HandlerTurn {
  /** The conversation id. */
  id: string;
  lang: Lang;
  state: ConversationState;
  /**
   * The choice of the last prompt that the typed text names on its own ("2", "mbyll"), by the engine's own
   * matcher, or null: a handler that must leave the customer's choices to the dialog asks this.
   */
  typedChoice: string | null;
  /**
   * The dialog's answer to a question about a business and service the handler knows (a booking's): its
   * price, length, address, phone, hours, how it is paid, or an FAQ answer, as the dialog gives it in a
   * booking there; without buttons, the step left as it is. Null when the message is not such a question
   * (a request, a booking, a move, anything the dialog would go somewhere for).
   */
  answerAbout?: (text: string, about: { businessId: string; serviceId: string }) => Promise<Reply[] | null>;
  /**
   * Which of these bookings the words name, as the dialog reads a booking named in a request (its service,
   * business, kind or day: «atë te berberi», "the one in Vlora", "the makeup one"); none when none fits.
   */
  namedBookings?: (text: string, bookings: ManagedBooking[]) => Promise<ManagedBooking[]>;
}

/**
 * Answers an inbound message instead of the dialog's step (an SMS answer to a reminder, a message for an
 * open support ticket). Replies mean "handled": the turn ends with them, the dialog state is left as it
 * was (apart from `pending`, set by a `Handled` answer and cleared otherwise), and the message still counts as handled (duplicates get the same replies). Null passes it on.
 */
export type HandleMessage = (msg: InboundMessage, turn: HandlerTurn) => Promise<Reply[] | Handled | null>;

/** A handler's answer that also asks a question of its own, kept in the state for its next turn. */
export interface Handled {
  replies: Reply[];
  pending: PendingQuestion;
}

/**
 * A message handler the engine runs inside its turn, lowest priority first. A `gate` runs before the
 * engine's global keywords and commands (opt-out: an opted-out phone gets no answers, START opts back in);
 * the others run after them, before the step's typed-choice matching and the step itself.
 */
export interface MessageHandler {
  name: string;
  priority: number;
  gate?: boolean;
  handle: HandleMessage;
  /**
   * True when the handler surely passes this message on (answers null) without reading or writing
   * anything, decided from the message and the state alone. A turn run from a copy of the conversation
   * goes on only past handlers that pass; without it, such a turn is given up and run on the loaded one.
   */
  passes?: (msg: InboundMessage, turn: HandlerTurn) => boolean;
}
