// The composition root: builds the kernel (database, domain services, dialog engine, conversations), sets
// up every feature module once, wires what they contribute, and starts the jobs of the process's role.
// The server, the terminal chat, the worker and the tests all come through here.
import { AvailabilityService } from "../core/availability/service.ts";
import { BookingsService } from "../core/bookings/service.ts";
import { CatalogRepo } from "../core/catalog/repo.ts";
import { seedCatalog } from "../core/catalog/seed.ts";
import { demoCatalog } from "../prisma/seed/catalog.ts";
import { systemClock, type Clock } from "../core/clock.ts";
import type { Config } from "../core/config.ts";
import { Notifier } from "../core/conversation/notifier.ts";
import type { MessageHandler } from "../core/conversation/dialog.ts";
import { ConversationService } from "../core/conversation/service.ts";
import { createLimits } from "../core/limits/index.ts";
import { openSql, type Sql, type SqlPool } from "../core/db/sql.ts";
import type { Logger } from "../core/log.ts";
import { Observers } from "../core/observer.ts";
import { TicketService } from "../core/tickets/service.ts";
import type { Flow } from "../dialogs/engine/types.ts";
import { createDialogEngine } from "../dialogs/router.ts";
import { DIALOG_GUARDED, DIALOG_READS, type DialogServices } from "../dialogs/services.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Contribution, FeatureModule, FeaturesOf, Kernel, Role, Routes, Stop } from "./module.ts";
import { defaultModules } from "./modules.ts";
import { observedBookings, observedSender } from "./observed.ts";
import { Lifecycle } from "./ops/lifecycle.ts";
import { WebHub } from "./webchat/hub.ts";

/** The parts of the default modules, by name. */
export type Features = FeaturesOf<typeof defaultModules>;

/** The assembled app: the kernel, the modules' parts and routes; complete when {@link createRuntime} returns. */
export interface Runtime extends Kernel {
  /** Each module's own parts (absent when the module is off). */
  readonly features: Readonly<Features>;
  /** The modules' HTTP routes, in module order (the server mounts them). */
  readonly routes: readonly Routes[];
  /** Stops the jobs, closes the modules' resources, the rate limits and the database. */
  close(): Promise<void>;
}

/** Options for {@link createRuntime}. */
export interface RuntimeOptions {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  /** What this process does (default "server"): decides which jobs start. */
  role?: Role;
  clock?: Clock;
  /** Connection URL of the database (DATABASE_URL, or the embedded server's). */
  databaseUrl?: string;
  /**
   * Connection URL of the database `prisma` is connected to, where `databaseUrl` is left out (tests, a
   * given client): the rate-limit counts are kept there unless REDIS_URL is set.
   */
  prismaUrl?: string;
  /** Plain SQL on the database's own pool (see openDatabase); without it the runtime opens a pool of its own. */
  sql?: SqlPool;
  /** Closes the database (last on shutdown). */
  closeDb?: () => Promise<void>;
  /** Seed the demo catalog when the database has none (default true). */
  seedIfEmpty?: boolean;
  /** The feature modules (default: {@link defaultModules}). */
  modules?: readonly FeatureModule[];
}

/** How often each instance looks for work after bookings that nobody finished. */
const OUTBOX_SWEEP_MS = 5_000;

/** Every module's flows, by name; two modules may not declare the same flow. */
function collectFlows(modules: readonly FeatureModule[]): Record<string, Flow> {
  const flows: Record<string, Flow> = {};
  for (const m of modules) {
    for (const [name, flow] of Object.entries(m.flows ?? {})) {
      if (flows[name]) throw new Error(`flow "${name}" is declared twice (module ${m.name})`);
      flows[name] = flow;
    }
  }
  return flows;
}

