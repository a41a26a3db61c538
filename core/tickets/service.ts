import type { Reply } from "../conversation/messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { t, toLang } from "../../locales/i18n.ts";
import type { Logger } from "../log.ts";
import type { Observer } from "../observer.ts";
import { firstName, numberedChannel, ticketLabel, type TicketDesk, type TicketView, type TranscriptLine } from "./types.ts";

/** A closed ticket reopens when the customer replies within this time. */
export const REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** An untaken ticket is announced again after this time. */
export const REANNOUNCE_AFTER_MS = 30 * 60 * 1000;
/** How many messages of the conversation go with a new ticket. */
export const TRANSCRIPT_SIZE = 10;

/** What the ticket service needs. */
export interface TicketServiceDeps {
  prisma: PrismaClient;
  log: Logger;
  /** Sends bot-initiated replies to a conversation on its own channel (rt.notifier.sendToConversation). */
  deliver(conversationId: string, replies: Reply[], purpose: string): Promise<void>;
  /** Told when staff answer a ticket for the first time. */
  observer?: Observer;
}

/** Input of a new ticket. */
export interface NewTicket {
  conversationId: string;
  kind: string;
  description: string;
  bookingId?: string | null;
  customerName?: string | null;
  now: Date;
}

const ACTIVE = ["open", "taken"];
type TicketRow = Awaited<ReturnType<PrismaClient["ticket"]["findUniqueOrThrow"]>>;
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

/** Support tickets: opened from the dialog, worked by staff at the desks, relayed back to the customer. */
export class TicketService {
  private readonly desks: TicketDesk[] = [];
  constructor(private readonly deps: TicketServiceDeps) {}

  /** Adds a desk (Slack, email) that is told about tickets. */
  addDesk(desk: TicketDesk): void {
    this.desks.push(desk);
  }

  /** Whether any desk is listening (staff can see tickets somewhere besides the database). */
  get hasDesk(): boolean {
    return this.desks.length > 0;
  }

  private async tell(what: string, fn: (d: TicketDesk) => Promise<void> | undefined): Promise<void> {
    for (const desk of this.desks) {
      try {
        await fn(desk);
      } catch (err) {
        this.deps.log.error({ err, desk: desk.name, what }, "ticket desk failed");
      }
    }
  }

  private async view(row: TicketRow): Promise<TicketView> {
    const { prisma } = this.deps;
    const [conv, booking] = await Promise.all([
      prisma.conversation.findUnique({ where: { id: row.conversationId }, select: { channel: true, lang: true } }),
      row.bookingId ? prisma.booking.findUnique({ where: { id: row.bookingId }, select: { ref: true } }) : null,
    ]);
    return {
      id: row.id, number: row.number, label: ticketLabel(row.number), conversationId: row.conversationId,
      customerName: row.customerName, channel: conv?.channel ?? "web", kind: row.kind, description: row.description,
      bookingId: row.bookingId, bookingRef: booking?.ref ?? null, status: row.status, takenBy: row.takenBy,
      slackChannel: row.slackChannel, slackTs: row.slackTs, lang: toLang(conv?.lang), createdAt: row.createdAt, closedAt: row.closedAt,
    };
  }

  /** The last messages of a conversation as plain lines, oldest first. */
  async transcript(conversationId: string, size = TRANSCRIPT_SIZE): Promise<TranscriptLine[]> {
    const rows = await this.deps.prisma.message.findMany({ where: { conversationId }, orderBy: { id: "desc" }, take: size });
    return rows.reverse().map((m) => {
      const body = m.body as Record<string, unknown>;
      const text = m.direction === "out" ? String(body.text ?? "") : String(body.text ?? body.label ?? body.phone ?? body.id ?? "");
      return { from: m.direction === "in" ? "customer" : "bot", text, at: m.createdAt } as TranscriptLine;
    }).filter((l) => l.text);
  }

  /** The transcript kept with a ticket when it was opened ("> " customer, "< " bot lines). */
  async savedTranscript(ticketId: string): Promise<string> {
    const row = await this.deps.prisma.ticketMessage.findFirst({ where: { ticketId, author: "system", authorName: "transcript" }, orderBy: { id: "asc" } });
    return row?.text ?? "";
  }

  /** Opens a ticket with the recent transcript and tells the desks. */
  async create(input: NewTicket): Promise<TicketView> {
    const { prisma } = this.deps;
    const transcript = await this.transcript(input.conversationId);
    const row = await prisma.ticket.create({
      data: {
        conversationId: input.conversationId, kind: input.kind, description: input.description,
        bookingId: input.bookingId ?? null, customerName: firstName(input.customerName), announcedAt: input.now,
        messages: {
          create: [
            { author: "system", authorName: "transcript", text: transcriptLines(transcript) },
            { author: "customer", text: input.description },
          ],
        },
      },
    });
    const view = await this.view(row);
    this.deps.log.info({ ticket: view.label, kind: view.kind, channel: view.channel }, "ticket opened");
    await this.tell("created", (d) => d.created(view, transcript));
    return view;
  }

