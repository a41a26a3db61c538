// Hostile bodies against the real server: the web chat API and the Telegram and Twilio webhooks (signed as
// the platforms sign them, so the bodies reach our code). Bounded: a fixed seed, a few thousand bodies.
import { Writable } from "node:stream";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSecret } from "../../bots/telegram/channel.ts";
import { twilioChannels } from "../../bots/twilio/routes.ts";
import { createLogger } from "../../core/log.ts";
import { t } from "../../locales/i18n.ts";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { FakeTwilio, TwilioWebhooks } from "../fakes/twilio.ts";
import { Prng, oddRawJson, oddString, oddValue } from "../support/fuzz.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const SEED = 0x5eed_2026;
const NOW = "2026-11-25T08:00:00Z";
const TG_TOKEN = "123456:TEST-fuzz-token";
const SID = `AC${"2b".repeat(16)}`;
const TW_TOKEN = "twilio-fuzz-auth-token";
const PUBLIC_URL = "https://rezervo.example.test";
/** Log messages that mean our code broke on an input (not a remote platform refusing something). */
const BROKEN = /request failed|twilio inbound failed|dialog turn failed|teams turn failed|Maximum call stack/;

describe("fuzz: hostile bodies never break a turn", () => {
  let server: TestServer;
  let tg: FakeTelegram;
  let tw: FakeTwilio;
  let hooks: TwilioWebhooks;
  const errors: string[] = [];
  const statuses = new Map<number, number>();
  /** Every 5xx seen, described (the test lists them all rather than stopping at the first). */
  const failures: string[] = [];
  const form = (s: string) => new URLSearchParams([["x", s]]).toString().slice(2);
  const r = new Prng(SEED);

  /** One request with a deadline (a hang fails the test); records the status and fails on any 5xx. */
  async function send(what: string, url: string, opts: Omit<RequestInit, "body"> & { body?: string | Buffer }): Promise<Response> {
    const init: RequestInit = { ...opts, body: Buffer.isBuffer(opts.body) ? new Uint8Array(opts.body) : opts.body };
    let res: Response;
    const started = Date.now();
    if (process.env.FUZZ_DEBUG) console.log("->", what, String(opts.body).slice(0, 300));
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      throw new Error(`${what}: no answer (${(err as Error).message})`);
    }
    await res.arrayBuffer();
    if (Date.now() - started > 3000) failures.push(`${what}: slow (${Date.now() - started} ms) for ${url.slice(0, 120)} ${String(opts.body).slice(0, 300)}`);
    if (process.env.FUZZ_DEBUG) console.log(what, res.status, Date.now() - started, String(opts.body).slice(0, 200));
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) failures.push(`${what}: HTTP ${res.status} for ${url.slice(0, 120)} ${String(opts.body).slice(0, 300)}`);
    return res;
  }

  beforeAll(async () => {
    tg = await new FakeTelegram().start();
    tw = await new FakeTwilio(SID, TW_TOKEN).start();
    const sink = new Writable({
      write(chunk, _enc, done) {
        errors.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({
      clock: fixedClock(NOW),
      log: createLogger("error", sink),
      env: {
        PUBLIC_URL, TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: tg.url,
        TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TW_TOKEN, TWILIO_API_URL: tw.url,
        TWILIO_SMS_FROM: "+355680000000", TWILIO_WHATSAPP_FROM: "whatsapp:+355680000001",
        // The fuzz drives a few sessions hard; the per-chat limit would answer most of it without a turn.
        RATE_LIMIT_PER_MIN: "1000000",
      },
    });
    hooks = new TwilioWebhooks(server.url, PUBLIC_URL, TW_TOKEN);
  });
  afterAll(async () => {
    if (process.env.FUZZ_DEBUG) console.log("statuses", Object.fromEntries(statuses), "error log lines", errors.length, errors.slice(0, 5).map((l) => l.slice(0, 300)));
    await server?.close();
    await tg?.close();
    await tw?.close();
  });

  const broken = () => errors.filter((l) => BROKEN.test(l));

  // Each part takes a few seconds alone; the timeouts leave room for a busy CI machine.
  it("web chat API: odd JSON, raw bytes, wrong content types and odd paths answer 2xx/4xx, then the chat goes on", { timeout: 120_000 }, async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    const messages = `${server.url}/api/chat/sessions/${c.sessionId}/messages`;
    const auth = { authorization: `Bearer ${c.token}` };
    for (let i = 0; i < 1100; i++) {
      const kind = r.int(10);
      if (kind <= 3) {
        const body = r.pick([
          () => ({ text: oddString(r) }),
          () => ({ text: oddValue(r) }),
          () => ({ choice: oddValue(r) }),
          () => ({ text: oddString(r), clientMessageId: oddValue(r) }),
          () => ({ choice: oddString(r).slice(0, 64), clientMessageId: oddString(r).slice(0, 100) || "x" }),
          () => oddValue(r),
        ])();
        await send("message json", messages, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
      } else if (kind <= 5) {
        await send("message raw", messages, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: oddRawJson(r) });
      } else if (kind === 6) {
        const type = r.pick(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/xml"]);
        await send("message content-type", messages, { method: "POST", headers: { ...auth, "content-type": type }, body: `text=${form(oddString(r).slice(0, 5000))}` });
      } else if (kind === 7) {
        const id = r.pick(["%00", "%ud800", "%ED%A0%80", "%ff%fe", "..%2F..%2Fetc", "a".repeat(3000), "%E2%80%AE", c.sessionId + "%00", " ", "null"]);
        const method = r.pick(["GET", "POST"]);
        await send("odd session id", `${server.url}/api/chat/sessions/${id}/messages`, {
          method, headers: { ...auth, "content-type": "application/json" }, body: method === "POST" ? '{"text":"tung"}' : undefined,
        });
      } else if (kind === 8) {
        const body = r.chance(0.5) ? JSON.stringify(oddValue(r)) : oddRawJson(r);
        await send("new session", `${server.url}/api/chat/sessions`, { method: "POST", headers: { "content-type": "application/json", "accept-language": oddString(r).slice(0, 200).replace(/[^\x20-\x7e]/g, "") }, body });
      } else {
        await send("history", messages, { method: "GET", headers: auth });
      }
    }
    expect(failures).toEqual([]);
    expect(broken()).toEqual([]);

    // The fuzzed session still answers normally, and its history still reads.
    const menu = await c.say("menu");
    const labels = menu.flatMap((m) => m.choices ?? []).map((x) => x.label);
    expect(labels.some((l) => l === t("sq", "common:menu.book") || l === t("en", "common:menu.book"))).toBe(true);
    const history = await send("history", messages, { method: "GET", headers: auth });
    expect(history.status).toBe(200);
  });

  it("web chat API: a NUL, a lone surrogate or a bidi override in a message is cleaned, not a 500", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    for (const raw of ['{"text":"Ber\\u0000ber"}', '{"text":"Ber\\ud800ber"}', '{"text":"\\u202eBerber"}']) {
      const res = await c.post(raw);
      expect(res.status).toBe(200);
      expect(res.json.replies.length).toBeGreaterThan(0);
    }
    const rows = await server.db.prisma.message.findMany({ where: { conversationId: c.sessionId, direction: "in" } });
    expect(rows.map((m) => (m.body as { text?: string }).text)).toEqual(["Berber", "Berber", "Berber"]);
  });

  it("web chat API: text over the limit is refused whole, in the conversation's language", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    const res = await fetch(`${server.url}/api/chat/sessions/${c.sessionId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${c.token}`, "accept-language": "sq-AL" },
      body: JSON.stringify({ text: "x".repeat(5000) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "too_long", max: 2000, message: t("en", "common:tooLong", { max: 2000 }) });
  });

  it("Telegram webhook: odd updates with the right secret answer 2xx/4xx, then the chat goes on", { timeout: 120_000 }, async () => {
    const secret = webhookSecret(TG_TOKEN);
    const url = `${server.url}/webhooks/telegram`;
    const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret };
    let updateId = 5_000_000;
    // Many chats: the per-chat send throttle (Telegram allows about one message a second) is not what is tested.
    const chatId = () => (r.chance(0.9) ? 9100 + r.int(400) : oddValue(r));
    const from = () => (r.chance(0.7) ? { id: 9101, is_bot: false, first_name: oddString(r).slice(0, 300), language_code: r.pick<unknown>(["sq", "en", oddValue(r)]) } : oddValue(r));
    for (let i = 0; i < 800; i++) {
      const kind = r.int(8);
      let body: string | Buffer;
      if (kind <= 2) {
        const message = { message_id: r.int(1e6), date: 1_790_000_000, chat: { id: chatId(), type: "private" }, from: from(), text: r.chance(0.8) ? oddString(r) : oddValue(r) };
        body = JSON.stringify({ update_id: r.chance(0.9) ? ++updateId : oddValue(r), message });
      } else if (kind === 3) {
        const q = { id: oddValue(r), from: from(), chat_instance: "ci", data: oddValue(r), message: r.chance(0.7) ? { message_id: 1, date: 1, chat: { id: chatId(), type: "private" } } : oddValue(r) };
        body = JSON.stringify({ update_id: ++updateId, callback_query: q });
      } else if (kind === 4) {
        const contact = r.chance(0.5) ? { phone_number: oddString(r), user_id: r.pick<unknown>([9101, oddValue(r)]) } : oddValue(r);
        body = JSON.stringify({ update_id: ++updateId, message: { message_id: 2, date: 1, chat: { id: chatId(), type: "private" }, from: from(), contact } });
      } else if (kind === 5) {
        body = JSON.stringify(r.pick([() => oddValue(r), () => ({ update_id: ++updateId, message: oddValue(r) }), () => ({ update_id: ++updateId, edited_message: oddValue(r) })])());
      } else {
        body = oddRawJson(r);
      }
      const type = r.chance(0.05) ? "application/x-www-form-urlencoded" : headers["content-type"];
      await send("telegram update", url, { method: "POST", headers: { ...headers, "content-type": type }, body });
    }
    expect(failures).toEqual([]);
    expect(broken()).toEqual([]);

    const chat = new TelegramChat(tg, 9101, async (update) => {
      const res = await send("telegram after", url, { method: "POST", headers, body: JSON.stringify(update) });
      expect(res.status).toBe(200);
    });
    await chat.say("/start");
    const buttons = chat.last.flatMap((m) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text));
    expect(buttons.some((l: string) => l === t("sq", "common:menu.book") || l === t("en", "common:menu.book"))).toBe(true);
  });

  it("Twilio webhooks: odd signed form bodies and JSON bodies answer 2xx/4xx, then the phone still gets answers", { timeout: 120_000 }, async () => {
    const phones = ["+355691230001", "whatsapp:+355691230002", "", "\u0000", "+355\ud800", "abc", "+".padEnd(300, "9")];
    for (let i = 0; i < 700; i++) {
      const channel = r.pick(["sms", "whatsapp"] as const);
      const kind = r.int(6);
      const path = kind === 5 ? "/webhooks/twilio/status" : `/webhooks/twilio/${channel}`;
      if (kind <= 2 || kind === 5) {
        const params: Record<string, string> = kind === 5
          ? { MessageSid: oddString(r).slice(0, 500), MessageStatus: r.pick(["delivered", "failed", "undelivered", oddString(r).slice(0, 50)]), ErrorCode: oddString(r).slice(0, 30), To: oddString(r).slice(0, 50) }
          : hooks.inbound(channel, r.pick(phones), oddString(r), r.chance(0.3) ? { NumMedia: oddString(r).slice(0, 20), MessageSid: oddString(r).slice(0, 200), ProfileName: oddString(r).slice(0, 200) } : {});
        const res = await hooks.post(path, params);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`twilio ${path}: HTTP ${res.status} for ${JSON.stringify(params).slice(0, 300)}`);
      } else if (kind === 3) {
        // JSON to a form route, signed over whatever the server would read from it.
        const value = oddValue(r);
        const signature = twilio.getExpectedTwilioSignature(TW_TOKEN, `${PUBLIC_URL}${path}`, (value && typeof value === "object" ? value : {}) as Record<string, string>);
        await send("twilio json", `${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-twilio-signature": signature }, body: JSON.stringify(value) });
      } else {
        // Raw form bytes: invalid UTF-8 and broken percent-encoding, signed over what the parser reads.
        const raw = Buffer.concat([Buffer.from(`From=%2B355691230003&MessageSid=SM${i}&Body=`), Buffer.from([0xff, 0xc0, 0x25, 0x25, 0x30, 0x30, 0xed, 0xa0, 0x80].slice(r.int(6))), Buffer.from(`&${form(oddString(r).slice(0, 2000))}=%E0%A4%A`)]);
        const params = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
        const signature = twilio.getExpectedTwilioSignature(TW_TOKEN, `${PUBLIC_URL}${path}`, params);
        await send("twilio raw", `${server.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature }, body: raw });
      }
      if (i % 50 === 49) await twilioChannels(server.runtime)!.idle();
    }
    await twilioChannels(server.runtime)!.idle();
    expect(failures).toEqual([]);
    expect(broken()).toEqual([]);

    // START first: the fuzz may have sent STOP from this number.
    await hooks.post("/webhooks/twilio/sms", hooks.inbound("sms", "+355691230001", "START"));
    await twilioChannels(server.runtime)!.idle();
    const before = tw.messages.length;
    const res = await hooks.post("/webhooks/twilio/sms", hooks.inbound("sms", "+355691230001", "menu"));
    expect(res.status).toBe(200);
    await twilioChannels(server.runtime)!.idle();
    const answer = tw.messages.slice(before).filter((m) => m.params.To === "+355691230001").map((m) => m.params.Body).join("\n");
    expect(answer).toMatch(/1\. /);

    // An SMS over 1 600 characters gets the polite limit, not a turn on a cut text.
    const mark = tw.messages.length;
    await hooks.post("/webhooks/twilio/sms", hooks.inbound("sms", "+355691230009", "Dua nje termin. ".repeat(120)));
    await twilioChannels(server.runtime)!.idle();
    expect(tw.messages.slice(mark).map((m) => m.params.Body)).toEqual(["Mesazhi eshte shume i gjate (deri ne 1600 shkronja). Ju lutem shkurtojeni."]);
    expect(statuses.size).toBeGreaterThan(1);
  });
});
