import type { Reply } from "../../core/conversation/messages.ts";
import { hasKey, t, type Lang } from "../../locales/i18n.ts";

/** Follow-up actions an FAQ answer may offer, as global choice ids. */
const FOLLOWUP: Record<string, string> = {
  book: "g.book",
  "my-bookings": "g.mybookings",
  ticket: "g.support",
  notifications: "g.notifications",
};

/** The reply for an FAQ answer, with the follow-up button that fits it. */
export function faqAnswer(lang: Lang, id: string): Reply {
  const choices: NonNullable<Reply["choices"]> = [];
  const action = hasKey(lang, `faq:followup.${id}.action`) ? t(lang, `faq:followup.${id}.action`) : "";
  if (FOLLOWUP[action]) choices.push({ id: FOLLOWUP[action], label: t(lang, `faq:followup.${id}.label`) });
  choices.push({ id: "g.menu", label: t(lang, "common:actions.menu") });
  return { text: t(lang, `faq:answers.${id}`), choices };
}

/** The reply when no answer was found: offer a ticket. */
export function faqNotFound(lang: Lang): Reply {
  return {
    text: t(lang, "faq:notFound"),
    choices: [
      { id: "g.support", label: t(lang, "common:actions.support") },
      { id: "g.menu", label: t(lang, "common:actions.menu") },
    ],
  };
}
