import { digresses } from "../digression.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, Step, TurnContext } from "../engine/types.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { normalisePhone } from "../../core/bookings/manage.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import { back, md, port } from "./common.ts";

/** Sends a one-time code to the phone or email typed; then the code is asked (and `after` follows it). */
export async function sendCode(raw: string, state: ConversationState, ctx: TurnContext, after?: string): Promise<Outcome> {
  const r = await port(ctx).startVerification(ctx.conversationId, raw, state.lang, ctx.now);
  if (r.ok) return { type: "next", step: "code", data: { target: r.kind, resent: undefined, ...(after ? { after } : {}) } };
  return { type: "retry", errorKey: `manage:verify.${r.reason}` };
}

const EMAIL = /[^\s@,;:<>()"'«»]+@[^\s@,;:<>()"'«»]+\.[a-z]{2,}/gi;
// A run of digits (with spaces, dots, dashes, brackets or a leading +) long enough to be a phone number.
const PHONE_RUN = /(?:\+|00)?\d[\d\s().-]{6,18}\d/g;

/**
 * The email address or phone number a message gives, alone or said in a sentence ("my email is …",
 * «e kam bërë me numrin …», "it was booked with …"); null with none, or with two different ones.
 */
export function contactIn(text: string): string | null {
  const found = new Set<string>();
  for (const m of text.matchAll(EMAIL)) found.add(m[0].replace(/[.]+$/, "").toLowerCase());
  for (const m of text.replace(EMAIL, " ").matchAll(PHONE_RUN)) {
    const phone = normalisePhone(m[0]);
    if (phone) found.add(phone);
  }
  return found.size === 1 ? [...found][0] : null;
}

/**
 * The one-time code a message gives: its digits alone ("482913", "482 913", "482913."), or six digits said
 * in a sentence («kodi është 482913», "the code is 482 913"); null otherwise (a phone number is no code).
 */
export function codeIn(text: string): string | null {
  if (/^\s*\d[\d\s]{3,8}\s*[.!]?\s*$/.test(text)) return text.replace(/\D/g, "");
  const groups = [...text.matchAll(/(?<![\d+])\d{3}[\s-]?\d{3}(?!\d)/g)].map((m) => m[0].replace(/\D/g, ""));
  return groups.length === 1 && !contactIn(text) ? groups[0] : null;
}

// "I didn't get the code", «s'më ka ardhur kodi», "send it again", «ma dërgoni përsëri»: the code again.
const NOT_RECEIVED = /(?:^| )(?:(?:didn t|did not|haven t|have not|never|not) (?:get|got|gotten|receive|received|arrive|arrived|come|came)|(?:no|not (?:a|any|the)) code (?:came|arrived|yet)|(?:nuk|s) (?:me |ma |mu |mi )?(?:ka |kane |ke )?(?:ardh|erdh|vjen|vjene|vije|mberrit|arrit)\w*|(?:send|resend) (?:it |the code |a code |me (?:the |a )?(?:new )?code )?(?:again|once more)|resend|(?:ma |me |mi )?(?:ridergo|ridergoni|dergo(?:ni)? (?:perseri|prape|edhe nje here|serish)|dergoje (?:perseri|prape|serish)|dergojeni (?:perseri|prape|serish))\w*|new code|kod(?:in)? (?:e |tjeter|te ri|e ri))(?= |$)/;

/** Asks for the phone or email a booking was made with, and sends a one-time code to it. */
export const verify: Step = {
  async prompt(state) {
    return [{ text: t(state.lang, "manage:askTarget"), choices: [back(state.lang)] }];
  },
  async handle(state, input, ctx) {
    if (input.kind !== "text" && input.kind !== "contact") return { type: "unknown" };
    if (input.kind === "contact") return sendCode(input.phone, state, ctx);
    // "my email is …": the address said in a sentence (anything else typed is tried as it is, for its message).
    const given = contactIn(input.text);
    if (!given && (await digresses(input.text, state.lang, ctx))) return { type: "unknown" };
    return sendCode(given ?? input.text, state, ctx);
  },
};

/** Checks the one-time code. */
export const code: Step = {
  async prompt(state) {
    const { target, resent } = md(state);
    const key = resent ? (target === "email" ? "manage:codeAgainEmail" : "manage:codeAgainPhone") : target === "email" ? "manage:askCodeEmail" : "manage:askCodePhone";
    return [{ text: t(state.lang, key), choices: [back(state.lang)] }];
  },
  async handle(state, input, ctx) {
    if (input.kind !== "text") return { type: "unknown" };
    const typed = codeIn(input.text);
    if (!typed) {
      // "send it to my phone instead: 069 …": a code to that contact instead.
      const other = contactIn(input.text);
      if (other) return sendCode(other, state, ctx, md(state).after);
      // "I didn't get the code": a new one to the same contact, said so.
      if (NOT_RECEIVED.test(normalize(input.text))) {
        const r = await port(ctx).resendVerification(ctx.conversationId, state.lang, ctx.now);
        if (r.ok) return { type: "stay", data: { resent: true } };
        if (r.reason === "expired") return { type: "next", step: "verify", say: [{ text: t(state.lang, "manage:code.expired") }] };
        return { type: "retry", errorKey: `manage:verify.${r.reason}` };
      }
      return { type: "unknown" };
    }
    const r = await port(ctx).checkVerification(ctx.conversationId, typed, ctx.now);
    if (r === "ok") return { type: "next", step: md(state).after ?? "list", data: { after: undefined, resent: undefined }, say: [{ text: t(state.lang, "manage:verified") }] };
    if (r === "wrong") return { type: "retry", errorKey: "manage:code.wrong" };
    return { type: "next", step: "verify", say: [{ text: t(state.lang, `manage:code.${r}`) }] };
  },
};
