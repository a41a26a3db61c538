import { verifySlackRequest, type ReceiverEvent } from "@slack/bolt";
import type { FastifyInstance } from "fastify";
import type { Logger } from "../../core/log.ts";
import type { RouteReceiver } from "./app.ts";

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
