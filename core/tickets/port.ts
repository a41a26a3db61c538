import type { PrismaClient } from "../../generated/prisma/client.ts";
import { REOPEN_WINDOW_MS, type TicketService } from "./service.ts";
import type { TicketView } from "./types.ts";

/** A support ticket as the dialog shows it. */
export interface TicketSummary {
  id: string;
  number: number;
  /** "T-1042" */
  label: string;
  kind: string;
  /** "open" | "taken" | "closed" */
  status: string;
  description: string;
  closedAt: Date | null;
  /** Until when a closed ticket reopens when the customer writes to it (null unless closed). */
  reopenUntil: Date | null;
}

/** A booking a complaint can be about. */
export interface TicketBookingOption {
  id: string;
  ref: string;
  start: Date;
  serviceSq: string;
  serviceEn: string;
  businessName: string;
  timeZone: string;
}

/** Support tickets. */
export interface TicketsPort {
  /** The customer's bookings (by the conversation's customer), newest first. */
  bookingsFor(conversationId: string): Promise<TicketBookingOption[]>;
  open(req: { conversationId: string; kind: string; description: string; bookingId?: string | null; customerName?: string | null; now: Date }): Promise<TicketSummary>;
  /** The customer's open (or taken) tickets, then those closed recently enough to be reopened. */
  listRecent(conversationId: string, now: Date): Promise<TicketSummary[]>;
  get(ticketId: string): Promise<TicketSummary | null>;
  /** The customer closes a ticket; null when it was not open. */
  close(ticketId: string, now: Date): Promise<TicketSummary | null>;
  /** The customer writes to a closed ticket within its reopen window: reopened; null when too late. */
  reopen(ticketId: string, text: string, now: Date): Promise<TicketSummary | null>;
}

function summary(v: TicketView): TicketSummary {
  const reopenUntil = v.status === "closed" && v.closedAt ? new Date(v.closedAt.getTime() + REOPEN_WINDOW_MS) : null;
  return { id: v.id, number: v.number, label: v.label, kind: v.kind, status: v.status, description: v.description, closedAt: v.closedAt, reopenUntil };
}

/** The dialogs' view of tickets, backed by the ticket service and the bookings table. */
export function ticketsPort(prisma: PrismaClient, tickets: TicketService): TicketsPort {
  return {
    async bookingsFor(conversationId) {
      const conv = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { customerId: true } });
      const where = conv?.customerId ? { customerId: conv.customerId } : { conversationId };
      const rows = await prisma.booking.findMany({
        where,
        orderBy: { start: "desc" },
        take: 8,
        include: { service: { select: { nameSq: true, nameEn: true } }, business: { select: { name: true, timeZone: true } } },
      });
      return rows.map((b) => ({
        id: b.id, ref: b.ref, start: b.start, serviceSq: b.service.nameSq, serviceEn: b.service.nameEn,
        businessName: b.business.name, timeZone: b.business.timeZone,
      }));
    },
    async open(req) {
      return summary(await tickets.create(req));
    },
    async listRecent(conversationId, now) {
      return (await tickets.listRecent(conversationId, now)).map(summary);
    },
    async get(ticketId) {
      const v = await tickets.get(ticketId);
      return v ? summary(v) : null;
    },
    async reopen(ticketId, text, now) {
      const v = await tickets.get(ticketId);
      const reopened = v ? await tickets.reopen(v, text, null, now) : null;
      return reopened ? summary(reopened) : null;
    },
    async close(ticketId, now) {
      const v = await tickets.closeByCustomer(ticketId, now);
      return v ? summary(v) : null;
    },
  };
}
