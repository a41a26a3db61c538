import type { InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { Choice, Reply } from "../../core/conversation/messages.ts";
import { splitText } from "../render.ts";
import { t, type Lang } from "../../locales/i18n.ts";

/** Telegram's limits. */
export const TELEGRAM_MAX_TEXT = 4096;
const MAX_CALLBACK_BYTES = 64;

/** One sendMessage call. */
export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

/** Rows of buttons: short labels (times) share a row, long ones get their own. */
function rows<T>(choices: Choice[], make: (c: Choice) => T): T[][] {
  const longest = Math.max(0, ...choices.map((c) => c.label.length));
  const perRow = longest <= 6 ? 4 : longest <= 14 ? 2 : 1;
  const out: T[][] = [];
  for (let i = 0; i < choices.length; i += perRow) out.push(choices.slice(i, i + perRow).map(make));
  return out;
}


/**
 * The core's replies as Telegram messages: choices as an inline keyboard (callback_data = choice id),
 * the phone step as a reply keyboard with the contact-request button (its choices as typed labels),
 * links as text. `removeReplyKeyboard` puts a keyboard removal on the first message that has no
 * inline keyboard (after the phone step).
 */
export function renderTelegram(replies: Reply[], lang: Lang, opts: { removeReplyKeyboard?: boolean } = {}): TelegramMessage[] {
  const out: TelegramMessage[] = [];
  let removePending = opts.removeReplyKeyboard ?? false;
  for (const r of replies) {
    const body = r.link ? `${r.text}\n\n${r.link.label}: ${r.link.url}` : r.text;
    const parts = splitText(body || "…", TELEGRAM_MAX_TEXT);
    const last = parts.pop()!;
    for (const p of parts) out.push({ text: p });
    const choices = (r.choices ?? []).filter((c) => Buffer.byteLength(c.id) <= MAX_CALLBACK_BYTES);
    let markup: TelegramMessage["reply_markup"];
    if (r.requestContact) {
      const keyboard: KeyboardButton[][] = [[{ text: t(lang, "channels:telegram.sharePhone"), request_contact: true }]];
      keyboard.push(...rows(r.choices ?? [], (c) => ({ text: c.label })));
      markup = { keyboard, one_time_keyboard: true, resize_keyboard: true };
      removePending = false;
    } else if (choices.length) {
      markup = { inline_keyboard: rows<InlineKeyboardButton>(choices, (c) => ({ text: c.label, callback_data: c.id })) };
    } else if (removePending) {
      markup = { remove_keyboard: true };
      removePending = false;
    }
    out.push(markup ? { text: last, reply_markup: markup } : { text: last });
  }
  return out;
}
