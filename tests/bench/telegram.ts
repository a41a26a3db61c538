// Telegram: updates per second for a full dialog turn through grammY's webhook handler (database,
// dialog, replies sent to a fake Bot API), against a bare grammY echo bot on the same fake API.
// Both run without the throttler (it caps sends at 30/s by design, which would measure Telegram's
// limit rather than the bot).
import Fastify from "fastify";
import { Bot, webhookCallback } from "grammy";
import { createRuntime } from "../../bots/runtime.ts";
import { TelegramChannel } from "../../bots/telegram/channel.ts";
import { loadConfig } from "../../core/config.ts";
import { createLogger } from "../../core/log.ts";
import { createTestDatabase } from "../support/db.ts";
import { fixedClock } from "../support/server.ts";
import { FakeTelegram, TelegramUpdates } from "../fakes/telegram.ts";

const CHATS = Number(process.env.BENCH_TELEGRAM_CHATS ?? 200);
const CONCURRENCY = 8;
const TOKEN = "123456:BENCH-token";
/** One customer's turns: greeting, book, a category (typed labels, so both bots get text). */
const SCRIPT = ["/start", "Rezervo një termin", "Berber"];

async function drive(url: string, chatBase: number): Promise<number> {
  let next = 0;
  let updates = 0;
  const worker = async () => {
    for (let i = next++; i < CHATS; i = next++) {
      const u = new TelegramUpdates(chatBase + i);
      for (const text of SCRIPT) {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(u.text(text)) });
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
        await res.arrayBuffer();
        updates++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return updates / ((performance.now() - t0) / 1000);
}

async function echoRate(fake: FakeTelegram): Promise<number> {
  const bot = new Bot(TOKEN, { client: { apiRoot: fake.url } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  const app = Fastify();
  app.post("/hook", webhookCallback(bot, "fastify"));
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/hook`;
    await drive(url, 9_000_000); // warm-up
    return await drive(url, 1_000_000);
  } finally {
    await app.close();
  }
}

async function oursRate(fake: FakeTelegram): Promise<{ rate: number; sends: number }> {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, RATE_LIMIT_PER_MIN: "100000" });
  const rt = await createRuntime({ config, log: createLogger(process.env.BENCH_LOG ?? "silent"), prisma: db.prisma, prismaUrl: db.url, clock: fixedClock("2026-11-25T08:00:00Z"), closeDb: async () => {} });
  const channel = new TelegramChannel(rt, { throttle: false });
  const app = Fastify();
  app.post("/webhooks/telegram", webhookCallback(channel.bot, "fastify"));
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/webhooks/telegram`;
    await drive(url, 8_000_000); // warm-up
    const before = fake.sent("sendMessage").length;
    const rate = await drive(url, 2_000_000);
    return { rate, sends: (fake.sent("sendMessage").length - before) / (CHATS * SCRIPT.length) };
  } finally {
    await app.close();
    await rt.close();
    await db.close();
  }
}

/** Figures for `npm run bench`. */
export async function bench(): Promise<Record<string, number | string>> {
  const fake = await new FakeTelegram().start();
  try {
    const echo = await echoRate(fake);
    const ours = await oursRate(fake);
    return {
      "updates (per run)": CHATS * SCRIPT.length,
      "echo bot updates/s": Math.round(echo),
      "rezervo dialog updates/s": Math.round(ours.rate),
      "sendMessage calls per update (rezervo)": Number(ours.sends.toFixed(2)),
      "ratio echo/rezervo (goal <= 2)": Number((echo / ours.rate).toFixed(2)),
      database: process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite",
    };
  } finally {
    await fake.close();
  }
}
