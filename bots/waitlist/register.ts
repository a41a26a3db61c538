import { ManageService } from "../../core/bookings/manage.ts";
import { PaymentsService } from "../../core/payments/service.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { OfferNotices } from "../../core/waitlist/notice.ts";
import { WaitlistOffers } from "../../core/waitlist/offers.ts";
import { offerAnswerIn, offerAnswers } from "../../core/waitlist/replies.ts";
import { WaitlistScheduler } from "../../core/waitlist/scheduler.ts";
import { WaitlistService } from "../../core/waitlist/service.ts";
import { againFlow } from "../../dialogs/waitlist/again.ts";
import { asksNothing, waitlistFlow } from "../../dialogs/waitlist/flow.ts";
import type { FeatureModule } from "../module.ts";

/** The parts the waiting list adds (`rt.features.waitlist`). */
export interface WaitlistFeatures {
  waitlist: WaitlistService;
  offers: WaitlistOffers;
  notices: OfferNotices;
  scheduler: WaitlistScheduler;
}

/**
 * The waiting list for full days (issue 12): the "Më njoftoni" flow and port, the answers to offers
 * (buttons, and PO/JO by SMS), and the agenda jobs that offer freed places in turn and end holds. A place
 * frees when a booking is cancelled or moved (managing bookings), when an unpaid hold is released
 * (payments), and when an offer is declined, given up or not answered; the sweep catches anything else.
 * Also "rezervo përsëri" (booking the same again). Set up after managing bookings and payments.
 */
export const waitlistModule: FeatureModule<"waitlist", WaitlistFeatures> = {
  name: "waitlist",
  flows: { waitlist: waitlistFlow, again: againFlow },
  async setup(rt) {
    const { config, prisma, log } = rt;
    if (config.WAITLIST === "off") return null;
    if (!rt.databaseUrl) {
      log.warn("waiting list is off: no database URL to keep its jobs in");
      return null;
    }
    const wlog = log.child({ part: "waitlist" });
    const holdMinutes = config.WAITLIST_HOLD_MIN;
    const offers = new WaitlistOffers({ prisma, log: wlog, holdMinutes, timeZone: config.TIME_ZONE });
    const notices = new OfferNotices({ prisma, notifier: rt.notifier, log: wlog, holdMinutes });
    const backend = await createAgendaBackend({
      databaseUrl: rt.databaseUrl,
      onPoolError: (err) => wlog.warn({ err }, "waiting list job store: an idle connection dropped"),
    });
    const scheduler = new WaitlistScheduler({
      offers, notices, backend, log: wlog, clock: rt.clock, name: `rezervo-wl-${process.pid}`,
      pollMs: config.WAITLIST_POLL_MS, sweepMs: config.WAITLIST_SWEEP_MS,
    });
    const freed = (businessId: string) => scheduler.freed(businessId).catch((err) => wlog.error({ err, business: businessId }, "freed place not queued for the waiting list"));
    const waitlist = new WaitlistService({ prisma, sql: rt.sql, bookings: rt.bookings, log: wlog, freed, holdMinutes });

    // Places freed elsewhere: a cancelled or moved booking, a released unpaid hold.
    const businessOf = async (bookingId: string) => (await prisma.booking.findUnique({ where: { id: bookingId }, select: { businessId: true } }))?.businessId;
    const manage = rt.services.manage;
    if (manage instanceof ManageService) {
      manage.onChange(async (change) => {
        if (change.kind !== "cancelled" && change.kind !== "rescheduled") return;
        const businessId = await businessOf(change.bookingId);
        if (businessId) await freed(businessId);
      });
    }
    const payments = rt.services.payments;
    if (payments instanceof PaymentsService) {
      payments.onReleased(async (bookingId) => {
        const businessId = await businessOf(bookingId);
        if (businessId) await freed(businessId);
      });
    }

    return {
      services: { waitlist },
      parts: { waitlist, offers, notices, scheduler },
      // A typed yes or no answers the offer while it is the pending question (the most recent one asked), or
      // where the bot asks nothing after another question came between; a question about it says it again.
      handlers: [{
        name: "waiting list answers", priority: 15,
        passes: (msg, turn) => !offerAnswerIn(msg, turn.state, asksNothing),
        handle: offerAnswers({
          waitlist, clock: rt.clock, asksNothing,
          icsLink: rt.services.manage ? (b) => rt.services.manage!.icsLink(b) : undefined,
          payments: () => rt.services.payments,
        }),
      }],
      // Booking that day anyway ends the wait for it.
      onBooked: [async (booking, req) => {
        await waitlist.booked({ conversationId: req.conversationId, serviceId: booking.service.id, start: booking.start, timeZone: booking.business.timeZone });
      }],
      jobs: [{
        name: "waiting list",
        roles: ["server", "worker", "chat"],
        async start(role) {
          await scheduler.start(role !== "chat" && config.WAITLIST === "on");
          return () => scheduler.stop();
        },
      }],
    };
  },
};
