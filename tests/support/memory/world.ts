import { understanding } from "../../../core/nlu/understanding.ts";
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
    // The engine runs the ticket relay inside its turns, as the composition root wires it; the relay needs
    // only a ticket by id and a way to add the customer's message.
    this.engine.useHandlers([{ name: "ticket relay", priority: 10, handle: ticketRelay(this.tickets as unknown as TicketService) }]);
  }

  /** A new conversation (not started: call `start()` or `send()` first). */
  chat(opts: Omit<TranscriptOptions, "id"> = {}): Transcript {
    return new Transcript(this, { ...opts, id: `conv-${++this.seq}` });
  }

  /**
   * A booking made elsewhere (another customer, or an earlier chat): `service` is "<business slug>/<n>",
   * `start` an instant (ISO). Throws when the place is not free.
   */
  async book(service: string, start: string, conversationId = `other-${++this.seq}`, name = "Klient Tjetër"): Promise<MemoryBooking> {
    const r = await this.bookings.book({
      serviceId: service, start: new Date(start), contact: { name, email: "klient@example.al", phone: "+355690000009" },
      channel: "web", conversationId, requestKey: `setup:${conversationId}:${start}:${service}`, lang: "sq", now: this.now,
    });
    if (!r.ok) throw new Error(`${service} at ${start} is not free`);
    return this.bookings.byRef(r.booking.ref);
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
