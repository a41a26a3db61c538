import { digresses } from "../digression.ts";
import { t } from "../../locales/i18n.ts";
import type { Step } from "../engine/types.ts";
import { back, md, port } from "./common.ts";

/** Asks for the phone or email a booking was made with, and sends a one-time code to it. */
export const verify: Step = {
  async prompt(state) {
    return [{ text: t(state.lang, "manage:askTarget"), choices: [back(state.lang)] }];
  },
  async handle(state, input, ctx) {
    if (input.kind !== "text" && input.kind !== "contact") return { type: "unknown" };
    if (input.kind === "text" && (await digresses(input.text, state.lang, ctx))) return { type: "unknown" };
    const raw = input.kind === "contact" ? input.phone : input.text;
    const r = await port(ctx).startVerification(ctx.conversationId, raw, state.lang, ctx.now);
    if (r.ok) return { type: "next", step: "code", data: { target: r.kind } };
    return { type: "retry", errorKey: `manage:verify.${r.reason}` };
  },
};

/** Checks the one-time code. */
export const code: Step = {
  async prompt(state) {
    return [{ text: t(state.lang, md(state).target === "email" ? "manage:askCodeEmail" : "manage:askCodePhone"), choices: [back(state.lang)] }];
  },
  async handle(state, input, ctx) {
    if (input.kind !== "text" || !/^\s*\d[\d\s]{3,8}\s*$/.test(input.text)) return { type: "unknown" };
    const r = await port(ctx).checkVerification(ctx.conversationId, input.text, ctx.now);
    if (r === "ok") return { type: "next", step: md(state).after ?? "list", data: { after: undefined }, say: [{ text: t(state.lang, "manage:verified") }] };
    if (r === "wrong") return { type: "retry", errorKey: "manage:code.wrong" };
    return { type: "next", step: "verify", say: [{ text: t(state.lang, `manage:code.${r}`) }] };
  },
};
