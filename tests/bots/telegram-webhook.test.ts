import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSecret } from "../../bots/telegram/channel.ts";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";

const NOW = "2026-11-25T08:00:00Z";
const TOKEN = "123456:TEST-webhook-token";
const PUBLIC_URL = "https://rezervo.example.test";

describe("Telegram webhook mode", () => {
  let fake: FakeTelegram;
  let server: TestServer;
  const secret = webhookSecret(TOKEN);

  const post = (update: unknown, token?: string) =>
    fetch(`${server.url}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { "x-telegram-bot-api-secret-token": token } : {}) },
      body: JSON.stringify(update),
    });
  const deliver = async (update: Record<string, any>) => {
    const res = await post(update, secret);
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    fake = await new FakeTelegram().start();
    server = await startTestServer({ clock: fixedClock(NOW), env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, PUBLIC_URL } });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("registers the webhook with its secret and does not poll", async () => {
    for (let i = 0; i < 200 && !fake.calls.some((c) => c.method === "setWebhook"); i++) await new Promise((r) => setTimeout(r, 10));
    const set = fake.calls.find((c) => c.method === "setWebhook");
    expect(set?.payload.url).toBe(`${PUBLIC_URL}/webhooks/telegram`);
    expect(set?.payload.secret_token).toBe(secret);
    expect(fake.confirmedOffset).toBe(0);
  });

  it("refuses updates with a wrong or missing secret and stores nothing", async () => {
    const chat = new TelegramChat(fake, 7001);
    expect((await post(chat.updates.text("/start"), "forged")).status).toBe(401);
    expect((await post(chat.updates.text("/start"))).status).toBe(401);
    expect(fake.sent("sendMessage", 7001)).toHaveLength(0);
    expect(await server.db.prisma.conversation.count({ where: { channel: "telegram", externalId: "7001" } })).toBe(0);
    expect(await server.db.prisma.processedMessage.count({ where: { channel: "telegram" } })).toBe(0);
  });

  it("books through the webhook, one effect per update even when Telegram delivers it twice", async () => {
    const chat = new TelegramChat(fake, 7002, deliver);
    await chat.say("/start biz_berberi-ardit");
    await chat.press(/^Prerje flokësh ·/);
    await chat.press(/26/);
    await chat.press("11:00");
    await chat.say("Besa Krasniqi");
    await chat.say("besa@example.com");
    await chat.say("069 765 4321");
    const confirm = chat.button(/Konfirmo/);
    const update = chat.updates.callback(confirm.data, confirm.messageId);
    await chat.send(update);
    expect(chat.text()).toMatch(/Rezervimi u konfirmua/);
    await chat.send(update);
    expect(chat.last).toHaveLength(0);
    const bookings = await server.db.prisma.booking.findMany({ where: { channel: "telegram" } });
    expect(bookings).toHaveLength(1);
    expect(bookings[0].start.toISOString()).toBe("2026-11-26T10:00:00.000Z");
  });

  it("sends bot-initiated messages through the notifier to the chat", async () => {
    const conv = await server.db.prisma.conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId: "7002" } } });
    const before = fake.sent("sendMessage", 7002).length;
    await server.runtime.notifier.sendToConversation(conv.id, [{ text: "Kujtesë: nesër në 11:00.", choices: [{ id: "g.mybookings", label: "Rezervimet e mia" }] }], { purpose: "reminder" });
    const sent = fake.sent("sendMessage", 7002).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload.reply_markup.inline_keyboard[0][0]).toEqual({ text: "Rezervimet e mia", callback_data: "g.mybookings" });
  });
});
