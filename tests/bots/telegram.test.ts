import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";
const TOKEN = "123456:TEST-polling-token";

describe("Telegram over long polling (grammY against a fake Bot API)", () => {
  let fake: FakeTelegram;
  let server: TestServer;
  beforeAll(async () => {
    fake = await new FakeTelegram().start();
    server = await startTestServer({ clock: fixedClock(NOW), env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, RATE_LIMIT_PER_MIN: "20" } });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("handles a message again after a short database outage instead of losing it", async () => {
    const prisma = server.db.prisma;
    const chat = new TelegramChat(fake, 5099);
    // A real failure of the database for a moment: the table every turn reads is gone, then back.
    await prisma.$executeRawUnsafe(`ALTER TABLE "ProcessedMessage" RENAME TO "ProcessedMessage_away"`);
    const back = new Promise((r) => setTimeout(r, 300)).then(() =>
      prisma.$executeRawUnsafe(`ALTER TABLE "ProcessedMessage_away" RENAME TO "ProcessedMessage"`),
    );
    await chat.say("/start");
    await back;
    expect(chat.text()).toMatch(/Përshëndetje/);
    expect(chat.text()).not.toMatch(/gabim/);
    expect(await prisma.processedMessage.count({ where: { channel: "telegram", conversationId: (await prisma.conversation.findFirstOrThrow({ where: { channel: "telegram", externalId: "5099" } })).id } })).toBe(1);
  });

  it("sets the commands menu in Albanian and English and polls without a webhook", async () => {
    const chat = new TelegramChat(fake, 5001);
    await chat.say("/start");
    const commands = fake.calls.filter((c) => c.method === "setMyCommands");
    const sq = commands.find((c) => !c.payload.language_code);
    const en = commands.find((c) => c.payload.language_code === "en");
    expect(sq?.payload.commands.map((c: { command: string }) => c.command)).toEqual(["start", "rezervo", "rezervimet", "ndihme", "gjuha"]);
    expect(en?.payload.commands.map((c: { command: string }) => c.command)).toEqual(["start", "book", "mybookings", "help", "language"]);
    expect(sq?.payload.commands[1].description).toBe("Rezervo një termin");
    expect(fake.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
    expect(fake.calls.some((c) => c.method === "setWebhook")).toBe(false);
  });

  it("books with inline keyboards and the contact button, and old buttons cannot book twice", async () => {
    const chat = new TelegramChat(fake, 5002);
    await chat.say("/start");
    expect(chat.text()).toMatch(/Përshëndetje/);
    await chat.press("Rezervo një termin");
    expect(chat.text()).toMatch(/kategorinë/);
    // Every callback query is answered, and the keyboard of the step left behind is removed.
    const answered = fake.calls.filter((c) => c.method === "answerCallbackQuery").length;
    expect(answered).toBeGreaterThan(0);
    expect(fake.sent("editMessageReplyMarkup", 5002).length).toBeGreaterThan(0);
    await chat.press("Berber");
    await chat.press(/Ardit/);
    await chat.press(/^Prerje flokësh ·/);
    await chat.press(/26/);
    expect(chat.text()).toMatch(/Oraret e lira/);
    const slot = chat.button("10:00");
    await chat.press("10:00");
    await chat.say("Arta Hoxha");
    await chat.say("arta@example.com");
    const phoneAsk = chat.last.find((m) => m.reply_markup?.keyboard);
    expect(phoneAsk?.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true, text: expect.stringMatching(/Ndani numrin/) });
    await chat.send(chat.updates.contact("355691234567"));
    expect(chat.text()).toMatch(/e enjte, 26 nëntor në 10:00/);
    expect(chat.text()).toMatch(/\+355 69 123 4567/);
    const confirm = chat.button(/Konfirmo/);
    await chat.press(/Konfirmo/);
    expect(chat.text()).toMatch(/Rezervimi u konfirmua/);
    const ref = chat.text().match(/RZ-[A-Z0-9]{6}/)?.[0];
    expect(ref).toBeDefined();
    // The confirm message's keyboard was removed after the press.
    expect(fake.sent("editMessageReplyMarkup", 5002).some((c) => c.payload.message_id === confirm.messageId)).toBe(true);

    // Pressing the old buttons again (a second Confirm, an old time) books nothing more.
    await chat.send(chat.updates.callback(confirm.data, confirm.messageId));
    expect(chat.text()).toMatch(/mesazh i mëparshëm/);
    await chat.send(chat.updates.callback(slot.data, slot.messageId));
    expect(chat.text()).toMatch(/mesazh i mëparshëm/);
    const bookings = await server.db.prisma.booking.findMany({ where: { channel: "telegram" }, include: { customer: true } });
    expect(bookings).toHaveLength(1);
    expect(bookings[0].ref).toBe(ref);
    expect(bookings[0].start.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    expect(bookings[0].customer.phone).toBe("+355691234567");
  });

  it("opens a business from a deep link and speaks English from language_code", async () => {
    const chat = new TelegramChat(fake, 5003, undefined, { id: 5003, is_bot: false, first_name: "John", language_code: "en-GB" });
    await chat.say("/start biz_berberi-ardit");
    expect(chat.text()).toMatch(/service/i);
    expect(chat.button(/^Prerje flokësh ·|Haircut/)).toBeDefined();
  });

  it("answers stickers, photos, voice, locations and edited messages politely without crashing", async () => {
    const chat = new TelegramChat(fake, 5004);
    await chat.say("/start");
    for (const payload of [{ sticker: { file_id: "s" } }, { photo: [{ file_id: "p" }] }, { voice: { file_id: "v" } }, { location: { latitude: 41.3, longitude: 19.8 } }]) {
      await chat.send(chat.updates.raw(payload));
      expect(chat.text()).toMatch(/kuptoj vetëm tekst/);
    }
    await chat.send(chat.updates.raw({ text: "ndryshuar" }, "edited_message"));
    expect(chat.text()).toMatch(/kuptoj vetëm tekst/);
    await chat.say("menu");
    expect(chat.button("Rezervo një termin")).toBeDefined();
  });

  it("handles an update delivered twice once", async () => {
    const chat = new TelegramChat(fake, 5005);
    const update = chat.updates.text("/start");
    await chat.send(update);
    expect(chat.last.length).toBeGreaterThan(0);
    // Telegram redelivers the same update (e.g. after a restart before the offset was confirmed).
    const again = { ...update };
    await chat.send(again);
    expect(chat.last).toHaveLength(0);
    expect(await server.db.prisma.processedMessage.count({ where: { channel: "telegram", messageId: String(update.update_id) } })).toBe(1);
  });

  it("retries a send Telegram refused with 429 and delivers it", async () => {
    const chat = new TelegramChat(fake, 5007);
    fake.failNext("sendMessage", 429, { parameters: { retry_after: 1 } });
    await chat.say("/start");
    expect(fake.calls.some((c) => c.method === "sendMessage" && c.failed)).toBe(true);
    expect(chat.text()).toMatch(/Përshëndetje/);
  });
});

describe("Telegram flood", () => {
  let fake: FakeTelegram;
  let server: TestServer;
  beforeAll(async () => {
    fake = await new FakeTelegram().start();
    server = await startTestServer({ clock: fixedClock(NOW), env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, RATE_LIMIT_PER_MIN: "5" } });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it("gives a flood one polite answer instead of a reply per message", async () => {
    const chat = new TelegramChat(fake, 5006);
    const updates = Array.from({ length: 30 }, (_, i) => chat.updates.text(`mesazh ${i}`));
    const before = fake.sent("sendMessage", 5006).length;
    for (const u of updates) fake.pushUpdate(u);
    await fake.handled(updates.at(-1)!.update_id);
    const texts = fake.sent("sendMessage", 5006).slice(before).map((c) => c.payload.text as string);
    const polite = texts.filter((t) => /shumë shpejt/.test(t));
    expect(polite).toHaveLength(1);
    expect(texts.length).toBeLessThanOrEqual(5 * 2 + 1);
  });

});
