import type { TicketBookingOption, TicketsPort, TicketSummary } from "../../../core/tickets/port.ts";
import { REOPEN_WINDOW_MS } from "../../../core/tickets/service.ts";
import { firstName } from "../../../core/tickets/types.ts";
import type { MemoryBookings } from "./bookings.ts";

/** A ticket as the in-memory desk keeps it. */
export interface MemoryTicket extends TicketSummary {
  conversationId: string;
  bookingId: string | null;
  customerName: string | null;
  /** The customer's messages, the description first. */
  messages: string[];
}

const ACTIVE = ["open", "taken"];

/**
 * Support tickets in memory, numbered from T-1001 like the database's sequence. `staffDesk` says whether a
 * desk (Slack, email) would tell staff at once. Also the two calls the ticket chat's relay makes
 * (`get`, `addCustomerMessage`), so the real relay runs over it.
 */
export class MemoryTickets implements TicketsPort {
  readonly all: MemoryTicket[] = [];
  private next = 1001;

  constructor(private readonly bookings: MemoryBookings, private readonly desk = true) {}

  staffDesk(): boolean {
    return this.desk;
  }

  async bookingsFor(conversationId: string): Promise<TicketBookingOption[]> {
    return this.bookings.of(conversationId)
      .sort((a, b) => b.start.getTime() - a.start.getTime())
      .slice(0, 8)
      .map((b) => ({ id: b.id, ref: b.ref, start: b.start, serviceSq: b.service.nameSq, serviceEn: b.service.nameEn, businessName: b.business.name, timeZone: b.business.timeZone, businessId: b.business.id, serviceId: b.service.id }));
  }

  async open(req: Parameters<TicketsPort["open"]>[0]): Promise<TicketSummary> {
    const number = this.next++;
    const ticket: MemoryTicket = {
      id: `t${number}`, number, label: `T-${number}`, kind: req.kind, status: "open", description: req.description, closedAt: null, reopenUntil: null,
      conversationId: req.conversationId, bookingId: req.bookingId ?? null, customerName: firstName(req.customerName), messages: [req.description],
    };
    this.all.push(ticket);
    return this.summary(ticket);
  }

  private summary(t: MemoryTicket): TicketSummary {
    const reopenUntil = t.status === "closed" && t.closedAt ? new Date(t.closedAt.getTime() + REOPEN_WINDOW_MS) : null;
    return { id: t.id, number: t.number, label: t.label, kind: t.kind, status: t.status, description: t.description, closedAt: t.closedAt, reopenUntil };
  }

  async listRecent(conversationId: string, now: Date): Promise<TicketSummary[]> {
    return this.all
      .filter((t) => t.conversationId === conversationId &&
        (ACTIVE.includes(t.status) || (t.status === "closed" && !!t.closedAt && t.closedAt.getTime() >= now.getTime() - REOPEN_WINDOW_MS)))
      .sort((a, b) => b.number - a.number)
      .sort((a, b) => Number(a.status === "closed") - Number(b.status === "closed"))
      .map((t) => this.summary(t));
  }

  async get(conversationIdOrTicketId: string, ticketId?: string): Promise<(TicketSummary & { conversationId: string }) | null> {
    // get(conversationId, ticketId) for the dialog; get(ticketId) for the relay.
    const t = ticketId === undefined
      ? this.all.find((x) => x.id === conversationIdOrTicketId)
      : this.all.find((x) => x.id === ticketId && x.conversationId === conversationIdOrTicketId);
    return t ? { ...this.summary(t), conversationId: t.conversationId } : null;
  }

  async close(conversationId: string, ticketId: string, now: Date): Promise<TicketSummary | null> {
    const t = this.all.find((x) => x.id === ticketId && x.conversationId === conversationId && ACTIVE.includes(x.status));
    if (!t) return null;
    t.status = "closed";
    t.closedAt = now;
    return this.summary(t);
  }

  async reopen(conversationId: string, ticketId: string, text: string, now: Date): Promise<TicketSummary | null> {
    const t = this.all.find((x) => x.id === ticketId && x.conversationId === conversationId);
    if (!t || t.status !== "closed" || !t.closedAt || now.getTime() - t.closedAt.getTime() > REOPEN_WINDOW_MS) return null;
    t.status = "open";
    t.closedAt = null;
    t.messages.push(text);
    return this.summary(t);
  }

  /** A customer's message relayed to an open ticket. */
  async addCustomerMessage(ticket: { id: string }, text: string): Promise<boolean> {
    const t = this.all.find((x) => x.id === ticket.id);
    if (!t) return false;
    t.messages.push(text);
    return true;
  }

  /** The ticket with this label ("T-1001"). */
  byLabel(label: string): MemoryTicket {
    const t = this.all.find((x) => x.label === label);
    if (!t) throw new Error(`no ticket ${label}`);
    return t;
  }
}
