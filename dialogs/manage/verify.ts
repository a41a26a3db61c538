import { digresses } from "../digression.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, Step, TurnContext } from "../engine/types.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { normalisePhone } from "../../core/bookings/manage.ts";
import { back, md, port } from "./common.ts";

/** Sends a one-time code to the phone or email typed; then the code is asked (and `after` follows it). */
export async function sendCode(raw: string, state: ConversationState, ctx: TurnContext, after?: string): Promise<Outcome> {
  const r = await port(ctx).startVerification(ctx.conversationId, raw, state.lang, ctx.now);
  if (r.ok) return { type: "next", step: "code", data: { target: r.kind, ...(after ? { after } : {}) } };
  return { type: "retry", errorKey: `manage:verify.${r.reason}` };
}

/** Whether a whole message is an email address or a phone number (one the bookings may have been made with). */
export const isContact = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim()) || normalisePhone(text) !== null;

/** Asks for the phone or email a booking was made with, and sends a one-time code to it. */
export const verify: Step = {
  async prompt(state) {
    return [{ text: t(state.lang, "manage:askTarget"), choices: [back(state.lang)] }];
  },
  async handle(state, input, ctx) {
    if (input.kind !== "text" && input.kind !== "contact") return { type: "unknown" };
    if (input.kind === "text" && (await digresses(input.text, state.lang, ctx))) return { type: "unknown" };
    return sendCode(input.kind === "contact" ? input.phone : input.text, state, ctx);
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
