import { formatDayTime, formatLocalDate, formatPhone } from "../../core/format.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import type { BookingData } from "./flow.ts";
import { looksLikeName, validEmail, validName, validPhone } from "./validate.ts";

/**
 * A name, email or phone typed while the bot still asks for a booking choice (the customer thought the
 * one-shot request was complete): kept for the contact steps, which then skip it, and the step is asked
 * again saying so. Null when the text is not one of them: a name is written as one (see looksLikeName) and
 * names no business, service, day, time or request.
 */
export async function contactGivenEarly(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  const lang = state.lang;
  const data = state.data as BookingData;
  const email = validEmail(text);
  if (email) return { type: "stay", data: { email }, say: [{ text: t(lang, "booking:notedEmail", { email }) }] };
  const phone = validPhone(text);
  if (phone) return { type: "stay", data: { phone }, say: [{ text: t(lang, "booking:notedPhone", { phone: formatPhone(phone) }) }] };
  const name = validName(text);
  if (!name || data.name || !looksLikeName(name) || readYesNo(text)) return null;
  const nlu = ctx.services.nlu;
  const catalog = await ctx.services.catalog.entities();
  const named = catalog.recognize(text);
  if (named.businesses.length || named.services.length || named.categories.length || named.cities.length) return null;
  if (nlu && (nlu.intent(text, catalog) || nlu.when(text, { now: ctx.now, timeZone: ctx.timeZone }))) return null;
  return { type: "stay", data: { name }, say: [{ text: t(lang, "booking:notedName", { name }) }] };
}

/** A contact step whose answer was typed early goes on to the next one missing (null: ask this one). */
export function nextContact(state: ConversationState): Outcome | null {
  const data = state.data as BookingData;
  if (!data.name) return state.step === "name" ? null : { type: "next", step: "name" };
  if (!data.email) return state.step === "email" ? null : { type: "next", step: "email" };
  if (!data.phone) return state.step === "phone" ? null : { type: "next", step: "phone" };
  return { type: "next", step: "confirm" };
}

/**
 * A day or time typed while the bot still asks for the category, business or service ("nesër" at the
 * business step): kept as the wish the day and time steps start from, and the step is asked again saying
 * which day was understood. Null when the text names a catalog entity or asks for something else.
 */
export async function whenGivenEarly(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  const nlu = ctx.services.nlu;
  if (!nlu) return null;
  const catalog = await ctx.services.catalog.entities();
  const named = catalog.recognize(text);
  if (named.businesses.length || named.services.length || named.categories.length || named.cities.length) return null;
  const intent = nlu.intent(text, catalog);
  if (intent && intent.intent !== "book") return null;
  const opts = { now: ctx.now, timeZone: ctx.timeZone };
  const alone = nlu.when(text, opts);
  if (!alone) return null;
  // A time after a day said before ("e mërkurë", then "në 6 pasdite") is on that day.
  const before = (state.data as BookingData).wantWhen;
  const day = before ? nlu.when(before, opts) : null;
  const joined = day && !day.hasTime && alone.hasTime ? `${before} ${text}` : null;
  const both = joined ? nlu.when(joined, opts) : null;
  const [said, when] = both && both.date === day!.date && both.hasTime ? [joined!, both] : [text, alone];
  const lang = state.lang;
  const shown = when.hasTime ? formatDayTime(lang, when.start, ctx.timeZone) : formatLocalDate(lang, when.date);
  return { type: "stay", data: { wantWhen: said }, say: [{ text: t(lang, "booking:notedWhen", { when: shown }) }] };
}

/** Text at the category, business or service step that is none of them: a contact detail or a day given early. */
export async function givenEarly(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  return (await contactGivenEarly(state, text, ctx)) ?? (await whenGivenEarly(state, text, ctx));
}
