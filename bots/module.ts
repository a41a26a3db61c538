import type { FastifyInstance } from "fastify";
import type { AvailabilityService } from "../core/availability/service.ts";
import type { BookedListener, BookingsService, PaymentPolicy } from "../core/bookings/service.ts";
import type { CatalogRepo } from "../core/catalog/repo.ts";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config.ts";
import type { ChannelSender } from "../core/conversation/messages.ts";
import type { Notifier } from "../core/conversation/notifier.ts";
import type { MessageHandler } from "../core/conversation/dialog.ts";
import type { ConversationService } from "../core/conversation/service.ts";
import type { Limits } from "../core/limits/index.ts";
import type { Logger } from "../core/log.ts";
import type { Observer, Observers } from "../core/observer.ts";
import type { TicketService } from "../core/tickets/service.ts";
import type { TicketDesk } from "../core/tickets/types.ts";
import type { DialogEngine } from "../dialogs/engine/run.ts";
import type { Flow } from "../dialogs/engine/types.ts";
import type { DialogServices } from "../dialogs/services.ts";
import type { Sql } from "../core/db/sql.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Lifecycle } from "./ops/lifecycle.ts";
import type { Runtime } from "./runtime.ts";
import type { WebHub } from "./webchat/hub.ts";

/**
 * What a process built from the modules does: `server` (HTTP, channels, background work), `chat` (the
 * terminal chat: the dialogs and their services, no channels listening), `worker` (background work only).
 */
export type Role = "server" | "chat" | "worker";

/** The shared domain every module builds on; made by the composition root before any module. */
export interface Kernel {
  role: Role;
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  /** Plain SQL on the same database, for the statements every turn runs (see core/db/sql.ts). */
  sql: Sql;
  /** Connection URL of the database, for parts that need their own pool (reminders, web fan-out). */
  databaseUrl?: string;
  clock: Clock;
  catalog: CatalogRepo;
  availability: AvailabilityService;
  bookings: BookingsService;
  /** The ports the dialogs call: the kernel's, then each module's `services` (filled before start). */
  services: DialogServices;
  engine: DialogEngine;
  conversations: ConversationService;
  /** Rate limits (messages per chat, one-time-code throttles), counted in the database or Redis. */
  limits: Limits;
  notifier: Notifier;
  hub: WebHub;
  tickets: TicketService;
  /** What the domain reports (turns, bookings, reminders, failed sends ...): the modules' observers listen. */
  observer: Observers;
  /** Starting, ready or draining (readiness, refusing new turns while draining). */
  lifecycle: Lifecycle;
}

/** HTTP routes a module serves (only the server mounts them); `rt` is the assembled app. */
export type Routes = (app: FastifyInstance, rt: Runtime) => void | Promise<void>;

/** Background work: started by the root once the app is assembled, in the roles listed; returns its stop. */
export interface Job {
  name: string;
  roles: readonly Role[];
  start(role: Role): Promise<Stop | void> | Stop | void;
}

/** Stops a job or closes a resource; run in reverse order on shutdown. */
export type Stop = () => Promise<void>;

/** What a module adds to the app, as data; the root wires it in once. */
export interface Contribution<P = undefined> {
  /** Ports for the dialogs (merged into `services`). */
  services?: Partial<DialogServices>;
  /** Senders for messages the bot starts itself, one per channel (a later module's replaces an earlier one's). */
  senders?: ChannelSender[];
  /** Message handlers the engine runs inside its turns (lower priority first; see MessageHandler). */
  handlers?: MessageHandler[];
  /** Work after each new booking. */
  onBooked?: BookedListener[];
  /** Which new bookings wait for an online payment. */
  paymentPolicy?: PaymentPolicy;
  /** Staff desks told about support tickets. */
  desks?: TicketDesk[];
  routes?: Routes[];
  jobs?: Job[];
  /** Listeners to what the domain reports (metrics, the support digest). */
  observers?: Observer[];
  /** Resources to close on shutdown (after the jobs are stopped, in reverse order). */
  close?: Stop[];
  /** The module's own parts, reachable as `rt.features[name]` (tests, tools, other modules). */
  parts?: P;
}

/** What a module's setup sees: the kernel plus the ports of the modules set up before it. */
export type SetupContext = Kernel;

/**
 * A feature: its flows (static), and a setup that builds its parts from the kernel and says what it
 * contributes — or null when the feature is off (not configured, or not wanted in this role).
 */
export interface FeatureModule<N extends string = string, P = unknown> {
  readonly name: N;
  /** Dialog flows by name (the engine is built from every module's flows). */
  readonly flows?: Record<string, Flow>;
  setup(ctx: SetupContext): Contribution<P> | null | Promise<Contribution<P> | null>;
}

/** The parts of each module, by module name (absent when the module is off). */
export type FeaturesOf<M extends readonly FeatureModule[]> = {
  [K in M[number] as K["name"]]?: K extends FeatureModule<string, infer P> ? P : never;
};