  /** A ticket by id (any status). */
  async get(id: string): Promise<TicketView | null> {
    const row = await this.deps.prisma.ticket.findUnique({ where: { id } });
    return row ? this.view(row) : null;
  }

  /** A ticket by its Slack message. */
  async bySlackTs(channel: string, ts: string): Promise<TicketView | null> {
    const row = await this.deps.prisma.ticket.findFirst({ where: { slackTs: ts, slackChannel: channel } });
    return row ? this.view(row) : null;
  }

  /** Remembers where a ticket was posted in Slack. */
  async setSlack(id: string, channel: string, ts: string): Promise<void> {
    await this.deps.prisma.ticket.update({ where: { id }, data: { slackChannel: channel, slackTs: ts } });
  }

  /**
   * The tickets of a conversation (a conversation sees only its own): open and taken ones, then those
   * closed recently enough to be reopened; newest first within each.
   */
  async listRecent(conversationId: string, now: Date): Promise<TicketView[]> {
    const { prisma } = this.deps;
    const reopenable = { status: "closed", closedAt: { gte: new Date(now.getTime() - REOPEN_WINDOW_MS) } };
    const rows = await prisma.ticket.findMany({
      where: { conversationId, OR: [{ status: { in: ACTIVE } }, reopenable] },
      orderBy: { number: "desc" },
      take: 20,
    });
    rows.sort((a, b) => Number(a.status === "closed") - Number(b.status === "closed"));
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** Adds a customer's message to an open ticket; false when it was added before (same external id). */
  async addCustomerMessage(ticket: TicketView, text: string, externalId: string): Promise<boolean> {
    if (!(await this.record(ticket.id, "customer", null, text, externalId))) return false;
    await this.tell("customerMessage", (d) => d.customerMessage(ticket, text));
    return true;
  }

  private async record(ticketId: string, author: string, authorName: string | null, text: string, externalId: string | null): Promise<boolean> {
    try {
      await this.deps.prisma.ticketMessage.create({ data: { ticketId, author, authorName, text, externalId } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Whether a closed ticket can still be reopened by a reply. */
  canReopen(ticket: TicketView, now: Date): boolean {
    return ticket.status === "closed" && !!ticket.closedAt && now.getTime() - ticket.closedAt.getTime() <= REOPEN_WINDOW_MS;
  }

  /** Reopens a recently closed ticket with the customer's reply; null when it is too old or not closed. */
  async reopen(ticket: TicketView, text: string, externalId: string | null, now: Date): Promise<TicketView | null> {
    if (!this.canReopen(ticket, now)) return null;
    const done = await this.deps.prisma.ticket.updateMany({
      where: { id: ticket.id, status: "closed" },
      data: { status: "open", takenBy: null, closedAt: null, announcedAt: now },
    });
    if (done.count !== 1) return null;
    await this.record(ticket.id, "customer", null, text, externalId);
    const view = (await this.get(ticket.id))!;
    await this.tell("reopened", (d) => d.reopened(view, text));
    return view;
  }

  /** The customer closes their ticket (a closed ticket's takenBy is who closed it: null for the customer). */
  async closeByCustomer(ticketId: string, now: Date): Promise<TicketView | null> {
    const done = await this.deps.prisma.ticket.updateMany({ where: { id: ticketId, status: { in: ACTIVE } }, data: { status: "closed", closedAt: now, takenBy: null } });
    if (done.count !== 1) return null;
    const view = (await this.get(ticketId))!;
    await this.record(ticketId, "system", null, "closed by the customer", null);
    await this.tell("closedByCustomer", (d) => d.closedByCustomer(view));
    return view;
  }

  /** A staff member takes the ticket; the customer is told. Null when it was not open. */
  async take(ticketId: string, staffName: string): Promise<TicketView | null> {
    const done = await this.deps.prisma.ticket.updateMany({ where: { id: ticketId, status: "open" }, data: { status: "taken", takenBy: staffName } });
    if (done.count !== 1) return null;
    const view = (await this.get(ticketId))!;
    await this.toCustomer(view, "ticket-taken", { text: t(view.lang, "tickets:taken", { name: staffName, label: view.label }) });
    return view;
  }

  /** A staff member closes the ticket (kept as its takenBy); the customer is told how to reopen it. Null when already closed. */
  async closeByStaff(ticketId: string, staffName: string, now: Date): Promise<TicketView | null> {
    const done = await this.deps.prisma.ticket.updateMany({ where: { id: ticketId, status: { in: ACTIVE } }, data: { status: "closed", closedAt: now, takenBy: staffName } });
    if (done.count !== 1) return null;
    const view = (await this.get(ticketId))!;
    await this.record(ticketId, "system", staffName, `closed by ${staffName}`, null);
    await this.toCustomer(view, "ticket-closed", { text: t(view.lang, "tickets:closedByStaff", { name: staffName, label: view.label }) });
    return view;
  }

  /**
   * A staff reply: kept with the ticket and relayed to the customer once (dedup by external id). An open
   * ticket becomes taken by the staff member; a closed one is reopened, taken by them (staff answering a
   * closed ticket means it is not done). `changed` says the status changed (the desk shows it);
   * `delivered` false: the customer's channel did not take it (it stays in their «my tickets»).
   */
  async staffReply(ticket: TicketView, text: string, staffName: string, externalId: string): Promise<{ relayed: boolean; changed: boolean; delivered: boolean }> {
    const { prisma } = this.deps;
    if (!(await this.record(ticket.id, "staff", staffName, text, externalId))) return { relayed: false, changed: false, delivered: false };
    await this.firstResponse(ticket.id);
    const reopened = (await prisma.ticket.updateMany({ where: { id: ticket.id, status: "closed" }, data: { status: "taken", takenBy: staffName, closedAt: null } })).count === 1;
    const taken = !reopened && (await prisma.ticket.updateMany({ where: { id: ticket.id, status: "open" }, data: { status: "taken", takenBy: staffName } })).count === 1;
    if (reopened) {
      await this.record(ticket.id, "system", staffName, `reopened by ${staffName}`, null);
      this.deps.log.info({ ticket: ticket.label }, "ticket reopened by a staff reply");
    }
    const lang = ticket.lang;
    const lines = [t(lang, "tickets:staffReply", { name: staffName, label: ticket.label, text })];
    if (reopened) lines.push(t(lang, "tickets:reopenedByStaff", { label: ticket.label }));
    const reply: Reply = { text: "" };
    if (!(await this.inChat(ticket))) {
      // Numbered channels (SMS, WhatsApp): no button, so "1", "2" keep meaning the last prompt's choices
      // the customer was answering; the way back is a keyword, in words. On button channels the button
      // becomes the pending question (the notifier sets a message's buttons), so typing its name works too.
      if (numberedChannel(ticket.channel)) lines.push(t(lang, "tickets:replyHintNumbered", { label: ticket.label }));
      else {
        lines.push(t(lang, "tickets:replyHint", { label: ticket.label }));
        reply.choices = [{ id: "g.mytickets", label: t(lang, "tickets:myTickets") }];
      }
    }
    reply.text = lines.join("\n\n");
    const delivered = await this.toCustomer(ticket, "ticket-reply", reply);
    return { relayed: true, changed: reopened || taken, delivered };
  }

  /** Reports the time to the first staff answer, when this answer was the first (database clock on both ends). */
  private async firstResponse(ticketId: string): Promise<void> {
    const observer = this.deps.observer;
    if (!observer?.ticketFirstResponse) return;
    const rows = await this.deps.prisma.$queryRaw<{ seconds: number; n: number }[]>`
      SELECT EXTRACT(EPOCH FROM (m.first - t."createdAt"))::float8 AS seconds, m.n
        FROM "Ticket" t,
             LATERAL (SELECT min("createdAt") AS first, count(*)::int AS n FROM "TicketMessage" WHERE "ticketId" = t.id AND author = 'staff') m
       WHERE t.id = ${ticketId}`;
    if (rows[0]?.n === 1) observer.ticketFirstResponse({ seconds: Math.max(0, Number(rows[0].seconds)) });
  }

  /** Whether the customer's conversation is in the chat of this ticket (their messages go to it). */
  async inChat(ticket: TicketView): Promise<boolean> {
    const conv = await this.deps.prisma.conversation.findUnique({ where: { id: ticket.conversationId }, select: { state: true } });
    const s = conv?.state as { flow?: string; step?: string; data?: { ticketId?: string } } | null;
    return s?.flow === "ticket" && s.step === "chat" && s.data?.ticketId === ticket.id;
  }

  /** Sends to the ticket's conversation; false when its channel did not take it (logged). */
  private async toCustomer(ticket: TicketView, purpose: string, reply: Reply): Promise<boolean> {
    try {
      await this.deps.deliver(ticket.conversationId, [reply], purpose);
      return true;
    } catch (err) {
      this.deps.log.error({ err, ticket: ticket.label, purpose }, "could not reach the customer");
      return false;
    }
  }

  /**
   * Announces again every ticket still untaken 30 minutes after it was last announced. Each ticket is
   * claimed in the database first, so two workers never announce the same one. Returns how many.
   */
  async reannounceDue(now: Date): Promise<number> {
    const { prisma } = this.deps;
    const cutoff = new Date(now.getTime() - REANNOUNCE_AFTER_MS);
    const due = await prisma.ticket.findMany({ where: { status: "open", announcedAt: { lte: cutoff } }, take: 50, orderBy: { number: "asc" } });
    let n = 0;
    for (const row of due) {
      const claimed = await prisma.ticket.updateMany({ where: { id: row.id, status: "open", announcedAt: row.announcedAt }, data: { announcedAt: now } });
      if (claimed.count !== 1) continue;
      n++;
      const view = await this.view(row);
      await this.tell("reannounce", (d) => d.reannounce?.(view));
    }
    return n;
  }
}

/** A transcript as plain lines: "> " for the customer, "< " for the bot. */
export function transcriptLines(lines: TranscriptLine[]): string {
  return lines.map((l) => `${l.from === "customer" ? ">" : "<"} ${l.text.replace(/\s*\n\s*/g, " / ")}`).join("\n");
}
