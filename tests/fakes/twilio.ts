// A fake Twilio REST API on 127.0.0.1: records Messages.create calls, can fail them, checks basic auth.
import { closeServer, listenLocal } from "./http.ts";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import twilio from "twilio";

/** One message the bot asked Twilio to send. */
export interface TwilioSent {
  sid: string;
  params: Record<string, string>;
  /** When it arrived (performance.now() of this process), to order it among other fakes' messages. */
  at: number;
}

/** A fake Twilio API server. */
export class FakeTwilio {
  readonly messages: TwilioSent[] = [];
  /** Requests refused (bad auth, injected failures). */
  readonly refused: { status: number; params: Record<string, string> }[] = [];
  private readonly failures: { status: number; code: number; message: string }[] = [];
  private server?: Server;
  url = "";

  constructor(private readonly accountSid: string, private readonly authToken: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.route(req).then(({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
    });
    this.url = await listenLocal(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** The next `times` Messages.create calls fail with this HTTP status and Twilio error code. */
  failNext(status: number, code: number, message = "fake failure", times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, code, message });
  }

  /** Messages sent to a phone (E.164, with or without "whatsapp:"). */
  to(phone: string): TwilioSent[] {
    return this.messages.filter((m) => m.params.To.replace(/^whatsapp:/, "") === phone);
  }

  private async route(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    const auth = Buffer.from(String(req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
    if (auth !== `${this.accountSid}:${this.authToken}`) {
      this.refused.push({ status: 401, params });
      return { status: 401, body: { code: 20003, message: "Authenticate", status: 401 } };
    }
    if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      return { status: 404, body: { code: 20404, message: "not found", status: 404 } };
    }
    const fail = this.failures.shift();
    if (fail) {
      this.refused.push({ status: fail.status, params });
      return { status: fail.status, body: { code: fail.code, message: fail.message, status: fail.status, more_info: `https://www.twilio.com/docs/errors/${fail.code}` } };
    }
    const sid = `SM${randomBytes(16).toString("hex")}`;
    this.messages.push({ sid, params, at: performance.now() });
    return {
      status: 201,
      body: {
        sid, account_sid: this.accountSid, to: params.To, from: params.From ?? null, body: params.Body ?? "",
        status: "queued", num_segments: "1", direction: "outbound-api", date_created: new Date().toUTCString(),
        messaging_service_sid: params.MessagingServiceSid ?? null, error_code: null, error_message: null, price: null,
        uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
      },
    };
  }
}

/** Posts signed webhooks to the bot the way Twilio does (signature over the public URL). */
export class TwilioWebhooks {
  private seq = 0;
  constructor(private readonly serverUrl: string, private readonly publicUrl: string, private readonly authToken: string) {}

  /** A new MessageSid. */
  sid(): string {
    return `SM${randomBytes(4).toString("hex")}${String(++this.seq).padStart(24, "0")}`;
  }

  async post(path: string, params: Record<string, string>, opts: { signature?: string } = {}): Promise<{ status: number; text: string; type: string }> {
    const signature = opts.signature ?? twilio.getExpectedTwilioSignature(this.authToken, `${this.publicUrl}${path}`, params);
    const res = await fetch(`${this.serverUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
  }

  /** An inbound SMS or WhatsApp message. */
  inbound(channel: "sms" | "whatsapp", from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
    const prefix = channel === "whatsapp" ? "whatsapp:" : "";
    const sid = this.sid();
    return {
      AccountSid: "AC" + "0".repeat(32), MessageSid: sid, SmsSid: sid, From: `${prefix}${from}`, To: `${prefix}+355680000000`,
      Body: body, NumMedia: "0", NumSegments: "1", ...(channel === "whatsapp" ? { ProfileName: "Arta", WaId: from.replace("+", "") } : {}), ...extra,
    };
  }
}