/** Builds the app from the modules: kernel, module setups, wiring, then the jobs of the role. */
export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, log, prisma } = opts;
  const role = opts.role ?? "server";
  const clock = opts.clock ?? systemClock;
  const modules = opts.modules ?? defaultModules;
  if (opts.seedIfEmpty !== false && (await prisma.category.count()) === 0) {
    const counts = await seedCatalog(prisma, demoCatalog);
    log.info(counts, "demo catalog seeded");
  }
  const sqlUrl = opts.databaseUrl ?? config.DATABASE_URL ?? opts.prismaUrl;
  if (!sqlUrl) throw new Error("the runtime needs the database URL (databaseUrl or prismaUrl)");
  // The app's own SQL: on the database's pool when given (one connection budget), else a pool of its own.
  const sql = opts.sql ?? (await openSql(sqlUrl, { log }));
  const closeSql = opts.sql ? async () => {} : () => sql.close();
  const catalog = new CatalogRepo(prisma);
  const availability = new AvailabilityService(sql);
  const bookings = new BookingsService(prisma, log, sql);
  const observer = new Observers((err, hook) => log.warn({ err, hook }, "an observer failed"));
  const services: DialogServices = { catalog, availability, bookings: observedBookings(bookings, observer) };
  const engine = createDialogEngine(collectFlows(modules), { log: log.child({ part: "dialog" }) });
  const limits = await createLimits({
    databaseUrl: sqlUrl,
    redisUrl: config.REDIS_URL,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    messagesPerMinute: config.RATE_LIMIT_PER_MIN,
    log,
  });
  log.info({ store: limits.store }, "rate limits ready");
  const conversations = new ConversationService({
    prisma, sql, engine, services, log, clock,
    timeZone: config.TIME_ZONE,
    defaultLang: config.DEFAULT_LANG,
    limiter: limits.chat,
    observer,
    reads: DIALOG_READS,
    guarded: DIALOG_GUARDED,
    copies: config.CONVERSATION_COPIES,
  });
  const hub = new WebHub();
  const notifier = new Notifier(prisma, log, sql);
  notifier.register({ channel: "web", send: async (address, replies) => hub.publish(address.externalId, replies) });
  const tickets = new TicketService({ prisma, log, observer, deliver: (id, replies, purpose) => notifier.sendToConversation(id, replies, { purpose, smsFallback: true }) });
  const kernel: Kernel = {
    role, config, log, prisma, sql, clock, catalog, availability, bookings, services, engine, conversations, limits, notifier, hub, tickets, observer,
    lifecycle: new Lifecycle(),
    databaseUrl: opts.databaseUrl ?? config.DATABASE_URL,
  };

  const stops: Stop[] = [];
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      for (const fn of [...stops].reverse()) await fn().catch((err) => log.error({ err }, "shutdown step failed"));
      await limits.close().catch((err) => log.error({ err }, "closing the rate limits failed"));
      await closeSql().catch((err) => log.error({ err }, "closing the SQL pool failed"));
      await (opts.closeDb ? opts.closeDb() : prisma.$disconnect());
    })();
    return closing;
  };

  try {
    // Set every module up, in order: a module sees the ports of those before it.
    const features: Record<string, unknown> = {};
    const contributions: Contribution<unknown>[] = [];
    for (const m of modules) {
      const c = await m.setup(kernel);
      if (!c) continue;
      contributions.push(c);
      Object.assign(services, c.services);
      if (c.parts !== undefined) features[m.name] = c.parts;
      stops.push(...(c.close ?? []));
    }
    // Wire the contributions once; nothing is added after this.
    const handlers: MessageHandler[] = [];
    for (const c of contributions) {
      for (const s of c.senders ?? []) notifier.register(observedSender(s, observer));
      for (const o of c.observers ?? []) observer.add(o);
      for (const l of c.onBooked ?? []) bookings.onBooked(l);
      for (const d of c.desks ?? []) tickets.addDesk(d);
      if (c.paymentPolicy) bookings.requirePayment(c.paymentPolicy);
      handlers.push(...(c.handlers ?? []));
    }
    engine.useHandlers(handlers);
    // Start the jobs of this role, in module order.
    for (const job of contributions.flatMap((c) => c.jobs ?? [])) {
      if (!job.roles.includes(role)) continue;
      const stop = await job.start(role);
      if (stop) stops.push(stop);
    }
    // Work after bookings (reminders, email, the waiting list) left by an instance that stopped first:
    // every role sweeps for it; it is stopped first on shutdown, before the modules it calls.
    stops.push(bookings.outbox.start(OUTBOX_SWEEP_MS));
    return { ...kernel, features: features as Features, routes: contributions.flatMap((c) => c.routes ?? []), close };
  } catch (err) {
    await close();
    throw err;
  }
}
