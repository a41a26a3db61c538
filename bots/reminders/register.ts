import type { FastifyInstance } from "fastify";
import type { Runtime } from "../runtime.ts";
import { t, toLang } from "../../locales/i18n.ts";
import { remindersPlanned } from "../../core/bookings/confirmation.ts";
import { bookingIcs, LinkSigner } from "../../core/bookings/ics.ts";
import { ManageService } from "../../core/bookings/manage.ts";
import { formatDayTime, formatPrice } from "../../core/format.ts";
import { maskEmail } from "../../core/log.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { Mailer } from "../../core/reminders/mailer.ts";
import { smsReplyInterceptor } from "../../core/reminders/replies.ts";
import { DEFAULT_CONCURRENCY, ReminderScheduler } from "../../core/reminders/scheduler.ts";

/** The parts this feature adds to a runtime (tests and tools reach them through {@link featuresOf}). */
export interface ManageFeatures {
  manage: ManageService;
  links: LinkSigner;
  mailer?: Mailer;
  dispatcher?: ReminderDispatcher;
  scheduler?: ReminderScheduler;
}

const features = new WeakMap<Runtime, ManageFeatures>();

/** The managing/reminder parts registered on a runtime. */
export function featuresOf(rt: Runtime): ManageFeatures {
  const f = features.get(rt);
  if (!f) throw new Error("registerReminders has not run on this runtime");
  return f;
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

/**
 * Managing bookings and reminders: the manage port for the dialogs, the calendar-file route, the SMS
 * reply interceptor, email (SMTP_URL) and the agenda scheduler/worker (REMINDERS=on|schedule|off).
 */
export async function registerReminders(app: FastifyInstance, rt: Runtime): Promise<void> {
  const { config, prisma, log } = rt;
  const links = new LinkSigner(config.LINK_SECRET);
  if (links.ephemeral && config.NODE_ENV === "production") log.warn("LINK_SECRET is not set: calendar links stop working after a restart");
  const manage = new ManageService({ prisma, notifier: rt.notifier, log, publicUrl: config.PUBLIC_URL, links, codes: rt.limits.codes });
  rt.services.manage = manage;
  const f: ManageFeatures = { manage, links };
  features.set(rt, f);

  app.get<{ Params: { ref: string }; Querystring: { token?: string } }>("/api/bookings/:ref/ics", async (req, res) => {
    const b = await prisma.booking.findUnique({ where: { ref: req.params.ref }, include: { business: true, service: true, customer: { select: { lang: true } } } });
    if (!b || !req.query.token || !links.verify(b.id, req.query.token, rt.clock())) {
      return res.code(404).send({ error: "not_found", message: t(toLang(String(req.headers["accept-language"] ?? "")), "web:notFound") });
    }
    return res
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", `attachment; filename="${b.ref}.ics"`)
      .header("cache-control", "private, no-store")
      .send(icsFor(b, toLang(b.customer.lang)));
  });

  rt.conversations.intercept(smsReplyInterceptor({ prisma, manage, clock: rt.clock, log }));

  if (config.SMTP_URL) {
    const mailer = new Mailer(config.SMTP_URL, config.SMTP_FROM);
    f.mailer = mailer;
    rt.notifier.register(mailer);
    rt.onClose.push(async () => mailer.close());
    rt.bookings.onBooked(async (booking, req) => {
      if (!req.contact.email) return;
      const row = await prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { business: true, service: true } });
      const lang = req.lang;
      const text = t(lang, "reminders:confirmEmail", {
        ref: row.ref, name: req.contact.name, business: row.business.name,
        service: lang === "en" ? row.service.nameEn : row.service.nameSq,
        when: formatDayTime(lang, row.start, row.business.timeZone),
        address: `${row.business.address}, ${row.business.city}`, phone: row.business.phone,
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
    });
  }

  if (config.REMINDERS === "off") return;
  if (!rt.databaseUrl && !config.MONGODB_URL) {
    log.warn("reminders are off: no database URL to keep their jobs in");
    return;
  }
  const dispatcher = new ReminderDispatcher({
    prisma, notifier: rt.notifier, log, clock: rt.clock, maxAttempts: config.REMINDERS_MAX_ATTEMPTS,
    icsUrl: (b) => manage.icsLink(b),
  });
  const backend = await createAgendaBackend({
    databaseUrl: rt.databaseUrl,
    mongoUrl: config.MONGODB_URL,
    lockBatch: () => DEFAULT_CONCURRENCY,
    onPoolError: (err) => rt.log.warn({ err }, "reminder store: an idle connection dropped"),
  });
  const scheduler = new ReminderScheduler({
    prisma, dispatcher, backend, log, clock: rt.clock, name: `rezervo-${process.pid}`,
    pollMs: config.REMINDERS_POLL_MS, lockLifetimeMs: config.REMINDERS_LOCK_MS,
    retryDelayMs: config.REMINDERS_RETRY_MS, maxAttempts: config.REMINDERS_MAX_ATTEMPTS,
  });
  await scheduler.start(config.REMINDERS === "on");
  rt.onClose.push(() => scheduler.stop());
  f.dispatcher = dispatcher;
  f.scheduler = scheduler;
  rt.bookings.onBooked(async (booking) => {
    await scheduler.schedule(booking.id);
  });
  manage.onChange(async (change) => {
    if (change.kind === "rescheduled") await scheduler.move(change.bookingId);
    if (change.kind === "cancelled") await scheduler.cancel(change.bookingId);
  });
}
