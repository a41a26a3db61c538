import { z } from "zod";
import { normalize } from "../../core/nlu/normalize.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import { t } from "../../locales/i18n.ts";
import type { Flow, Step } from "../engine/types.ts";

/**
 * The erase question's own words for each side of a typed answer. The whole answer must be a yes (or a
 * no): «po, por më parë …» erases nothing, since erasing cannot be undone.
 */
const ERASE_WORDS = {
  yes: ["fshiji", "fshijini", "fshini", "fshije", "fshi", "erase", "delete", "everything", "gjithcka", "te", "gjitha"],
  no: ["mbaji", "mbajini", "mbaj", "keep", "anulo", "cancel"],
};

/** "My data": what we keep and why, with Download and Erase. */
const start: Step = {
  async prompt(state) {
    const lang = state.lang;
    return [{
      text: t(lang, "privacy:intro"),
      choices: [
        { id: "download", label: t(lang, "privacy:download") },
        { id: "erase", label: t(lang, "privacy:erase") },
        { id: "g.menu", label: t(lang, "common:actions.menu") },
      ],
    }];
  },
  async handle(state, input, ctx) {
    const v = input.kind === "choice" ? input.value : input.kind === "text" ? wordOf(input.text) : null;
    // Anything else typed here is read as anywhere else ("where is my refund?").
    if (v !== "download" && v !== "erase") return { type: "unknown" };
    const privacy = ctx.services.privacy;
    if (!privacy) return { type: "end", say: [{ text: t(state.lang, "privacy:unavailable") }] };
    if (v === "download") {
      return {
        type: "end",
        say: [{ text: t(state.lang, "privacy:downloadReady"), link: { url: privacy.exportLink(ctx.conversationId, ctx.now), label: t(state.lang, "privacy:downloadLink") } }],
      };
    }
    return { type: "next", step: "confirmErase" };
  },
};

/** Erasing asks first; a yes cancels future bookings and removes the person's data. */
const confirmErase: Step = {
  async prompt(state) {
    const lang = state.lang;
    return [{ text: t(lang, "privacy:eraseAsk"), choices: [{ id: "yes", label: t(lang, "privacy:eraseYes") }, { id: "no", label: t(lang, "privacy:eraseNo") }] }];
  },
  async handle(state, input, ctx) {
    const v = input.kind === "choice" ? input.value : readYesNo(input.kind === "text" ? input.text : "", ERASE_WORDS);
    if (v === "no") return { type: "end", say: [{ text: t(state.lang, "privacy:eraseKept") }] };
    if (v !== "yes") return { type: "unknown" };
    const r = await ctx.services.privacy?.erase(ctx.conversationId, ctx.now);
    if (!r) return { type: "end", say: [{ text: t(state.lang, "privacy:unavailable") }] };
    return { type: "end", say: [{ text: t(state.lang, "privacy:erased", { count: r.cancelled }) }] };
  },
};

/** Download or erase, typed ("shkarkoji", "I'd like a copy", "fshijini", "delete it all"); null for anything else. */
function wordOf(text: string): string | null {
  const s = normalize(text);
  if (/(?:^| )(?:shkarko\w*|download\w*|eksporto\w*|export\w*|kopje|kopjen|copy)(?= |$)/.test(s)) return "download";
  if (/(?:^| )(?:fshi\w*|erase\w*|delete\w*|remove\w*|forget)(?= |$)/.test(s)) return "erase";
  return null;
}

/** Whether a request about one's data asks to erase it ("please delete all my data", «fshini llogarinë time»). */
export const asksToErase = (text: string): boolean =>
  wordOf(text) === "erase" || /(?:^| )(?:harro\w*|wipe|(?:close|mbyll\w*) (?:\S+ )?(?:account|llogari\w*))(?= |$)/.test(normalize(text));

/** Privacy rights in the chat: see (download) and erase my data. */
export const privacyFlow: Flow = {
  start: "start",
  /** Privacy keeps no data. */
  data: z.object({}),
  steps: { start, confirmErase },
};
