import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { webhookCallback } from "grammy";
import type { Runtime } from "../runtime.ts";
import { ALLOWED_UPDATES, TelegramChannel, webhookSecret } from "./channel.ts";

/** Path Telegram posts updates to in webhook mode. */
export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";

/** Compares a header with the secret in constant time. */
function sameSecret(header: unknown, secret: string): boolean {
  if (typeof header !== "string") return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(header), digest(secret));
}

const channels = new WeakMap<Runtime, TelegramChannel>();

/** The running Telegram channel of a runtime (tests, diagnostics). */
export function telegramChannel(rt: Runtime): TelegramChannel | undefined {
  return channels.get(rt);
}

/**
 * Registrar: Telegram is on when TELEGRAM_BOT_TOKEN is set. With PUBLIC_URL it runs as a webhook at
 * POST /webhooks/telegram (secret-token header checked, 401 otherwise; setWebhook at start), else it
 * long-polls. Registers the "telegram" sender and the commands menu either way.
 */
export async function registerTelegram(app: FastifyInstance, rt: Runtime): Promise<void> {
  const { config, log } = rt;
  if (!config.TELEGRAM_BOT_TOKEN) return;
  const channel = new TelegramChannel(rt);
  channels.set(rt, channel);
  rt.notifier.register(channel.sender);
  const { bot } = channel;
  const tlog = log.child({ part: "telegram" });

  if (config.PUBLIC_URL) {
    const secret = webhookSecret(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET);
    const url = `${config.PUBLIC_URL.replace(/\/$/, "")}${TELEGRAM_WEBHOOK_PATH}`;
    const handle = webhookCallback(bot, "fastify", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
    app.post(TELEGRAM_WEBHOOK_PATH, (req, reply) => {
      // A body that is not an update at all (a number, an array, null) would throw inside grammY: a 500
      // that Telegram keeps redelivering. The secret is checked first, as grammY would.
      const body = req.body as { update_id?: unknown } | null;
      if (!body || typeof body !== "object" || Array.isArray(body) || typeof body.update_id !== "number") {
        const ok = sameSecret(req.headers["x-telegram-bot-api-secret-token"], secret);
        return reply.code(ok ? 400 : 401).send({ error: ok ? "bad_request" : "unauthorized" });
      }
      return handle(req, reply);
    });
    const setup = (async () => {
      await bot.init();
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
      await channel.setCommands();
      tlog.info({ bot: bot.botInfo.username }, "telegram webhook set");
    })().catch((err) => tlog.error({ err }, "telegram webhook setup failed; updates may not arrive"));
    rt.onClose.push(() => setup);
    return;
  }

  let stopped = false;
  const running = (async () => {
    await bot.init();
    await channel.setCommands().catch((err) => tlog.warn({ err }, "telegram commands not set"));
    if (stopped) return;
    await bot.start({ allowed_updates: [...ALLOWED_UPDATES], onStart: (me) => tlog.info({ bot: me.username }, "telegram long polling") });
  })().catch((err) => tlog.error({ err }, "telegram polling stopped with an error"));
  rt.onClose.push(async () => {
    stopped = true;
    if (bot.isRunning()) await bot.stop();
    await running;
  });
}
