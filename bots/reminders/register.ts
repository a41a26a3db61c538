import type { FastifyInstance } from "fastify";
import { t, toLang } from "../../locales/i18n.ts";
import { remindersPlanned } from "../../core/bookings/confirmation.ts";
import { bookingIcs, LinkSigner } from "../../core/bookings/ics.ts";
import { ManageService } from "../../core/bookings/manage.ts";
import type { BookedListener } from "../../core/bookings/service.ts";
import { formatDayTime, formatPhone, formatPrice } from "../../core/format.ts";
import { maskEmail } from "../../core/log.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { Mailer } from "../../core/reminders/mailer.ts";
import { mayAnswerReminder, reminderAnswers } from "../../core/reminders/replies.ts";
import { ReminderAnswersStore } from "../../core/reminders/store.ts";
import { ReminderScheduler } from "../../core/reminders/scheduler.ts";
import { manageFlow } from "../../dialogs/manage/flow.ts";
import type { Contribution, FeatureModule, Kernel } from "../module.ts";

/** The parts managing bookings and reminders add (`rt.features.manage`). */
export interface ManageFeatures {
  manage: ManageService;
  links: LinkSigner;
  mailer?: Mailer;
  dispatcher?: ReminderDispatcher;
  scheduler?: ReminderScheduler;
}

type IcsRow = { id: string; ref: string; start: Date; end: Date; status: string; updatedAt: Date; business: { name: string; address: string; city: string; phone: string }; service: { nameSq: string; nameEn: string } };

function icsFor(b: IcsRow, lang: "sq" | "en"): string {
  return bookingIcs({
    id: b.id, ref: b.ref, start: b.start, end: b.end, status: b.status, updatedAt: b.updatedAt,
    title: `${lang === "en" ? b.service.nameEn : b.service.nameSq} · ${b.business.name}`,
    location: `${b.business.address}, ${b.business.city}`,
    description: t(lang, "reminders:icsDescription", { ref: b.ref, phone: b.business.phone }),
  });
}

