import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import twilio from "twilio";
import type { InboundMessage } from "../../core/conversation/messages.ts";
import type { HandleMessage } from "../../core/conversation/dialog.ts";
import type { Contribution, FeatureModule, Kernel, Routes } from "../module.ts";
import { PermanentSendError } from "../../core/conversation/notifier.ts";
import { cleanDeep } from "../../core/conversation/sanitize.ts";
import { maskPhone } from "../../core/log.ts";
import { t } from "../../locales/i18n.ts";
import { createTwilioClient, type TwilioClient } from "./client.ts";
import { isOptedOut, optIn, optKeyword, optOut } from "../../core/optout/service.ts";
import { TwilioSender, twilioMetrics } from "./sender.ts";
import { applyStatus } from "./status.ts";
import type { ReminderKind } from "../../core/reminders/text.ts";

/** True for a parsed form: a plain object whose values are all strings. */
function isFormParams(body: unknown): body is Record<string, string> {
  return !!body && typeof body === "object" && !Array.isArray(body) && Object.values(body).every((v) => typeof v === "string");
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** The Twilio channels of a runtime: senders and the work still running after webhooks answered. */
export class TwilioChannels {
  readonly senders: Partial<Record<"sms" | "whatsapp", TwilioSender>> = {};
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly rt: Kernel, readonly client: TwilioClient) {}

  /** Resolves when every inbound message taken so far has been answered. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  /** Runs work after the webhook has answered Twilio; keeps it until done. */
  track(work: Promise<void>): void {
    const p = work.catch((err) => this.rt.log.error({ err }, "twilio inbound failed")).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  /**
   * One inbound SMS/WhatsApp message: runs its turn (opt-out keywords, then the dialog) and returns the sending of its replies, to run after Twilio has
   * its answer. Throws when the turn could not be handled (the database unavailable): the webhook then
   * answers 503 and Twilio may deliver the message again.
   */
  async receive(channel: "sms" | "whatsapp", p: Record<string, string>): Promise<(() => Promise<void>) | null> {
    const { rt } = this;
    const sender = this.senders[channel]!;
    const phone = (p.From ?? "").replace(/^whatsapp:/, "");
    if (!phone) return null;
    const media = Number(p.NumMedia ?? 0);
    const body = p.Body ?? "";
    const msg: InboundMessage = {
      address: { channel, externalId: phone },
      messageId: p.MessageSid ?? p.SmsSid ?? "",
      content: media > 0 ? { kind: "unsupported", what: "media" } : p.Latitude ? { kind: "unsupported", what: "location" } : { kind: "text", text: body },
      profile: { phone, ...(p.ProfileName ? { name: p.ProfileName } : {}) },
    };
    const outcome = await rt.conversations.handle(msg);
    if (outcome.duplicate || !outcome.replies.length) return null;
    // A flood gets one "slow down" text (each SMS costs), not one per message.
    if (outcome.rateLimited && !outcome.rateLimited.first) return null;
    const stopping = msg.content.kind === "text" && optKeyword(body) === "stop";
    return async () => {
      await sender.sendTracked(msg.address, outcome.replies, { purpose: "reply", ignoreOptOut: stopping }).then(() => {}, (err) => {
        rt.log.error({ err, channel, from: maskPhone(phone) }, "reply not delivered");
        if (!(err instanceof PermanentSendError && err.outcome === "skipped")) rt.observer.outboundFailed({ channel });
      });
    };
  }

  /**
   * Message handler, a gate (before the engine's keywords, since START and FILLO are keywords too): STOP/NDALO
   * opt out, START opts an opted-out phone back in.
   */
  optKeywords(): HandleMessage {
    const { prisma } = this.rt;
    return async (msg, conv) => {
      const channel = msg.address.channel;
      if ((channel !== "sms" && channel !== "whatsapp") || msg.content.kind !== "text") return null;
      const phone = msg.address.externalId;
      const kw = optKeyword(msg.content.text);
      if (kw === "stop") {
        await optOut(prisma, phone, channel);
        this.rt.log.info({ channel, from: maskPhone(phone) }, "opted out");
        return [{ text: t(conv.lang, "channels:optout.stopped") }];
      }
      if (kw !== "start" || !(await isOptedOut(prisma, phone, channel))) return null;
      await optIn(prisma, phone, channel);
      this.rt.log.info({ channel, from: maskPhone(phone) }, "opted back in");
      return [{ text: t(conv.lang, "channels:optout.started") }];
    };
  }

  /**
   * Message handler after the answers to reminders and offers (which an opted-out phone may still give):
   * an opted-out phone gets no answers from the dialog.
   */
  silence(): HandleMessage {
    const { prisma } = this.rt;
    return async (msg) => {
      const channel = msg.address.channel;
      if (channel !== "sms" && channel !== "whatsapp") return null;
      return (await isOptedOut(prisma, msg.address.externalId, channel)) ? [] : null;
    };
  }
}

/** The opt-out handlers leave every channel but SMS and WhatsApp alone. */
const notTwilio = (msg: InboundMessage) => msg.address.channel !== "sms" && msg.address.channel !== "whatsapp";

/**
 * SMS when TWILIO_SMS_FROM is set, WhatsApp when TWILIO_WHATSAPP_FROM is set (both need the account SID,
 * auth token and PUBLIC_URL). Webhooks answer Twilio with empty TwiML once the turn is saved and reply through
 * the REST API afterwards. `rt.features.twilio` is the channels (senders, `idle()`).
 */
export const twilioModule: FeatureModule<"twilio", TwilioChannels> = { name: "twilio", setup: twilioChannelsOf };

function twilioChannelsOf(rt: Kernel): Contribution<TwilioChannels> | null {
  const { config } = rt;
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN || !config.PUBLIC_URL) return null;
  if (!config.TWILIO_SMS_FROM && !config.TWILIO_WHATSAPP_FROM) return null;
  const channels = new TwilioChannels(rt, createTwilioClient(config));
  const deps = { config, prisma: rt.prisma, sql: rt.sql, log: rt.log.child({ part: "twilio" }), clock: rt.clock, client: channels.client };
  if (config.TWILIO_SMS_FROM) channels.senders.sms = new TwilioSender("sms", deps);
  if (config.TWILIO_WHATSAPP_FROM) channels.senders.whatsapp = new TwilioSender("whatsapp", deps);

  const authToken = config.TWILIO_AUTH_TOKEN;
  const base = config.PUBLIC_URL.replace(/\/$/, "");
  const verified = (req: FastifyRequest, res: FastifyReply): Record<string, string> | null => {
    // Twilio posts forms: anything else (JSON, a bare number, nested values) is refused before it is read.
    if (!isFormParams(req.body)) {
      void res.code(400).type("text/plain").send("form body expected");
      return null;
    }
    const params = req.body;
    const signature = String(req.headers["x-twilio-signature"] ?? "");
    if (!signature || !twilio.validateRequest(authToken, signature, `${base}${req.url}`, params)) {
      rt.log.warn({ url: req.url }, "Twilio webhook with a bad signature refused");
      void res.code(403).type("text/plain").send("invalid signature");
      return null;
    }
    return cleanDeep(params);
  };

  const routes: Routes = async (app: FastifyInstance, whole) => {
    await app.register(async (scope) => {
      scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      for (const channel of ["sms", "whatsapp"] as const) {
        if (!channels.senders[channel]) continue;
        scope.post(`/webhooks/twilio/${channel}`, async (req, res) => {
          const params = verified(req, res);
          if (!params) return res;
          // The turn runs before Twilio gets its answer, so a message the database could not take is
          // answered 503 (Twilio may deliver it again); the replies go out by REST afterwards.
          const send = await channels.receive(channel, params);
          if (send) channels.track(send());
          return res.code(200).type("text/xml").send(EMPTY_TWIML);
        });
      }
      scope.post("/webhooks/twilio/status", async (req, res) => {
        const params = verified(req, res);
        if (!params) return res;
        const undelivered = await applyStatus(rt.prisma, rt.log, params);
        // A WhatsApp reminder that did not arrive goes by SMS to the same phone (where PO/JO answers it).
        const dispatcher = whole.features.manage?.dispatcher;
        for (const u of dispatcher ? undelivered : []) {
          await dispatcher!.fallBack(u.bookingId, u.kind as ReminderKind).catch((err: Error) => rt.log.error({ err, kind: u.kind }, "an undelivered WhatsApp reminder could not be sent by SMS"));
        }
        return res.code(204).send();
      });
    });
  };
  rt.log.debug({ metrics: twilioMetrics }, "twilio channels on");
  return {
    senders: Object.values(channels.senders),
    handlers: [
      { name: "opt-out keywords", priority: 30, gate: true, passes: notTwilio, handle: channels.optKeywords() },
      { name: "opted-out silence", priority: 30, passes: notTwilio, handle: channels.silence() },
    ],
    routes: [routes],
    close: [() => channels.idle()],
    parts: channels,
  };
}
