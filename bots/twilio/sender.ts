import type { ChannelAddress, ChannelSender, Reply } from "../../core/conversation/messages.ts";
import { renderNumbered, splitText } from "../render.ts";
import { PermanentSendError } from "../../core/conversation/notifier.ts";
import type { Clock } from "../../core/clock.ts";
import type { Config } from "../../core/config.ts";
import { maskPhone, type Logger } from "../../core/log.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { TwilioClient } from "./client.ts";
import { coversChannel, storedOptOutChannels } from "../../core/optout/service.ts";
import { prismaSql, type Sql } from "../../core/db/sql.ts";
import { newRowId } from "../../core/db/ids.ts";
import { coalesce } from "../../core/db/coalesce.ts";
import { packSms } from "./sms.ts";

/** Counters for sends (read by diagnostics; logs carry the same events). */
export const twilioMetrics = { sent: 0, failed: 0, retried: 0, refusedOptOut: 0, refusedWindow: 0, refused63016: 0, recordFailed: 0 };

/** WhatsApp's customer-service window. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
const WHATSAPP_MAX = 1600;

/** The phone opted out of this channel: nothing was sent. */
export class OptedOutError extends PermanentSendError {
  constructor(channel: string) {
    super(`recipient opted out of ${channel}`, "skipped");
    this.name = "OptedOutError";
  }
}

/** WhatsApp refused (or would refuse) a free-form message outside the 24-hour window. */
export class WindowClosedError extends PermanentSendError {
  constructor(detail: string) {
    super(`WhatsApp 24-hour window closed: ${detail}`, "failed");
    this.name = "WindowClosedError";
  }
}

/** What the sender needs. */
export interface TwilioSenderDeps {
  config: Config;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  client: TwilioClient;
  /** The app's plain SQL for the writes every message makes (default: through Prisma). */
  sql?: Sql;
  /** Retry delays in ms for 429/5xx/network failures (default 300, 1200). */
  retryDelays?: number[];
}

/** Send options: `purpose` "reply", "reminder-24h" ...; "reminder:<Reminder id>" also links the Reminder row. */
export interface TwilioSendOptions {
  purpose?: string;
  /** Send even to an opted-out phone (only the opt-out confirmation itself). */
  ignoreOptOut?: boolean;
}

const errCode = (err: unknown) => (err as { code?: number })?.code;
const errStatus = (err: unknown) => (err as { status?: number })?.status;
const retryable = (err: unknown) => {
  const s = errStatus(err);
  return s === undefined || s === 429 || s >= 500;
};

/** Messages recorded as "queued" before their API call ($1 the channel; $2 id, address, body, purpose of each). */
const QUEUED = `
  INSERT INTO "OutboundMessage" (id, channel, address, body, purpose, status, "createdAt", "updatedAt")
  SELECT r.id, $1, r.address, r.body, r.purpose, 'queued', now(), now()
    FROM jsonb_to_recordset($2::jsonb) AS r(id text, address jsonb, body jsonb, purpose text)`;

/** Messages the API took ($1 their ids, $2 their Message SIDs). */
const SENT = `
  UPDATE "OutboundMessage" o SET status = 'sent', "providerId" = v.sid, "updatedAt" = now()
    FROM unnest($1::text[], $2::text[]) AS v(id, sid)
   WHERE o.id = v.id`;

/** Reminders with the SID of their last message ($1 their ids, $2 the SIDs). */
const REMINDER_SIDS = `
  UPDATE "Reminder" r SET "providerId" = v.sid, "updatedAt" = now()
    FROM unnest($1::text[], $2::text[]) AS v(id, sid)
   WHERE r.id = v.id`;

/**
 * Sends SMS or WhatsApp messages through the Twilio REST API. Every message is an OutboundMessage row
 * (queued -> sent/failed/refused, providerId = Message SID) that delivery callbacks update.
 */