/** GET /api/bookings/:ref/ics: the calendar file of a booking, with a signed link. */
function icsRoute(rt: Kernel, links: LinkSigner) {
  return (app: FastifyInstance) => {
    app.get<{ Params: { ref: string }; Querystring: { token?: string } }>("/api/bookings/:ref/ics", async (req, res) => {
      const b = await rt.prisma.booking.findUnique({ where: { ref: req.params.ref }, include: { business: true, service: true, customer: { select: { lang: true } } } });
      if (!b || !req.query.token || !links.verify(b.id, req.query.token, rt.clock())) {
        return res.code(404).send({ error: "not_found", message: t(toLang(String(req.headers["accept-language"] ?? "")), "web:notFound") });
      }
      return res
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="${b.ref}.ics"`)
        .header("cache-control", "private, no-store")
        .send(icsFor(b, toLang(b.customer.lang)));
    });
  };
}

/** The confirmation email with the calendar file, sent after each booking that gave an email. */
function confirmationEmail(rt: Kernel, manage: ManageService, mailer: Mailer): BookedListener {
  const { prisma, log } = rt;
  return async (booking, req) => {
    if (!req.contact.email) return;
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { business: true, service: true } });
    const lang = req.lang;
    const text = t(lang, "reminders:confirmEmail", {
      ref: row.ref, name: req.contact.name, business: row.business.name,
      service: lang === "en" ? row.service.nameEn : row.service.nameSq,
      when: formatDayTime(lang, row.start, row.business.timeZone),
      address: `${row.business.address}, ${row.business.city}`, phone: formatPhone(row.business.phone),
      price: formatPrice(lang, row.priceLek), count: row.business.cancelWindowHours,
      link: manage.icsLink(row), reminders: remindersPlanned(lang, row.start, rt.clock()),
    });
    await mailer.sendMail({
      to: req.contact.email,
      subject: t(lang, "reminders:confirmSubject", { business: row.business.name, ref: row.ref }),
      text,
      attachments: [{ filename: `${row.ref}.ics`, content: icsFor(row, lang), contentType: "text/calendar; charset=utf-8" }],
    });
    log.info({ booking: row.ref, to: maskEmail(req.contact.email) }, "confirmation email sent");
  };
}

/**
 * Managing bookings and reminders: the manage flow and port, the calendar-file route, the SMS reply
 * handler, email (SMTP_URL: the "email" sender and confirmations) and the agenda scheduler
 * (REMINDERS=on|schedule|off). The server and the worker run due reminders (with REMINDERS=on); the
 * terminal chat only schedules those of the bookings made in it.
 */
export const manageModule: FeatureModule<"manage", ManageFeatures> = {
  name: "manage",
  flows: { manage: manageFlow },
  async setup(rt) {
    const { config, prisma, log } = rt;
    const links = new LinkSigner(config.LINK_SECRET);
    if (links.ephemeral && config.NODE_ENV === "production") log.warn("LINK_SECRET is not set: calendar links stop working after a restart");
    const manage = new ManageService({ prisma, notifier: rt.notifier, log, publicUrl: config.PUBLIC_URL, links, codes: rt.limits.codes });
    const parts: ManageFeatures = { manage, links };
    manage.onChange(async (change) => {
      if (change.kind !== "cancelled") return;
      const b = await prisma.booking.findUnique({ where: { id: change.bookingId }, select: { channel: true } });
      if (b) rt.observer.booking({ channel: b.channel, outcome: "cancelled" });
    });
    const out: Contribution<ManageFeatures> & { onBooked: BookedListener[] } = {
      services: { manage },
      routes: [icsRoute(rt, links)],
      handlers: [{ name: "reminder answers", priority: 20, passes: (msg, turn) => !mayAnswerReminder(msg, turn.state), handle: reminderAnswers({ answers: new ReminderAnswersStore(prisma, manage), clock: rt.clock }) }],
      onBooked: [],
      close: [],
      parts,
    };

    if (config.SMTP_URL) {
      const mailer = new Mailer(config.SMTP_URL, config.SMTP_FROM);
      parts.mailer = mailer;
      out.senders = [mailer];
      out.close!.push(async () => mailer.close());
      out.onBooked.push(confirmationEmail(rt, manage, mailer));
    }

    if (config.REMINDERS === "off") return out;
    if (!rt.databaseUrl && !config.MONGODB_URL) {
      log.warn("reminders are off: no database URL to keep their jobs in");
      return out;
    }
    const dispatcher = new ReminderDispatcher({
      prisma, sql: rt.sql, notifier: rt.notifier, log, clock: rt.clock, maxAttempts: config.REMINDERS_MAX_ATTEMPTS,
      icsUrl: (b) => manage.icsLink(b),
      observer: rt.observer, sendConcurrency: config.REMINDERS_CONCURRENCY,
    });
    const backend = await createAgendaBackend({
      databaseUrl: rt.databaseUrl,
      mongoUrl: config.MONGODB_URL,
      poolMax: config.REMINDERS_POOL_MAX,
      onPoolError: (err) => rt.log.warn({ err }, "reminder store: an idle connection dropped"),
    });
    const scheduler = new ReminderScheduler({
      prisma, dispatcher, backend, log, clock: rt.clock, name: `rezervo-${process.pid}`,
      pollMs: config.REMINDERS_POLL_MS, lockLifetimeMs: config.REMINDERS_LOCK_MS,
      retryDelayMs: config.REMINDERS_RETRY_MS, maxAttempts: config.REMINDERS_MAX_ATTEMPTS,
      concurrency: config.REMINDERS_CONCURRENCY, batch: config.REMINDERS_BATCH,
    });
    parts.dispatcher = dispatcher;
    parts.scheduler = scheduler;
    out.jobs = [{
      name: "reminders",
      roles: ["server", "worker", "chat"],
      async start(role) {
        await scheduler.start(role !== "chat" && config.REMINDERS === "on");
        return () => scheduler.stop();
      },
    }];
    out.onBooked.push(async (booking) => {
      await scheduler.schedule(booking.id);
    });
    manage.onChange(async (change) => {
      if (change.kind === "rescheduled") await scheduler.move(change.bookingId);
      if (change.kind === "cancelled") await scheduler.cancel(change.bookingId);
    });
    return out;
  },
};
