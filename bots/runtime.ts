import { AvailabilityService } from "../core/availability/service.ts";
import { BookingsService } from "../core/bookings/service.ts";
import { CatalogRepo } from "../core/catalog/repo.ts";
import { seedCatalog } from "../core/catalog/seed.ts";
import { demoCatalog } from "../prisma/seed/catalog.ts";
import { systemClock, type Clock } from "../core/clock.ts";
import type { Config } from "../core/config.ts";
import { Notifier } from "../core/conversation/notifier.ts";
import { ConversationService } from "../core/conversation/service.ts";
import { createLimits, type Limits } from "../core/limits/index.ts";
import type { Logger } from "../core/log.ts";
import { ticketsPort } from "../core/tickets/port.ts";
import { TicketService } from "../core/tickets/service.ts";
import { ticketInterceptor } from "../dialogs/ticket/intercept.ts";
import type { DialogEngine } from "../dialogs/engine/run.ts";
import { createDialogEngine } from "../dialogs/router.ts";
import { searchFaq } from "../core/faq/index.ts";
import { detectIntent } from "../core/nlu/intent.ts";
import { parseWhen } from "../core/nlu/when.ts";
import type { DialogServices } from "../dialogs/services.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { WebHub } from "./webchat/hub.ts";

/** Everything the running app holds: database, domain services, dialog engine, senders. */
export interface Runtime {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  /** Connection URL of the database, for parts that need their own pool (reminders). */
  databaseUrl?: string;
  clock: Clock;
  catalog: CatalogRepo;
  availability: AvailabilityService;
  bookings: BookingsService;
  services: DialogServices;
  engine: DialogEngine;
  conversations: ConversationService;
  /** Rate limits (messages per chat, one-time-code throttles), counted in the database or Redis. */
  limits: Limits;
  notifier: Notifier;
  hub: WebHub;
  /** Support tickets; desks (Slack, email) add themselves. */
  tickets: TicketService;
  /** Work to stop on shutdown (schedulers, pollers), run in reverse order. */
  onClose: (() => Promise<void>)[];
  close(): Promise<void>;
}

/** Options for {@link createRuntime}. */
export interface RuntimeOptions {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  clock?: Clock;
  /** Connection URL of the database (DATABASE_URL, or the embedded server's). */
  databaseUrl?: string;
  /**
   * Connection URL of the database `prisma` is connected to, where `databaseUrl` is left out (tests, a
   * given client): the rate-limit counts are kept there unless REDIS_URL is set.
   */
  prismaUrl?: string;
  /** Closes the database (last on shutdown). */
  closeDb?: () => Promise<void>;
  /** Seed the demo catalog when the database has none (default true). */
  seedIfEmpty?: boolean;
}

/** Builds the runtime: domain services, the dialog engine, the conversation service and the web hub. */
export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, log, prisma } = opts;
  const clock = opts.clock ?? systemClock;
  if (opts.seedIfEmpty !== false && (await prisma.category.count()) === 0) {
    const counts = await seedCatalog(prisma, demoCatalog);
    log.info(counts, "demo catalog seeded");
  }
  const catalog = new CatalogRepo(prisma);
  const availability = new AvailabilityService(prisma);
  const bookings = new BookingsService(prisma, log);
  const nlu = { when: parseWhen, intent: detectIntent, faq: searchFaq };
  const services: DialogServices = { catalog, availability, bookings, nlu };
  const engine = createDialogEngine();
  const limits = await createLimits({
    databaseUrl: opts.databaseUrl ?? config.DATABASE_URL ?? opts.prismaUrl,
    redisUrl: config.REDIS_URL,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    messagesPerMinute: config.RATE_LIMIT_PER_MIN,
    log,
  });
  log.info({ store: limits.store }, "rate limits ready");
  const conversations = new ConversationService({
    prisma, engine, services, log, clock,
    timeZone: config.TIME_ZONE,
    defaultLang: config.DEFAULT_LANG,
    limiter: limits.chat,
  });
  const hub = new WebHub();
  const notifier = new Notifier(prisma, log);
  notifier.register({ channel: "web", send: async (address, replies) => hub.publish(address.externalId, replies) });
  const tickets = new TicketService({ prisma, log, deliver: (id, replies, purpose) => notifier.sendToConversation(id, replies, { purpose }) });
  services.tickets = ticketsPort(prisma, tickets);
  conversations.intercept(ticketInterceptor(tickets, clock));
  const onClose: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  return {
    config, log, prisma, clock, catalog, availability, bookings, services, engine, conversations, limits, notifier, hub, tickets, onClose,
    databaseUrl: opts.databaseUrl ?? config.DATABASE_URL,
    close() {
      closing ??= (async () => {
        for (const fn of [...onClose].reverse()) await fn().catch((err) => log.error({ err }, "shutdown step failed"));
        await limits.close().catch((err) => log.error({ err }, "closing the rate limits failed"));
        await (opts.closeDb ? opts.closeDb() : prisma.$disconnect());
      })();
      return closing;
    },
  };
}
