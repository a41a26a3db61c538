import { z } from "zod";
import { t } from "../../locales/i18n.ts";
import type { Flow } from "../engine/types.ts";
import { faqAnswer, faqNotFound } from "./answer.ts";

/** The FAQ's fixed answer ids. */
export const FAQ_TOPICS = [
  "how-to-book", "change-or-cancel", "payment-methods", "create-account",
  "notifications", "running-late", "data-security", "contact-support",
] as const;

/** Questions: pick a topic or type a question. */
export const faqFlow: Flow = {
  start: "ask",
  /** Questions keep no data. */
  data: z.object({}),
  steps: {
    ask: {
      async prompt(state) {
        return [{
          text: t(state.lang, "faq:intro"),
          choices: [
            ...FAQ_TOPICS.map((id) => ({ id: `q:${id}`, label: t(state.lang, `faq:titles.${id}`) })),
            { id: "g.menu", label: t(state.lang, "common:actions.menu") },
          ],
        }];
      },
      async handle(state, input, ctx) {
        if (input.kind === "choice" && input.value.startsWith("q:")) {
          const id = input.value.slice(2);
          if ((FAQ_TOPICS as readonly string[]).includes(id)) return { type: "end", say: [faqAnswer(state.lang, id)] };
        }
        if (input.kind !== "text") return { type: "unknown" };
        const hit = ctx.services.nlu?.faq(input.text, state.lang);
        return { type: "end", say: [hit ? faqAnswer(state.lang, hit.id) : faqNotFound(state.lang)] };
      },
    },
  },
};
