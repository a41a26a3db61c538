import type { FastifyInstance } from "fastify";
import type Stripe from "stripe";
import { ManageService } from "../../core/bookings/manage.ts";
import { PaymentsService, paymentPolicy } from "../../core/payments/service.ts";
import { createStripeClient } from "../../core/payments/stripe.ts";
import { closeUnpaid, startPaymentSweeper, sweepExpiredPayments } from "../../core/payments/sweep.ts";
import { t, toLang } from "../../locales/i18n.ts";
import type { FeatureModule } from "../module.ts";

/** The parts card payments add (`rt.features.payments`). */
export interface PaymentFeatures {
  stripe: Stripe;
  payments: PaymentsService;
  /** Runs one expiry round now (the poller also runs it every PAYMENTS_POLL_MS). */
  sweep(): Promise<number>;
  /** Retries refunds of cancelled bookings Stripe has not confirmed yet (the poller runs it too). */
  refunds(): Promise<number>;
}

function serverUrl(app: FastifyInstance): string {
  const addr = app.server.address();
  if (addr && typeof addr === "object") {
    const host = addr.address === "0.0.0.0" || addr.address === "::" ? "127.0.0.1" : addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}`;
  }
  return "http://127.0.0.1";
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Card payments with Stripe Checkout (on when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set):
 * card/deposit businesses' bookings wait for payment, POST /webhooks/stripe takes Stripe's signed
 * events, GET /payments/return is where the payment page sends the customer back, and a poller
 * releases holds that were not paid in time and retries refunds of bookings cancelled in time.
 */
export const paymentsModule: FeatureModule<"payments", PaymentFeatures> = {
  name: "payments",
  setup(rt) {
    const { config, log, prisma } = rt;
    if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) return null;
    const webhookSecret = config.STRIPE_WEBHOOK_SECRET;
    const stripe = createStripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_URL);
    // Without PUBLIC_URL the payment page returns to this server's own address, known once it listens.
    let server: FastifyInstance | undefined;
    const payments = new PaymentsService({
      prisma, stripe, log: log.child({ part: "payments" }), bookings: rt.bookings, notifier: rt.notifier,
      holdMinutes: config.PAYMENT_HOLD_MIN,
      baseUrl: () => config.PUBLIC_URL ?? (server ? serverUrl(server) : "http://127.0.0.1"),
      icsLink: (b) => rt.services.manage?.icsLink(b),
    });
    const sweep = () => sweepExpiredPayments({ prisma, stripe, payments, log }, rt.clock());
    const refunds = () => payments.retryRefunds(rt.clock());
    // Paid bookings cancelled in time are refunded through Stripe; the page of one let go unpaid is closed.
    const manage = rt.services.manage;
    if (manage instanceof ManageService) {
      manage.setRefunds({
        refundCancelled: (bookingId, now) => payments.refundCancelled(bookingId, now),
        closeUnpaid: (bookingId, now) => closeUnpaid({ prisma, stripe, payments, log }, bookingId, now),
      });
    }
    log.info({ holdMinutes: config.PAYMENT_HOLD_MIN }, "card payments on (Stripe Checkout)");
    return {
      services: { payments },
      paymentPolicy,
      parts: { stripe, payments, sweep, refunds },
      jobs: [{
        name: "payment expiry",
        roles: ["server", "worker"],
        start: () => {
          const sweeper = startPaymentSweeper(async () => (await sweep()) + (await refunds()), config.PAYMENTS_POLL_MS, log);
          return () => sweeper.stop();
        },
      }],
      routes: [async (app) => {
        server = app;
        await app.register(async (scope) => {
          // Stripe signs the exact bytes it sent: keep the raw body for this route only.
          scope.removeAllContentTypeParsers();
          scope.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
          scope.post("/webhooks/stripe", async (req, res) => {
            const signature = req.headers["stripe-signature"];
            let event: Stripe.Event;
            try {
              if (!Buffer.isBuffer(req.body) || typeof signature !== "string") throw new Error("missing body or signature");
              event = stripe.webhooks.constructEvent(req.body, signature, webhookSecret);
            } catch (err) {
              log.warn({ err: (err as Error).message }, "stripe webhook refused: bad signature");
              return res.code(400).send({ error: "bad_signature" });
            }
            const changed = await payments.handleEvent(event, rt.clock());
            log.info({ event: event.id, type: event.type, changed }, "stripe event handled");
            return res.code(200).send({ received: true });
          });
        });

        app.get<{ Querystring: { result?: string; lang?: string } }>("/payments/return", async (req, res) => {
          const lang = toLang(req.query.lang ?? String(req.headers["accept-language"] ?? ""));
          const text = t(lang, req.query.result === "paid" ? "payments:pagePaid" : "payments:pageCancelled");
          const title = t(lang, "payments:pageTitle");
          return res
            .header("content-type", "text/html; charset=utf-8")
            .header("cache-control", "no-store")
            .send(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><p>${escapeHtml(text)}</p></body></html>`);
        });
      }],
    };
  },
};
