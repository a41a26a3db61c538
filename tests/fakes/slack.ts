// A fake Slack Web API on 127.0.0.1 (records calls), and a signer that posts events and actions to the
// bot the way Slack does (v0 HMAC-SHA256 signature over "v0:<timestamp>:<raw body>").
import { closeServer, listenLocal } from "./http.ts";
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

/** One recorded Web API call. */
export interface SlackCall {
  method: string;
  token: string;
  payload: Record<string, any>;
}

/** A fake Slack Web API. */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly users = new Map<string, { real_name: string; first_name: string }>();
  private seq = 100;
  private server?: Server;
  /** Base URL for clientOptions.slackApiUrl ("http://127.0.0.1:<port>/api/"). */
  apiUrl = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.route(req).then((body) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }, () => res.writeHead(500).end());
    });
    const base = await listenLocal(this.server);
    this.apiUrl = `${base}/api/`;
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** Calls of one method. */
  sent(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private async route(req: IncomingMessage): Promise<Record<string, unknown>> {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0];
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const type = String(req.headers["content-type"] ?? "");
    const payload: Record<string, any> = type.includes("json") ? (raw ? JSON.parse(raw) : {}) : Object.fromEntries(new URLSearchParams(raw));
    for (const k of ["blocks", "attachments"]) if (typeof payload[k] === "string") payload[k] = JSON.parse(payload[k]);
    const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "") || String(payload.token ?? "");
    if (method !== "auth.test") this.calls.push({ method, token, payload });
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "rezervo" };
      case "chat.postMessage": {
        const ts = `1764100000.${String(++this.seq).padStart(6, "0")}`;
        return { ok: true, channel: payload.channel, ts, message: { text: payload.text, ts } };
      }
      case "chat.update":
        return { ok: true, channel: payload.channel, ts: payload.ts };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `1764100000.${String(++this.seq).padStart(6, "0")}` };
      case "users.info": {
        const u = this.users.get(String(payload.user));
        if (!u) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: payload.user, name: u.first_name.toLowerCase(), real_name: u.real_name, profile: { first_name: u.first_name, real_name: u.real_name } } };
      }
      default:
        return { ok: true };
    }
  }
}

/** Posts signed requests to the bot's Slack endpoint. */
export class SlackSigner {
  private eventSeq = 0;
  constructor(private readonly url: string, private readonly secret: string) {}

  private headers(body: string, opts: { secret?: string; timestamp?: number }) {
    const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const sig = createHmac("sha256", opts.secret ?? this.secret).update(`v0:${ts}:${body}`).digest("hex");
    return { "x-slack-request-timestamp": String(ts), "x-slack-signature": `v0=${sig}` };
  }

  /** Posts a raw JSON body, signed (with another secret to forge one). */
  async postJson(body: Record<string, unknown>, opts: { secret?: string; timestamp?: number; retry?: number } = {}) {
    const raw = JSON.stringify(body);
    const res = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...this.headers(raw, opts), ...(opts.retry ? { "x-slack-retry-num": String(opts.retry), "x-slack-retry-reason": "http_timeout" } : {}) },
      body: raw,
    });
    return { status: res.status, text: await res.text() };
  }

  /** An Events API callback with one event; returns the event id (reuse it to act out a retry). */
  async event(event: Record<string, unknown>, opts: { eventId?: string; retry?: number } = {}) {
    const eventId = opts.eventId ?? `Ev${++this.eventSeq}`;
    const res = await this.postJson({ token: "legacy", team_id: "T1", api_app_id: "A1", type: "event_callback", event_id: eventId, event_time: Math.floor(Date.now() / 1000), event }, { retry: opts.retry });
    return { ...res, eventId };
  }

  /** A block action (button press), form-encoded as Slack sends interactive payloads. */
  async action(p: { channel: string; user: string; messageTs: string; actionId: string; value: string }) {
    const payload = {
      type: "block_actions",
      team: { id: "T1" },
      user: { id: p.user, name: "staff" },
      api_app_id: "A1",
      token: "legacy",
      container: { type: "message", message_ts: p.messageTs, channel_id: p.channel },
      channel: { id: p.channel, name: "support" },
      message: { ts: p.messageTs, type: "message", text: "" },
      response_url: "http://127.0.0.1:9/response",
      trigger_id: "trig",
      actions: [{ type: "button", action_id: p.actionId, block_id: "b", value: p.value, action_ts: String(Date.now() / 1000) }],
    };
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...this.headers(raw, {}) }, body: raw });
    return { status: res.status, text: await res.text() };
  }
}

/** Waits until `check` returns a truthy value (background work after an HTTP answer). */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
