import { t } from "../../locales/i18n.ts";
import type { Flow } from "../engine/types.ts";

/** Support: until tickets land, point to the support address. */
export const ticketFlow: Flow = {
  start: "kind",
  steps: {
    kind: {
      async prompt(state) {
        return [{ text: t(state.lang, "common:supportContact"), choices: [{ id: "g.menu", label: t(state.lang, "common:actions.menu") }] }];
      },
      async handle() {
        return { type: "unknown" };
      },
    },
  },
};
