import { createHash } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler, type APIThrottlerOptions } from "@grammyjs/transformer-throttler";
import { Api, Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import type { ChannelSender, Reply } from "../../core/conversation/messages.ts";
import { DatabaseUnavailableError } from "../../core/db/faults.ts";
import type { Kernel } from "../module.ts";
import { t, toLang, type Lang } from "../../locales/i18n.ts";
import { toInbound } from "./convert.ts";
import { renderTelegram } from "./render.ts";
import { RecentMap } from "../../core/recent.ts";

/**
 * Outgoing limits: 30 messages/s overall; per chat a bucket of 20 that refills one message per second
 * (a dialog turn sends a short burst, the sustained rate stays at Telegram's 1/s), groups 20/min.
 */
export const TELEGRAM_THROTTLE: APIThrottlerOptions = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
  out: { maxConcurrent: 1, reservoir: 20, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 1000, reservoirIncreaseMaximum: 20 },
  group: { maxConcurrent: 1, minTime: 1000, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 },
};

/** Updates the bot asks Telegram for. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

/** The webhook secret: TELEGRAM_WEBHOOK_SECRET, or one derived from the bot token. */
export function webhookSecret(token: string, configured?: string): string {
  return configured ?? createHash("sha256").update(`rezervo-telegram-webhook:${token}`).digest("hex");
}

/** Options for {@link TelegramChannel}. */
export interface TelegramChannelOptions {
  /** Throttle outgoing calls (default true; the bench turns it off to measure the dialog). */
  throttle?: boolean;
}

/**
 * The Telegram adapter: a grammY bot whose only middleware turns updates into inbound messages for the
 * conversation service and renders the replies (inline keyboards, contact button), plus the sender
 * the notifier uses for messages the bot starts itself.
 */
/** Chats whose keyboards this process remembers (the most recent ones). */
const RECENT_CHATS = 10_000;

/** Waits before retrying an update that failed in long-polling mode. */
const POLLING_RETRY_MS = [500, 1500, 4000];

export class TelegramChannel {
  readonly bot: Bot;
  /** Unthrottled API (auto-retry only) for keyboard edits, which are not messages to the customer. */
  private readonly editApi: Api;
  readonly sender: ChannelSender;
  // Both are kept for the most recent chats only (RECENT_CHATS), so an idle chat costs no memory for
  // ever: a chat forgotten here keeps its last buttons on screen, and pressing one is answered with the
  // current step (buttons carry their prompt's number), never acted on twice.
  /** Per chat: messages of the last turn that still carry an inline keyboard. */
  private readonly keyboards = new RecentMap<string, number[]>(RECENT_CHATS);
  /** Chats whose last turn showed the contact reply keyboard. */
  private readonly contactShown = new RecentMap<string, true>(RECENT_CHATS);

  constructor(private readonly rt: Kernel, opts: TelegramChannelOptions = {}) {
    const token = rt.config.TELEGRAM_BOT_TOKEN;
    if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
    const client = rt.config.TELEGRAM_API_ROOT ? { apiRoot: rt.config.TELEGRAM_API_ROOT.replace(/\/$/, "") } : {};
    this.bot = new Bot(token, { client });
    this.editApi = new Api(token, client);
    this.editApi.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
    if (opts.throttle !== false) this.bot.api.config.use(apiThrottler(TELEGRAM_THROTTLE));
    this.bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
    this.bot.use((ctx) => this.onUpdate(ctx));
    // Long polling only (a webhook answers 500 and Telegram delivers again): retry the update with backoff,
    // so a short database outage loses no message; after that, tell the customer to try again.
    this.bot.catch(async (err) => {
      const update = err.ctx.update;
      for (const delay of POLLING_RETRY_MS) {
        await new Promise((r) => setTimeout(r, delay));
        try {
          await this.onUpdate(err.ctx, true);
          return;
        } catch (again) {
          rt.log.warn({ err: again, update: update.update_id }, "telegram update failed, retrying");
        }
      }
      rt.log.error({ err: err.error, update: update.update_id }, "telegram update failed");
      const chat = toInbound(update)?.address.externalId;
      const down = err.error instanceof DatabaseUnavailableError ? err.error : null;
      const lang = down?.lang ?? toLang(update.message?.from?.language_code ?? update.callback_query?.from.language_code);
      if (chat) await this.deliver(chat, [{ text: t(lang, down ? "ops:unavailable" : "common:error") }], lang, false);
    });
    this.sender = {
      channel: "telegram",
      send: async (address, replies) => {
        const lang = await this.langOf(address.externalId);
        await this.deliver(address.externalId, replies, lang, true);
      },
    };
  }

