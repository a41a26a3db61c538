import { t } from "../../locales/i18n.ts";
import type { Flow } from "../engine/types.ts";

/** My bookings: placeholder until managing bookings lands. */
export const manageFlow: Flow = {
  start: "list",
  steps: {
    list: {
      async prompt(state) {
        return [{ text: t(state.lang, "common:comingSoon"), choices: [{ id: "g.menu", label: t(state.lang, "common:actions.menu") }] }];
      },
      async handle() {
        return { type: "unknown" };
      },
    },
  },
};
