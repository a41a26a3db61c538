import type { PrismaClient } from "../../generated/prisma/client.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import type { Reply } from "../conversation/messages.ts";
import { refusedByPlatform, type Notifier } from "../conversation/notifier.ts";
import { formatDateIn, formatTime } from "../format.ts";
import type { Logger } from "../log.ts";

/** Choice ids of an offer message: accept and decline, with the offer's id. */
export const OFFER_PREFIX = "wl.";
/** Who an offer's pending question in the conversation state belongs to. */
export const OFFER_PENDING = "waitlist";
export const acceptId = (offerId: string) => `${OFFER_PREFIX}y:${offerId}`;
export const declineId = (offerId: string) => `${OFFER_PREFIX}n:${offerId}`;

/** What the offer message names. */
export interface OfferFacts {
  id: string;
  start: Date;
  heldUntil: Date;
  business: { name: string; timeZone: string };
  service: { nameSq: string; nameEn: string };
}

/**
 * The offer: business, service, day and time, how long it is held, a "Rezervo" choice and one to decline.
 * Text channels (SMS, WhatsApp) also say that PO accepts and JO declines.
 */
export function offerReplies(lang: Lang, o: OfferFacts, minutes: number, answerByText: boolean): Reply[] {
  const tz = o.business.timeZone;
  let text = t(lang, "waitlist:offer", {
    business: o.business.name,
    service: lang === "en" ? o.service.nameEn : o.service.nameSq,
    when: formatDateIn(lang, o.start, "acc", tz),
    until: formatTime(lang, o.heldUntil, tz),
    count: minutes,
  });
  if (answerByText) text += `\n${t(lang, "waitlist:howToAnswer")}`;
  return [{ text, choices: offerChoices(lang, o.id) }];
}

/** An offer's two answers: take the place, or decline it. */
export function offerChoices(lang: Lang, offerId: string): { id: string; label: string }[] {
  return [{ id: acceptId(offerId), label: t(lang, "waitlist:accept") }, { id: declineId(offerId), label: t(lang, "waitlist:decline") }];
}

/** A 'sending' claim older than this was left by a process that stopped mid-send. */
export const STALE_NOTICE_MS = 60_000;

/**
 * Sends an offer's message once: the offer's notice is claimed in the database first (queued -> sending,
 * or a stale sending), so two processes never send it both; marked sent right after. When the message
 * cannot be delivered the hold is given up at once, so the place goes to the next in line.
 */
export class OfferNotices {
  constructor(private readonly deps: { prisma: PrismaClient; notifier: Notifier; log: Logger; holdMinutes: number }) {}

  /** "sent", "skipped" (not ours to send, or no longer open) or "failed" (the hold was given up). */
  async send(offerId: string, now: Date): Promise<"sent" | "skipped" | "failed"> {
    const { prisma, notifier, log } = this.deps;
    const claimed = await prisma.waitlistOffer.updateMany({
      where: {
        id: offerId, status: "open",
        OR: [{ notice: "queued" }, { notice: "sending", noticeAt: { lte: new Date(now.getTime() - STALE_NOTICE_MS) } }],
      },
      data: { notice: "sending", noticeAt: now },
    });
    if (!claimed.count) return "skipped";
    const o = await prisma.waitlistOffer.findUniqueOrThrow({ where: { id: offerId }, include: { entry: true } });
    const service = await prisma.service.findUniqueOrThrow({ where: { id: o.serviceId }, include: { business: true } });
    const conv = await prisma.conversation.findUnique({ where: { id: o.entry.conversationId }, select: { channel: true, externalId: true, lang: true } });
    const lang: Lang = (conv?.lang ?? o.entry.lang) === "en" ? "en" : "sq";
    const byText = conv?.channel === "sms" || conv?.channel === "whatsapp";
    const replies = offerReplies(lang, { id: o.id, start: o.start, heldUntil: o.heldUntil, business: service.business, service }, this.deps.holdMinutes, byText);
    try {
      // The offer waits for an answer: typed "PO"/"JO" answer it while it is the last question (see replies.ts).
      const choices = replies.flatMap((r) => r.choices ?? []).map(({ id, label }) => ({ id, label }));
      const opts = { purpose: "waitlist_offer", pending: { by: OFFER_PENDING, choices } };
      try {
        await notifier.sendToConversation(o.entry.conversationId, replies, opts);
      } catch (err) {
        // WhatsApp refused it (outside the 24-hour window with no template, or refused the template):
        // the same offer goes by SMS to the same phone, answered there with PO or JO.
        if (!refusedByPlatform(err) || conv?.channel !== "whatsapp" || !notifier.has("sms")) throw err;
        await notifier.sendAsking({ channel: "sms", externalId: conv.externalId }, lang, replies, opts);
        log.info({ offer: o.id }, "waiting list offer sent by SMS: WhatsApp refused it");
      }
    } catch (err) {
      log.warn({ err, offer: o.id, channel: conv?.channel }, "waiting list offer not delivered; the place goes to the next in line");
      await prisma.waitlistOffer.updateMany({ where: { id: o.id, status: "open" }, data: { notice: "failed", status: "expired" } });
      return "failed";
    }
    await prisma.waitlistOffer.updateMany({ where: { id: o.id }, data: { notice: "sent", noticeAt: now } });
    log.info({ offer: o.id, channel: conv?.channel }, "waiting list offer sent");
    return "sent";
  }
}