export class TwilioSender implements ChannelSender {
  private readonly sql: Sql;
  /** Waits before each retry of a send, or of a write that records one. */
  private readonly delays: number[];

  constructor(readonly channel: "sms" | "whatsapp", private readonly deps: TwilioSenderDeps) {
    this.sql = deps.sql ?? prismaSql(deps.prisma);
    this.delays = deps.retryDelays ?? [300, 1200];
  }

  // A burst of messages (reminders go out in batches) shares its statements: the opt-out check, the
  // "queued" records and the sent marks of messages being sent at the same time each go in as one.

  /** The stored opt-out channel of each phone: its own row, or the hashed one kept after an erasure. */
  private readonly optOuts = coalesce<string, string | null>((phones) => storedOptOutChannels(this.sql, phones));

  /** Messages about to go to the API, recorded as "queued" (ids made here). */
  private readonly queued = coalesce<{ id: string; address: ChannelAddress; body: object; purpose: string }, void>(async (items) => {
    await this.sql.query("outbound_queued", QUEUED, [this.channel, JSON.stringify(items)]);
    return items.map(() => undefined);
  });

  /** Messages the API took, with their Message SIDs. */
  private readonly sentMarks = coalesce<{ id: string; sid: string }, void>(async (items) => {
    await this.sql.query("outbound_sent", SENT, [items.map((i) => i.id), items.map((i) => i.sid)]);
    return items.map(() => undefined);
  });

  /** Reminders with the SID of their (last) message, for delivery receipts. */
  private readonly reminderSids = coalesce<{ id: string; sid: string }, void>(async (items) => {
    await this.sql.query("reminder_provider_ids", REMINDER_SIDS, [items.map((i) => i.id), items.map((i) => i.sid)]);
    return items.map(() => undefined);
  });

  async send(address: ChannelAddress, replies: Reply[], opts: { purpose?: string } = {}): Promise<void> {
    await this.sendTracked(address, replies, opts);
  }

  /** Sends and returns the Message SIDs; throws OptedOutError / WindowClosedError / the API error. */
  async sendTracked(address: ChannelAddress, replies: Reply[], opts: TwilioSendOptions = {}): Promise<string[]> {
    const { log } = this.deps;
    const phone = address.externalId;
    const purpose = opts.purpose ?? "message";
    if (!opts.ignoreOptOut && coversChannel(await this.optOuts(phone), this.channel)) {
      twilioMetrics.refusedOptOut++;
      await this.record(address, { text: renderNumbered(replies).join("\n\n") }, purpose, "refused", { error: "opted-out" });
      log.info({ channel: this.channel, to: maskPhone(phone), purpose }, "not sent: recipient opted out");
      throw new OptedOutError(this.channel);
    }
    const messages = await this.compose(phone, replies, purpose, address);
    const sids: string[] = [];
    for (const m of messages) sids.push(await this.sendOne(address, m, purpose));
    const reminderId = purpose.match(/^reminder:(.+)$/)?.[1];
    if (reminderId && sids.length) await this.afterSend("reminder's SID", () => this.reminderSids({ id: reminderId, sid: sids.at(-1)! }), this.delays);
    return sids;
  }

  /** The API calls for these replies: SMS packed in GSM-7, WhatsApp free-form or the template. */
  private async compose(phone: string, replies: Reply[], purpose: string, address: ChannelAddress): Promise<Record<string, string>[]> {
    const { config, prisma, log, clock } = this.deps;
    if (this.channel === "sms") return packSms(renderNumbered(replies, { gsm7: true })).map((body) => ({ body }));
    const texts = renderNumbered(replies);
    const conv = await prisma.conversation.findUnique({ where: { channel_externalId: { channel: "whatsapp", externalId: phone } }, select: { lastInboundAt: true } });
    const open = !!conv?.lastInboundAt && clock().getTime() - conv.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
    if (open) return texts.flatMap((t) => splitText(t, WHATSAPP_MAX)).map((body) => ({ body }));
    const sid = config.TWILIO_TEMPLATE_REMINDER_SID;
    if (!sid) {
      twilioMetrics.refusedWindow++;
      await this.record(address, { text: texts.join("\n\n") }, purpose, "refused", { error: "outside 24h window, no template configured" });
      log.warn({ to: maskPhone(phone), purpose }, "WhatsApp send refused: outside the 24-hour window and TWILIO_TEMPLATE_REMINDER_SID is not set");
      throw new WindowClosedError("no template configured");
    }
    // Template variables may not hold line breaks or long runs of spaces.
    const flat = texts.join(" ").replace(/\s+/g, " ").trim().slice(0, 1000);
    return [{ contentSid: sid, contentVariables: JSON.stringify({ 1: flat }) }];
  }

