// A fake Telegram Bot API on 127.0.0.1: records calls, serves getUpdates (long polling), can fail calls.
import { closeServer, listenLocal } from "./http.ts";
import { createServer, type IncomingMessage, type Server } from "node:http";

/** One recorded Bot API call. */
export interface TelegramCall {
  method: string;
  token: string;
  payload: Record<string, any>;
  /** message_id given to a sent message. */
  messageId?: number;
  /** True when the fake answered this call with an error. */
  failed?: boolean;
}

/** A fake Bot API server. */
export class FakeTelegram {
  readonly calls: TelegramCall[] = [];
  private readonly updates: Record<string, any>[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly failures: { method: string; status: number; body: Record<string, unknown> }[] = [];
  private nextMessageId = 1000;
  /** Highest update offset a getUpdates call confirmed (updates below it were handled). */
  confirmedOffset = 0;
  private server?: Server;
  url = "";
  /** Answers sendMessage with no work at all (the bench's baseline cost). */
  constructor(private readonly botInfo = { id: 42, is_bot: true, first_name: "Rezervo", username: "rezervo_test_bot" }) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.route(req).then(
        ({ status, body }) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500).end();
        },
      );
    });
    this.server.keepAliveTimeout = 60_000;
    this.url = await listenLocal(this.server);
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    await closeServer(this.server);
  }

  /** Queues an update for getUpdates. */
  pushUpdate(update: Record<string, any>): void {
    this.updates.push(update);
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next `times` calls of `method` fail with this status and Bot API error body. */
  failNext(method: string, status: number, body: Record<string, unknown> = {}, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, status, body: { ok: false, error_code: status, description: "fake failure", ...body } });
  }

  /** Calls of a method, optionally for one chat. */
  sent(method = "sendMessage", chatId?: number): TelegramCall[] {
    return this.calls.filter((c) => c.method === method && !c.failed && (chatId === undefined || Number(c.payload.chat_id) === chatId));
  }

  /** Waits until the bot confirmed (handled) every update up to `updateId` by asking for the next ones. */
  async handled(updateId: number, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.confirmedOffset <= updateId) {
      if (Date.now() > until) throw new Error(`update ${updateId} not handled in time`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async body(req: IncomingMessage): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (!raw) return {};
    const type = String(req.headers["content-type"] ?? "");
    if (type.includes("json")) return JSON.parse(raw);
    if (type.includes("urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
    return {};
  }

  private async route(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const m = (req.url ?? "").match(/^\/bot([^/]+)\/(\w+)/);
    if (!m) return { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
    const [, token, method] = m;
    const payload = await this.body(req);
    const call: TelegramCall = { method, token, payload };
    if (method !== "getUpdates") this.calls.push(call);
    const fail = this.failures.findIndex((f) => f.method === method);
    if (fail >= 0) {
      const [f] = this.failures.splice(fail, 1);
      call.failed = true;
      return { status: f.status, body: f.body };
    }
    const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });
    switch (method) {
      case "getMe":
        return ok(this.botInfo);
      case "getUpdates":
        return ok(await this.getUpdates(payload));
      case "sendMessage": {
        const messageId = ++this.nextMessageId;
        call.messageId = messageId;
        return ok({
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(payload.chat_id), type: "private" },
          from: this.botInfo,
          text: payload.text,
          ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
        });
      }
      case "editMessageReplyMarkup":
        return ok(true);
      default:
        return ok(true);
    }
  }

  private async getUpdates(payload: Record<string, any>): Promise<unknown[]> {
    const offset = Number(payload.offset ?? 0);
    if (offset > this.confirmedOffset) this.confirmedOffset = offset;
    const timeout = Math.min(Number(payload.timeout ?? 0), 30) * 1000;
    const until = Date.now() + timeout;
    for (;;) {
      const pending = this.updates.filter((u) => u.update_id >= offset);
      if (pending.length || Date.now() >= until) return pending.slice(0, Number(payload.limit ?? 100));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Builds Telegram updates for one private chat, numbering them. */
export class TelegramUpdates {
  private static seq = 1;
  constructor(readonly chatId: number, readonly from: Record<string, any> = { id: chatId, is_bot: false, first_name: "Arta", last_name: "Hoxha", language_code: "sq" }) {}

  private next(): number {
    return TelegramUpdates.seq++;
  }

  private message(extra: Record<string, any>): Record<string, any> {
    return { message_id: Math.floor(Math.random() * 1e6), date: Math.floor(Date.now() / 1000), chat: { id: this.chatId, type: "private" }, from: this.from, ...extra };
  }

  text(text: string): Record<string, any> {
    const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }] : undefined;
    return { update_id: this.next(), message: this.message({ text, ...(entities ? { entities } : {}) }) };
  }

  callback(data: string, messageId: number): Record<string, any> {
    return {
      update_id: this.next(),
      callback_query: { id: String(Math.random()).slice(2), from: this.from, chat_instance: "ci", data, message: this.message({ message_id: messageId, text: "…" }) },
    };
  }

  contact(phone: string): Record<string, any> {
    return { update_id: this.next(), message: this.message({ contact: { phone_number: phone, first_name: this.from.first_name, user_id: this.from.id } }) };
  }

  raw(message: Record<string, any>, kind: "message" | "edited_message" = "message"): Record<string, any> {
    return { update_id: this.next(), [kind]: this.message(message) };
  }
}

/** A customer in one private chat, driving the bot through the fake (polling) or a webhook poster. */
export class TelegramChat {
  readonly updates: TelegramUpdates;
  /** sendMessage payloads of the last turn. */
  last: Record<string, any>[] = [];

  constructor(
    private readonly fake: FakeTelegram,
    chatId: number,
    /** Delivers an update and resolves when the bot has handled it (default: via getUpdates). */
    private readonly deliverUpdate?: (update: Record<string, any>) => Promise<void>,
    from?: Record<string, any>,
  ) {
    this.updates = new TelegramUpdates(chatId, from);
  }

  get chatId(): number {
    return this.updates.chatId;
  }

  /** Delivers an update and returns the messages the bot sent to this chat meanwhile. */
  async send(update: Record<string, any>): Promise<Record<string, any>[]> {
    const before = this.fake.calls.length;
    if (this.deliverUpdate) await this.deliverUpdate(update);
    else {
      this.fake.pushUpdate(update);
      await this.fake.handled(update.update_id);
    }
    this.last = this.fake.calls.slice(before).filter((c) => c.method === "sendMessage" && !c.failed && Number(c.payload.chat_id) === this.chatId).map((c) => c.payload);
    return this.last;
  }

  say(text: string): Promise<Record<string, any>[]> {
    return this.send(this.updates.text(text));
  }

  /** Text of the last turn's messages. */
  text(): string {
    return this.last.map((m) => m.text).join("\n");
  }

  /** The inline button (of the latest message that has one) whose label matches. */
  button(label: RegExp | string): { data: string; messageId: number } {
    const msgs = this.fake.sent("sendMessage", this.chatId).slice().reverse();
    const match = (t: string) => (typeof label === "string" ? t === label : label.test(t));
    for (const call of msgs) {
      const rows = call.payload.reply_markup?.inline_keyboard as { text: string; callback_data: string }[][] | undefined;
      const b = rows?.flat().find((x) => match(x.text));
      if (b) return { data: b.callback_data, messageId: this.messageIdOf(call) };
    }
    throw new Error(`no button ${String(label)}; last: ${this.text()}`);
  }

  /** Presses an inline button by label. */
  press(label: RegExp | string): Promise<Record<string, any>[]> {
    const b = this.button(label);
    return this.send(this.updates.callback(b.data, b.messageId));
  }

  private messageIdOf(call: TelegramCall): number {
    return call.messageId ?? 0;
  }
}
