import { createHash, timingSafeEqual } from "node:crypto";
import { webhookCallback } from "grammy";
import type { Contribution, FeatureModule } from "../module.ts";
import { ALLOWED_UPDATES, TelegramChannel, webhookSecret } from "./channel.ts";

/** Path Telegram posts updates to in webhook mode. */
export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";

/** Compares a header with the secret in constant time. */
function sameSecret(header: unknown, secret: string): boolean {
  if (typeof header !== "string") return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(header), digest(secret));
}

/**
 * Telegram, on when TELEGRAM_BOT_TOKEN is set. With PUBLIC_URL it runs as a webhook at
 * POST /webhooks/telegram (secret-token header checked, 401 otherwise; setWebhook at start), else the
 * server long-polls. Adds the "telegram" sender either way (`rt.features.telegram` is the channel).
 */
export const telegramModule: FeatureModule<"telegram", TelegramChannel> = {
  name: "telegram",
  setup(rt) {
    const { config, log } = rt;
    const token = config.TELEGRAM_BOT_TOKEN;
    if (!token) return null;
    const channel = new TelegramChannel(rt);
    const { bot } = channel;
    const tlog = log.child({ part: "telegram" });
    const out: Contribution<TelegramChannel> = { senders: [channel.sender], parts: channel };

    if (config.PUBLIC_URL) {
      const secret = webhookSecret(token, config.TELEGRAM_WEBHOOK_SECRET);
      const url = `${config.PUBLIC_URL.replace(/\/$/, "")}${TELEGRAM_WEBHOOK_PATH}`;
      const handle = webhookCallback(bot, "fastify", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
      out.routes = [(app) => {
        app.post(TELEGRAM_WEBHOOK_PATH, (req, reply) => {
          // A body that is not an update at all (a number, an array, null) would throw inside grammY: a
          // 500 that Telegram keeps redelivering. The secret is checked first, as grammY would.
          const body = req.body as { update_id?: unknown } | null;
          if (!body || typeof body !== "object" || Array.isArray(body) || typeof body.update_id !== "number") {
            const ok = sameSecret(req.headers["x-telegram-bot-api-secret-token"], secret);
            return reply.code(ok ? 400 : 401).send({ error: ok ? "bad_request" : "unauthorized" });
          }
          return handle(req, reply);
        });
      }];
      out.jobs = [{
        name: "telegram webhook",
        roles: ["server"],
        start() {
          const setup = (async () => {
            await bot.init();
            await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
            await channel.setCommands();
            tlog.info({ bot: bot.botInfo.username }, "telegram webhook set");
          })().catch((err) => tlog.error({ err }, "telegram webhook setup failed; updates may not arrive"));
          return () => setup;
        },
      }];
      return out;
    }

    out.jobs = [{
      name: "telegram polling",
      roles: ["server"],
      start() {
        let stopped = false;
        const running = (async () => {
          await bot.init();
          await channel.setCommands().catch((err) => tlog.warn({ err }, "telegram commands not set"));
          if (stopped) return;
          await bot.start({ allowed_updates: [...ALLOWED_UPDATES], onStart: (me) => tlog.info({ bot: me.username }, "telegram long polling") });
        })().catch((err) => tlog.error({ err }, "telegram polling stopped with an error"));
        const stop = async () => {
          stopped = true;
          if (bot.isRunning()) await bot.stop();
          await running;
        };
        // A drain stops taking updates at once; the update being handled finishes first.
        rt.lifecycle.onDrain(stop);
        return stop;
      },
    }];
    return out;
  },
};