  private async record(address: ChannelAddress, body: object, purpose: string, status: string, extra: { error?: string; providerId?: string } = {}) {
    return this.deps.prisma.outboundMessage.create({ data: { channel: this.channel, address: address as object, body, purpose, status, ...extra } });
  }

  private async sendOne(address: ChannelAddress, m: Record<string, string>, purpose: string): Promise<string> {
    const { config, prisma, log } = this.deps;
    const row = { id: newRowId() };
    await this.queued({ id: row.id, address, body: m, purpose });
    const from = this.channel === "sms" ? config.TWILIO_SMS_FROM! : `whatsapp:${config.TWILIO_WHATSAPP_FROM!.replace(/^whatsapp:/, "")}`;
    const to = this.channel === "sms" ? address.externalId : `whatsapp:${address.externalId}`;
    const params = {
      to,
      ...(from.startsWith("MG") ? { messagingServiceSid: from } : { from }),
      ...m,
      ...(config.PUBLIC_URL ? { statusCallback: `${config.PUBLIC_URL.replace(/\/$/, "")}/webhooks/twilio/status` } : {}),
    };
    const delays = this.delays;
    for (let attempt = 0; ; attempt++) {
      let sid: string;
      try {
        sid = (await this.deps.client.messages.create(params)).sid;
      } catch (err) {
        if (retryable(err) && attempt < delays.length) {
          twilioMetrics.retried++;
          log.warn({ channel: this.channel, status: errStatus(err), attempt: attempt + 1 }, "Twilio send failed, retrying");
          await new Promise((r) => setTimeout(r, delays[attempt]));
          continue;
        }
        const code = errCode(err);
        const refused = code === 63016;
        await prisma.outboundMessage.update({ where: { id: row.id }, data: { status: refused ? "refused" : "failed", error: `${code ?? errStatus(err) ?? "network"}: ${(err as Error).message}`.slice(0, 500) } });
        if (refused) {
          twilioMetrics.refused63016++;
          log.warn({ to: maskPhone(address.externalId), purpose }, "WhatsApp refused a free-form message outside the 24-hour window (63016)");
          throw new WindowClosedError("63016");
        }
        twilioMetrics.failed++;
        log.error({ channel: this.channel, to: maskPhone(address.externalId), code, status: errStatus(err), purpose }, "Twilio send failed");
        throw err;
      }
      // Twilio took the message: from here on nothing may send it again, whatever the database does.
      twilioMetrics.sent++;
      await this.afterSend("sent mark", () => this.sentMarks({ id: row.id, sid }), delays);
      return sid;
    }
  }

  /**
   * A write that records a message the API already took. It is retried like a send; if it still fails
   * the message stays "queued" without its SID (its delivery receipts then find nothing), which is logged,
   * and the caller still hears that the message went: a failure here must never lead to sending it twice.
   */
  private async afterSend(what: string, write: () => Promise<void>, delays: number[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (attempt < delays.length) {
          await new Promise((r) => setTimeout(r, delays[attempt]));
          continue;
        }
        twilioMetrics.recordFailed++;
        this.deps.log.error({ channel: this.channel, err: (err as Error).message }, `Twilio message sent, but its ${what} could not be written`);
        return;
      }
    }
  }
}

