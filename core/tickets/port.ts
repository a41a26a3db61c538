import type { PrismaClient } from "../../generated/prisma/client.ts";
import { bookingsOf, identityOf } from "../bookings/identity.ts";
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
  /** The booking's business and service, to tell which one a complaint names. */
  businessId: string;
  serviceId: string;
}

/** Support tickets. */
export interface TicketsPort {
  /**
   * Whether staff are told of a new ticket right away (a Slack or email desk is configured). Without one,
   * tickets wait in the database until someone checks, and the customer is promised no answer time.
   */
  staffDesk(): boolean;
  /** The bookings this conversation may see (made in it or of a proven phone/email), newest first. */
  bookingsFor(conversationId: string, now: Date): Promise<TicketBookingOption[]>;
  open(req: { conversationId: string; kind: string; description: string; bookingId?: string | null; customerName?: string | null; now: Date }): Promise<TicketSummary>;
  /** This conversation's open (or taken) tickets, then those closed recently enough to be reopened. */
  listRecent(conversationId: string, now: Date): Promise<TicketSummary[]>;
  /** A ticket of this conversation; null for another conversation's ticket. */
  get(conversationId: string, ticketId: string): Promise<TicketSummary | null>;
  /** The customer closes a ticket; null when it was not open. */
  close(conversationId: string, ticketId: string, now: Date): Promise<TicketSummary | null>;
  /** The customer writes to a closed ticket within its reopen window: reopened; null when too late. */
  reopen(conversationId: string, ticketId: string, text: string, now: Date): Promise<TicketSummary | null>;
}

function summary(v: TicketView): TicketSummary {
  const reopenUntil = v.status === "closed" && v.closedAt ? new Date(v.closedAt.getTime() + REOPEN_WINDOW_MS) : null;
  return { id: v.id, number: v.number, label: v.label, kind: v.kind, status: v.status, description: v.description, closedAt: v.closedAt, reopenUntil };
}

/** The dialogs' view of tickets, backed by the ticket service and the bookings table. */
export function ticketsPort(prisma: PrismaClient, tickets: TicketService): TicketsPort {
  /** A ticket of this conversation (a conversation sees only its own tickets). */
  const own = async (conversationId: string, ticketId: string) => {
    const v = ticketId ? await tickets.get(ticketId) : null;
    return v && v.conversationId === conversationId ? v : null;
  };
  return {
    staffDesk: () => tickets.hasDesk,
    async bookingsFor(conversationId, now) {
      const id = await identityOf(prisma, conversationId, now);
      if (!id) return [];
      const rows = await prisma.booking.findMany({
        where: bookingsOf(id),
        orderBy: { start: "desc" },
        take: 8,
        include: { service: { select: { nameSq: true, nameEn: true } }, business: { select: { name: true, timeZone: true } } },
      });
      return rows.map((b) => ({
        id: b.id, ref: b.ref, start: b.start, serviceSq: b.service.nameSq, serviceEn: b.service.nameEn,
        businessName: b.business.name, timeZone: b.business.timeZone, businessId: b.businessId, serviceId: b.serviceId,
      }));
    },
    async open(req) {
      return summary(await tickets.create(req));
    },
    async listRecent(conversationId, now) {
      return (await tickets.listRecent(conversationId, now)).map(summary);
    },
    async get(conversationId, ticketId) {
      const v = await own(conversationId, ticketId);
      return v ? summary(v) : null;
    },
    async reopen(conversationId, ticketId, text, now) {
      const v = await own(conversationId, ticketId);
      const reopened = v ? await tickets.reopen(v, text, null, now) : null;
      return reopened ? summary(reopened) : null;
    },
    async close(conversationId, ticketId, now) {
      if (!(await own(conversationId, ticketId))) return null;
      const v = await tickets.closeByCustomer(ticketId, now);
      return v ? summary(v) : null;
    },
  };
}
