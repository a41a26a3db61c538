import type { InboundInterceptor } from "../../core/conversation/service.ts";
import type { Clock } from "../../core/clock.ts";
import type { TicketService } from "../../core/tickets/service.ts";
import { matchTypedChoice } from "../engine/choices.ts";
import { routerHooks } from "../router.ts";

/**
 * While a conversation is in a ticket's chat, the customer's text goes to the ticket (and on to the
 * staff desk) instead of the dialog. Keywords ("menu", "fillo", "mbrapa" ...), buttons, commands and
 * text naming one of the chat's buttons ("mbyll") still reach the dialog, so the customer can always
 * leave. Text for a closed ticket goes to the dialog's chat step, which reopens it (within 7 days) and
 * shows the chat again. (`_clock` is no longer needed here and is kept for existing callers.)
 */
export function ticketInterceptor(tickets: TicketService, _clock?: Clock): InboundInterceptor {
  return async (msg, conv) => {
    const s = conv.state;
    if (s.flow !== "ticket" || s.step !== "chat" || msg.content.kind !== "text") return null;
    const text = msg.content.text.trim();
    if (!text || routerHooks.keyword(msg.content, s) || matchTypedChoice(text, s)) return null;
    const ticket = await tickets.get(String(s.data.ticketId ?? ""));
    if (!ticket || ticket.status === "closed") return null;
    await tickets.addCustomerMessage(ticket, text, `${msg.address.channel}:${msg.messageId}`);
    return [];
  };
}
