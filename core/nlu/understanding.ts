import { searchFaq } from "../faq/index.ts";
import { detectIntent } from "./intent.ts";
import type { NluPort } from "./port.ts";
import { parseWhen } from "./when.ts";
import { parseTimeWish } from "./when-wish.ts";

/** The language understanding the dialogs use: dates and times, time-of-day wishes, intents, FAQ answers. */
export const understanding: NluPort = { when: parseWhen, wish: parseTimeWish, intent: detectIntent, faq: searchFaq };
