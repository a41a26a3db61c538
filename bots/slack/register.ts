import { verifySlackRequest, type ReceiverEvent } from "@slack/bolt";
import type { FastifyInstance } from "fastify";
import type { Logger } from "../../core/log.ts";
import { createEmailDesk } from "../../core/tickets/email.ts";
import { startReannouncer } from "../../core/tickets/reannounce.ts";
import type { Runtime } from "../runtime.ts";
import { createSlackDesk, type RouteReceiver } from "./app.ts";

/** Where Slack sends events and interactive actions. */
export const SLACK_EVENTS_PATH = "/webhooks/slack/events";

function header(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(raw);
    const payload = params.get("payload");
    return payload ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(params);
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

/**
 * The Slack request route: keeps the raw body, checks the signature with Bolt's verifier (401 when it
 * fails), answers URL verification, and hands everything else to Bolt. The HTTP answer goes out as soon
 * as Bolt acknowledges; listeners finish after that, as Slack expects an answer within 3 seconds.
 */
export async function registerSlackRoute(app: FastifyInstance, opts: { signingSecret: string; receiver: RouteReceiver; log: Logger }): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));
    scope.post(SLACK_EVENTS_PATH, async (req, reply) => {
      const raw = typeof req.body === "string" ? req.body : "";
      try {
        verifySlackRequest({
          signingSecret: opts.signingSecret,
          body: raw,
          headers: {
            "x-slack-signature": header(req.headers["x-slack-signature"]),
            "x-slack-request-timestamp": Number(header(req.headers["x-slack-request-timestamp"])),
          },
        });
      } catch {
        opts.log.warn("slack request refused: signature check failed");
        return reply.code(401).send({ error: "unauthorized" });
      }
      let body: Record<string, unknown>;
      try {
        body = parseBody(raw, header(req.headers["content-type"]));
      } catch {
        return reply.code(400).send({ error: "bad_request" });
      }
      if (body.type === "url_verification") return reply.send({ challenge: body.challenge });
      const retry = header(req.headers["x-slack-retry-num"]);
      let acked: (value: unknown) => void = () => {};
      const ack = new Promise<unknown>((resolve) => (acked = resolve));
      const event: ReceiverEvent = {
        body,
        retryNum: retry ? Number(retry) : undefined,
        retryReason: header(req.headers["x-slack-retry-reason"]) || undefined,
        ack: async (response?: unknown) => acked(response ?? ""),
      };
      const done = opts.receiver.dispatch(event).then(
        () => ({ ok: true }),
        (err: unknown) => {
          opts.log.error({ err }, "slack event failed");
          return { ok: false };
        },
      );
      const first = await Promise.race([ack.then((r) => ({ acked: r })), done]);
      if ("acked" in first) {
        const r = first.acked;
        return typeof r === "string" ? reply.code(200).send(r) : reply.code(200).send(r);
      }
      return reply.code(first.ok ? 200 : 500).send("");
    });
  });
}

/**
 * Registrar: the staff desks for tickets. Slack when SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and
 * SLACK_SUPPORT_CHANNEL are set; otherwise email to SUPPORT_EMAIL when SMTP_URL is set; otherwise tickets
 * are only kept in the database (a warning at start says so). Untaken tickets are announced again every 30 minutes.
 */
export async function registerTicketDesks(app: FastifyInstance, rt: Runtime): Promise<void> {
  const c = rt.config;
  if (c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET && c.SLACK_SUPPORT_CHANNEL) {
    const slack = createSlackDesk(
      { botToken: c.SLACK_BOT_TOKEN, supportChannel: c.SLACK_SUPPORT_CHANNEL, apiUrl: c.SLACK_API_URL, lang: c.DEFAULT_LANG },
      { tickets: rt.tickets, log: rt.log, clock: rt.clock },
    );
    rt.tickets.addDesk(slack.desk);
    await registerSlackRoute(app, { signingSecret: c.SLACK_SIGNING_SECRET, receiver: slack.receiver, log: rt.log });
  } else if (c.SMTP_URL) {
    const email = createEmailDesk({ smtpUrl: c.SMTP_URL, from: c.SMTP_FROM, to: c.SUPPORT_EMAIL, lang: c.DEFAULT_LANG }, rt.log);
    rt.tickets.addDesk(email);
    rt.onClose.push(async () => email.close());
  } else {
    rt.log.warn(
      "no staff desk configured (neither Slack nor SMTP): new support tickets are only kept in the database, and customers are told the team will see them when they next check",
    );
  }
  if (rt.tickets.hasDesk) {
    const stop = startReannouncer(rt.tickets, { clock: rt.clock, log: rt.log });
    rt.onClose.push(stop);
  }
}
