import type { HandleMessage, HandlerTurn } from "../../core/conversation/dialog.ts";
import type { InboundMessage } from "../../core/conversation/messages.ts";
import type { TicketService } from "../../core/tickets/service.ts";

/**
 * While a conversation is in a ticket's chat, the customer's text goes to the ticket (and on to the
 * staff desk) instead of the dialog. The engine runs this after its global keywords ("menu", "fillo",
 * "mbrapa" ...) and commands; buttons and text the engine's matcher reads as one of the chat's buttons
 * ("mbyll") are left to the dialog, so the customer can always leave. Text for a closed ticket goes to the
 * dialog's chat step, which reopens it (within 7 days) and shows the chat again.
 */
/** Whether a message is text written in a ticket's chat (any other goes to the dialog untouched). */
export const inTicketChat = (msg: InboundMessage, turn: HandlerTurn): msg is InboundMessage & { content: { kind: "text"; text: string } } =>
  turn.state.flow === "ticket" && turn.state.step === "chat" && msg.content.kind === "text";

export function ticketRelay(tickets: Pick<TicketService, "get" | "addCustomerMessage">): HandleMessage {
  return async (msg, turn) => {
    const s = turn.state;
    if (!inTicketChat(msg, turn)) return null;
    const text = msg.content.text.trim();
    if (!text || turn.typedChoice) return null;
    const ticket = await tickets.get(String(s.data.ticketId ?? ""));
    if (!ticket || ticket.status === "closed") return null;
    await tickets.addCustomerMessage(ticket, text, `${msg.address.channel}:${msg.messageId}`);
    return [];
  };
}
