// A fake Stripe API on 127.0.0.1 that the real `stripe` SDK talks to (host/port/protocol options):
// Checkout Sessions create / retrieve / expire, refunds, idempotency keys and bearer-key checks.
// Webhook events are built here and signed with the SDK's own test header generator.
import { closeServer, listenLocal } from "./http.ts";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import Stripe from "stripe";

/** A Checkout Session as the fake keeps it (the fields Rezervo reads and tests check). */
export interface FakeSession {
  id: string;
  object: "checkout.session";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  mode: string;
  url: string | null;
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  customer_email: string | null;
  expires_at: number;
  success_url: string;
  cancel_url: string;
  payment_intent: string | null;
  allowed_payment_method_types: string[];
  line_items: unknown;
  locale: string | null;
  livemode: false;
}

/** A request the fake received, after form decoding. */
export interface FakeStripeCall {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey?: string;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

/** Decodes Stripe's form encoding (`a[b][0][c]=1`) into nested objects (array indexes stay keys). */
export function decodeForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, "").split("[");
    let node = out;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = value;
      else node = (node[p] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** The fake Stripe API server. */
export class FakeStripe {
  readonly sessions = new Map<string, FakeSession>();
  readonly calls: FakeStripeCall[] = [];
  /** Refunds made (one per refund, not per request: a replayed Idempotency-Key adds none). */
  readonly refunds: { payment_intent: string; metadata: Record<string, string>; amount?: number }[] = [];
  private readonly idempotent = new Map<string, { status: number; body: unknown }>();
  private failures = 0;
  private readonly drops = new Map<string, number>();
  private server?: Server;
  url = "";

  constructor(readonly secretKey = `sk_test_${randomBytes(8).toString("hex")}`, readonly webhookSecret = `whsec_${randomBytes(16).toString("hex")}`) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.route(req).then(({ status, body }) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const drop = this.drops.get(path) ?? 0;
        if (drop > 0) {
          // The request was handled, but the answer never reaches the client (a cut connection).
          this.drops.set(path, drop - 1);
          res.destroy();
          return;
        }
        res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
        res.end(JSON.stringify(body));
      });
    });
    this.url = await listenLocal(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** The environment that points Rezervo at this fake. */
  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_URL: this.url };
  }

  /** The next `times` API calls fail with HTTP 500 (the SDK retries; enough failures exhaust it). */
  failNext(times = 1): void {
    this.failures += times;
  }

  /** The next `times` requests to `path` are carried out but their answers are lost (the connection drops). */
  dropNextResponse(path: string, times = 1): void {
    this.drops.set(path, (this.drops.get(path) ?? 0) + times);
  }

  /** The session whose payment page this URL is. */
  sessionByUrl(url: string): FakeSession | undefined {
    return [...this.sessions.values()].find((s) => s.url === url);
  }

  /** The customer pays on the Checkout page: the session completes. */
  pay(sessionId: string): FakeSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    Object.assign(s, { status: "complete", payment_status: "paid", payment_intent: id("pi"), url: null });
    return s;
  }

  /** A Stripe event about a session, as Stripe would POST it. */
  event(type: string, session: FakeSession): { id: string; payload: string } {
    const evt = {
      id: id("evt"), object: "event", api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000),
      type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null },
      data: { object: structuredClone(session) },
    };
    return { id: evt.id, payload: JSON.stringify(evt) };
  }

  /** A Stripe-Signature header for a payload, made by the SDK (with another secret to forge one). */
  sign(payload: string, secret = this.webhookSecret): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret });
  }

  private async route(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    const params = req.method === "GET" ? decodeForm(url.search.slice(1)) : decodeForm(Buffer.concat(chunks).toString("utf8"));
    const key = req.headers["idempotency-key"] as string | undefined;
    this.calls.push({ method: req.method ?? "", path: url.pathname, params, idempotencyKey: key });
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      return error(401, "invalid_request_error", "Invalid API Key provided");
    }
    if (this.failures > 0) {
      this.failures--;
      return error(500, "api_error", "fake failure");
    }
    if (req.method === "POST" && key && this.idempotent.has(key)) return this.idempotent.get(key)!;
    const out = this.handle(req.method ?? "", url.pathname, params);
    if (req.method === "POST" && key && out.status < 500) this.idempotent.set(key, out);
    return out;
  }

  private handle(method: string, path: string, p: Record<string, any>): { status: number; body: unknown } {
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const items = Object.values((p.line_items ?? {}) as Record<string, any>);
      if (items.length === 0) return error(400, "invalid_request_error", "line_items required", "line_items");
      const currency = items[0].price_data?.currency;
      const amount = items.reduce((sum, li) => sum + Number(li.price_data?.unit_amount) * Number(li.quantity ?? 1), 0);
      if (!currency || !Number.isInteger(amount) || amount <= 0) return error(400, "invalid_request_error", "bad amount", "line_items");
      const sid = id("cs");
      const s: FakeSession = {
        id: sid, object: "checkout.session", status: "open", payment_status: "unpaid", mode: p.mode,
        url: `${this.url}/c/pay/${sid}`, amount_total: amount, currency, metadata: p.metadata ?? {},
        client_reference_id: p.client_reference_id ?? null, customer_email: p.customer_email ?? null,
        expires_at: Number(p.expires_at ?? Math.floor(Date.now() / 1000) + 86_400), success_url: p.success_url, cancel_url: p.cancel_url,
        payment_intent: null, allowed_payment_method_types: Object.values(p.allowed_payment_method_types ?? {}) as string[],
        line_items: p.line_items, locale: p.locale ?? null, livemode: false,
      };
      this.sessions.set(sid, s);
      return { status: 200, body: s };
    }
    const m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/);
    const s = m ? this.sessions.get(m[1]) : undefined;
    if (m && !s) return error(404, "invalid_request_error", `No such checkout.session: '${m[1]}'`, "id");
    if (s && method === "GET" && !m![2]) return { status: 200, body: s };
    if (s && method === "POST" && m![2]) {
      if (s.status !== "open") return error(400, "invalid_request_error", `Only Checkout Sessions with a status of open can be expired. This session has a status of ${s.status}.`);
      Object.assign(s, { status: "expired", url: null });
      return { status: 200, body: s };
    }
    if (method === "POST" && path === "/v1/refunds") {
      if (!p.payment_intent && !p.charge) return error(400, "invalid_request_error", "One of payment_intent or charge is required.", "payment_intent");
      const paid = [...this.sessions.values()].find((x) => x.payment_intent === p.payment_intent);
      const amount = p.amount === undefined ? paid?.amount_total : Number(p.amount);
      if (paid && (!Number.isInteger(amount) || amount! <= 0 || amount! > paid.amount_total)) {
        return error(400, "invalid_request_error", `Refund amount (${p.amount}) is greater than charge amount (${paid.amount_total})`, "amount");
      }
      // Sessions paid through the fake are checked; a payment_intent it never saw (a test's own event) is taken as is.
      this.refunds.push({ payment_intent: p.payment_intent, metadata: p.metadata ?? {}, ...(p.amount !== undefined ? { amount: Number(p.amount) } : {}) });
      return {
        status: 200,
        body: { id: id("re"), object: "refund", status: "succeeded", payment_intent: p.payment_intent, amount: amount ?? null, currency: paid?.currency ?? "all", metadata: p.metadata ?? {} },
      };
    }
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path})`);
  }
}

function error(status: number, type: string, message: string, param?: string): { status: number; body: unknown } {
  return { status, body: { error: { type, message, ...(param ? { param } : {}) } } };
}
