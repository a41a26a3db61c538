import type { Reply } from "../../../core/conversation/messages.ts";
import type { PendingUpdate } from "../../../core/conversation/pending.ts";
import { understanding } from "../../../core/nlu/understanding.ts";
import { reminderQuestion } from "../../../core/reminders/question.ts";
import { reminderAnswers } from "../../../core/reminders/replies.ts";
import { reminderReplies, type ReminderKind } from "../../../core/reminders/text.ts";
import type { TicketService } from "../../../core/tickets/service.ts";
import type { DialogEngine, DialogLog } from "../../../dialogs/engine/run.ts";
import type { Flow } from "../../../dialogs/engine/types.ts";
import { flows } from "../../../dialogs/flows.ts";
import { privacyFlow } from "../../../dialogs/privacy/flow.ts";
import { createDialogEngine } from "../../../dialogs/router.ts";
import type { DialogServices } from "../../../dialogs/services.ts";
import { ticketRelay } from "../../../dialogs/ticket/relay.ts";
import { MemoryBookings, type MemoryBooking } from "./bookings.ts";
import { MemoryCatalog } from "./catalog.ts";
import { MemoryReminderAnswers } from "./reminders.ts";
import { MemoryTickets } from "./tickets.ts";
import { Transcript, type TranscriptOptions } from "./transcript.ts";

/** Options of {@link memoryWorld}. */
export interface WorldOptions {
  /** The instant the conversations happen at (ISO); `world.now` may be moved later. */
  now: string;
  /** Whether a staff desk (Slack, email) is told of new tickets at once (default true). */
  staffDesk?: boolean;
  timeZone?: string;
  /** More flows besides every flow of the app (a test's own). */
  flows?: Record<string, Flow>;
  /** Hears of flow data that failed its flow's schema. */
  log?: DialogLog;
}

/**
 * One marketplace in memory for transcript tests: the demo catalog, bookings, managing and tickets behind
 * the dialogs' ports, the real language understanding (dates, intents, FAQ with the catalog's entity
 * index), and the real dialog engine with every flow and the ticket chat's relay. No HTTP, no database.
 */
export class MemoryWorld {
  now: Date;
  readonly timeZone: string;
  readonly catalog = new MemoryCatalog();
  readonly bookings = new MemoryBookings(this.catalog);
  readonly tickets: MemoryTickets;
  /** Which bookings got a reminder by text, for the reminder answers. */
  readonly reminders = new MemoryReminderAnswers(this.bookings);
  readonly services: DialogServices;
  readonly engine: DialogEngine;
  private seq = 0;

  constructor(opts: WorldOptions) {
    this.now = new Date(opts.now);
    this.timeZone = opts.timeZone ?? "Europe/Tirane";
    this.tickets = new MemoryTickets(this.bookings, opts.staffDesk ?? true);
    this.engine = createDialogEngine({ ...flows, privacy: privacyFlow, ...opts.flows }, { log: opts.log });
    this.services = {
      catalog: this.catalog,
      availability: this.bookings,
      bookings: this.bookings,
      manage: this.bookings,
      tickets: this.tickets,
      nlu: understanding,
    };
    // The engine runs the ticket relay and the reminder answers inside its turns, as the composition root
    // wires them; the relay needs only a ticket by id and a way to add the customer's message.
    this.engine.useHandlers([
      { name: "ticket relay", priority: 10, handle: ticketRelay(this.tickets as unknown as TicketService) },
      { name: "reminder answers", priority: 20, handle: reminderAnswers({ answers: this.reminders, clock: () => this.now }) },
    ]);
  }

  /** A new conversation (not started: call `start()` or `send()` first). */
  chat(opts: Omit<TranscriptOptions, "id"> = {}): Transcript {
    return new Transcript(this, { ...opts, id: `conv-${++this.seq}` });
  }

  /**
   * A booking made elsewhere (another customer, or an earlier chat): `service` is "<business slug>/<n>",
   * `start` an instant (ISO). Throws when the place is not free.
   */
  async book(service: string, start: string, conversationId = `other-${++this.seq}`, name = "Klient Tjetër", phone = "+355690000009"): Promise<MemoryBooking> {
    const r = await this.bookings.book({
      serviceId: service, start: new Date(start), contact: { name, email: "klient@example.al", phone },
      channel: "web", conversationId, requestKey: `setup:${conversationId}:${start}:${service}`, lang: "sq", now: this.now,
    });
    if (!r.ok) throw new Error(`${service} at ${start} is not free`);
    return this.bookings.byRef(r.booking.ref);
  }

  /**
   * Sends a booking's reminder to a conversation as the reminder job does on a text channel (SMS,
   * WhatsApp): the message, and its PO/JO question set as the pending question.
   */
  remind(to: Transcript, bookingId: string, kind: ReminderKind = "24h"): Transcript {
    return to.check((bot) => {
      const b = this.bookings.all.find((x) => x.id === bookingId);
      if (!b) throw new Error(`no booking ${bookingId}`);
      this.reminders.remindedBy(b.id);
      bot.receive(reminderReplies(bot.state.lang, kind, b, { answerBy: "text" }), reminderQuestion(bot.state.lang, b.id));
    });
  }

  /** Sends a message the bot starts itself (a payment notice, a staff reply) to a conversation, as the notifier does. */
  notify(to: Transcript, replies: Reply[], asked?: PendingUpdate): Transcript {
    return to.check((bot) => bot.receive(replies, asked));
  }

  /** Moves the clock. */
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

/** A fresh in-memory world at `now`. */
export function memoryWorld(opts: WorldOptions): MemoryWorld {
  return new MemoryWorld(opts);
}
