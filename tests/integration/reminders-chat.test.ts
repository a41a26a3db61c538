import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSecret } from "../../bots/telegram/channel.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createLogger } from "../../core/log.ts";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const H = 3600_000;
const TOKEN = "123456:reminders-chat-token";
const PUBLIC_URL = "https://rezervo.example.test";

// A marketplace with its Telegram bot (webhook mode, a fake Bot API): a booking made in a Telegram chat
// gets its reminder in that chat, with buttons to confirm or cancel, answered by a press or by typing.
let fake: FakeTelegram;
let server: TestServer;
let n = 0;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  server = await startTestServer({ env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, PUBLIC_URL } });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

const deliver = async (update: Record<string, unknown>) => {
  const res = await fetch(`${server.url}/webhooks/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) },
    body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
};

/** A booking made in the Telegram chat `chatId`, `inMs` from now, with its 24 h reminder sent there at its due time. */
async function remindedInChat(chatId: number, inMs = 26 * H) {
  const prisma = server.db.prisma;
  const chat = new TelegramChat(fake, chatId, deliver);
  const conversationId = (await server.runtime.conversations.start({ channel: "telegram", externalId: String(chatId) }, { lang: "sq" })).conversationId;
  const service = await prisma.service.findFirstOrThrow({ where: { business: { slug: "berberi-ardit" } } });
  const start = new Date(Date.now() + inMs);
  const phone = `+35569333${String(chatId).slice(-4)}`;
  const customer = await prisma.customer.create({ data: { name: "Klient", phone } });
  const booking = await prisma.booking.create({
    data: {
      ref: `RZ-T${String(++n).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, conversationId, contactName: "Klient",
      contactPhone: phone, start, end: new Date(start.getTime() + 30 * 60_000), priceLek: 800, channel: "telegram",
    },
  });
  const due = ReminderDispatcher.dueAt(start, "24h");
  const before = fake.sent("sendMessage", chatId).length;
  const d = new ReminderDispatcher({ prisma, notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
  expect(await d.run(booking.id, "24h")).toMatchObject({ kind: "done", sent: 1 });
  const sent = fake.sent("sendMessage", chatId).slice(before).map((c) => c.payload);
  return { chat, booking, conversationId, sent };
}

const row = (id: string) => server.db.prisma.booking.findUniqueOrThrow({ where: { id } });
const labels = (payload: Record<string, any>) => (payload.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text);

describe("a reminder in a Telegram chat", () => {
  it("asks with buttons; pressing «PO, konfirmoje» confirms the booking", async () => {
    const { chat, booking, sent } = await remindedInChat(81001);
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toMatch(/Kujtesë nga Rezervo: nesër keni Prerje flokësh te Berberi Ardit/);
    expect(labels(sent[0])).toEqual(["PO, konfirmoje", "JO, anuloje", "Rezervimet e mia"]);
    await chat.press("PO, konfirmoje");
    expect(chat.text()).toMatch(/E konfirmuat rezervimin te Berberi Ardit/);
    expect((await row(booking.id)).customerConfirmedAt).not.toBeNull();
  });

  it("is answered by typing: «s'vij dot, anuloje» cancels it", async () => {
    const { chat, booking } = await remindedInChat(81002);
    await chat.say("s'vij dot, anuloje");
    expect(chat.text()).toMatch(/u anulua/);
    expect((await row(booking.id)).status).toBe("cancelled");
  });

  it("leaves anything else to the dialog: a new booking asked for starts one and confirms nothing", async () => {
    const { chat, booking } = await remindedInChat(81003);
    await chat.say("dua te rezervoj nje manikyr");
    expect(chat.text()).not.toMatch(/PO për ta konfirmuar|E konfirmuat/);
    const conv = await server.db.prisma.conversation.findFirstOrThrow({ where: { channel: "telegram", externalId: "81003" } });
    expect((conv.state as { flow?: string }).flow).toBe("booking");
    // «po» now belongs to the booking's steps, not to the reminder.
    await chat.say("po");
    expect((await row(booking.id)).customerConfirmedAt).toBeNull();
  });

  it("never acts on a booking of another chat, even with its button's id", async () => {
    const theirs = await remindedInChat(81004);
    const mine = await remindedInChat(81005);
    await mine.chat.send(mine.chat.updates.callback(`rr.n:${theirs.booking.id}`, 1));
    expect((await row(theirs.booking.id)).status).toBe("confirmed");
    await mine.chat.send(mine.chat.updates.callback(`rr.y:${theirs.booking.id}`, 1));
    expect((await row(theirs.booking.id)).customerConfirmedAt).toBeNull();
  });
});
