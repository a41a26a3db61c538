import type { InboundInterceptor } from "../../core/conversation/service.ts";
import type { Clock } from "../../core/clock.ts";
import type { TicketService } from "../../core/tickets/service.ts";
import { t } from "../../locales/i18n.ts";
import { matchTypedChoice } from "../engine/choices.ts";
import { routerHooks } from "../router.ts";

/**
 * While a conversation is in a ticket's chat, the customer's text goes to the ticket (and on to the
 * staff desk) instead of the dialog. Keywords ("menu", "fillo", "mbrapa" ...), buttons, commands and
 * text naming one of the chat's buttons ("mbyll") still reach the dialog, so the customer can always
 * leave. A reply to a ticket closed less than 7 days ago reopens it.
 */
export function ticketInterceptor(tickets: TicketService, clock: Clock): InboundInterceptor {
  return async (msg, conv) => {
    const s = conv.state;
    if (s.flow !== "ticket" || s.step !== "chat" || msg.content.kind !== "text") return null;
    const text = msg.content.text.trim();
    if (!text || routerHooks.keyword(msg.content, s) || matchTypedChoice(text, s)) return null;
    const ticket = await tickets.get(String(s.data.ticketId ?? ""));
    if (!ticket) return null;
    const externalId = `${msg.address.channel}:${msg.messageId}`;
    if (ticket.status !== "closed") {
      await tickets.addCustomerMessage(ticket, text, externalId);
      return [];
    }
    const reopened = await tickets.reopen(ticket, text, externalId, clock());
    if (!reopened) return null; // too old: the chat step says so
    return [{ text: t(conv.lang, "tickets:reopened", { label: reopened.label }) }];
  };
}