  /** Sets the commands menu in Albanian (default) and English. */
  async setCommands(): Promise<void> {
    const names: Record<Lang, Record<string, string>> = {
      sq: { start: "start", rezervo: "book", rezervimet: "mybookings", ndihme: "help", gjuha: "language" },
      en: { start: "start", book: "book", mybookings: "mybookings", help: "help", language: "language" },
    };
    for (const lang of ["sq", "en"] as const) {
      const commands = Object.entries(names[lang]).map(([command, key]) => ({ command, description: t(lang, `channels:commands.${key}`) }));
      await this.bot.api.setMyCommands(commands, lang === "sq" ? {} : { language_code: "en" });
    }
  }

  private async langOf(chatId: string): Promise<Lang> {
    const conv = await this.rt.prisma.conversation.findUnique({ where: { channel_externalId: { channel: "telegram", externalId: chatId } }, select: { lang: true } });
    return toLang(conv?.lang ?? this.rt.config.DEFAULT_LANG);
  }

  /** Handles one update: answers a callback query (once); throws only when the turn could not be handled. */
  private async onUpdate(ctx: Context, retry = false): Promise<void> {
    const update: Update = ctx.update;
    const q = update.callback_query;
    const answered = q && !retry ? ctx.answerCallbackQuery().catch((err) => this.rt.log.warn({ err }, "answerCallbackQuery failed")) : undefined;
    try {
      const msg = toInbound(update);
      if (!msg) return;
      const chatId = msg.address.externalId;
      const outcome = await this.rt.conversations.handle(msg);
      if (outcome.duplicate) return;
      if (outcome.rateLimited) {
        // One polite answer per flood: only the chat's first refused message of the window gets it.
        if (outcome.rateLimited.first) await this.deliver(chatId, outcome.replies, toLang(msg.langHint), false);
        return;
      }
      // The step these keyboards belonged to is over: remove them so old buttons cannot act twice.
      const stale = new Set(this.keyboards.get(chatId) ?? []);
      if (q?.message) stale.add(q.message.message_id);
      this.keyboards.delete(chatId);
      const edits = [...stale].map((id) =>
        this.editApi.editMessageReplyMarkup(Number(chatId), id).catch((err) => this.rt.log.debug({ err }, "keyboard not removed")),
      );
      const lang = outcome.replies.some((r) => r.requestContact) ? await this.langOf(chatId) : toLang(msg.langHint);
      await this.deliver(chatId, outcome.replies, lang, false);
      await Promise.all(edits);
    } finally {
      await answered;
    }
  }

  /** Sends replies to a chat in order; remembers inline keyboards for later removal. */
  async deliver(chatId: string, replies: Reply[], lang: Lang, throwOnError: boolean): Promise<void> {
    const removeReplyKeyboard = this.contactShown.delete(chatId);
    const messages = renderTelegram(replies, lang, { removeReplyKeyboard });
    for (const m of messages) {
      try {
        const sent = await this.bot.api.sendMessage(Number(chatId), m.text, {
          reply_markup: m.reply_markup,
          link_preview_options: { is_disabled: true },
        });
        if (m.reply_markup && "inline_keyboard" in m.reply_markup) this.keyboards.set(chatId, [...(this.keyboards.get(chatId) ?? []), sent.message_id]);
        if (m.reply_markup && "keyboard" in m.reply_markup) this.contactShown.set(chatId, true);
      } catch (err) {
        this.rt.log.error({ err, chat: chatId }, "telegram send failed after retries");
        // Sends the notifier makes are counted by its sender; replies to a turn are counted here.
        if (!throwOnError) this.rt.observer.outboundFailed({ channel: "telegram" });
        if (throwOnError) throw err;
        return;
      }
    }
  }
}
