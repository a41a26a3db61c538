import { z } from "zod";
import type { Reply } from "../../core/conversation/messages.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import type { Flow, Step } from "../engine/types.ts";

/**
 * Words typed for a menu button besides its label, in both languages (never shown): "booking" is a new
 * booking, "bookings" the customer's own.
 */
const BOOK_WORDS = ["rezervim", "rezervoj", "termin", "takim", "booking", "book", "appointment", "reservation"];
const MINE_WORDS = ["rezervimet", "terminet", "bookings", "appointments", "reservations"];

/** The main menu's buttons: global actions, so they work from any old message too. */
export function menuChoices(lang: Lang): NonNullable<Reply["choices"]> {
  return [
    { id: "g.book", label: t(lang, "common:menu.book"), terms: BOOK_WORDS },
    { id: "g.mybookings", label: t(lang, "common:menu.myBookings"), terms: MINE_WORDS },
    { id: "g.faq", label: t(lang, "common:menu.faq") },
    { id: "g.support", label: t(lang, "common:menu.support") },
    { id: "g.lang", label: t(lang, "common:menu.language") },
  ];
}

function menuStep(textKey: string): Step {
  return {
    async prompt(state) {
      return [{ text: t(state.lang, textKey), choices: menuChoices(state.lang) }];
    },
    async handle() {
      return { type: "unknown" };
    },
  };
}

/** The main menu: "menu" greets, "after" follows a finished flow. */
export const menuFlow: Flow = {
  start: "menu",
  /** The menu keeps no data. */
  data: z.object({}),
  steps: { menu: menuStep("common:menu.greeting"), after: menuStep("common:menu.anythingElse") },
};
