import { speaksOfABooking } from "../core/nlu/booking-mention.ts";
import { courtesyOnly } from "../core/nlu/intent.ts";
import { asksSomething, infoAsked } from "../core/nlu/asks.ts";
import { normalize } from "../core/nlu/normalize.ts";
import type { Lang } from "../locales/i18n.ts";
import { looksLikeName } from "./booking/validate.ts";
import type { TurnContext } from "./engine/types.ts";

/** Intents that take the customer somewhere else, from any step. */
const LEAVING = new Set(["cancel", "reschedule", "running-late", "my-bookings", "human", "ticket", "language", "restart", "help", "notifications", "my-tickets"]);
/** At a free-text step (a ticket's description) a problem or a plea for a person is the answer itself. */
const ANSWERS_A_DESCRIPTION = new Set(["ticket", "human", "help"]);
const EMAILISH = /\S@\S/;
const PHONEISH = /\d[\d\s+().-]{5,}\d/;
// Free times asked for ("orari i parë i lirë", "first free slot"): the step's own question.
const FREE = /(?:^| )(?:lire|lir|i lire|free|available|bosh|vend)(?= |$)/;

/**
 * Whether text typed at a data step (name, email, phone, code, a ticket's description) is something else:
 * a question the FAQ answers, a request to go elsewhere ("rezervimet e mia", "dua të flas me stafin") or to
 * book something named.
 * The step then leaves it to the router, which answers it and asks the step again, or leaves the flow.
 * `free`: the step takes free text (a description), so only a short request counts, never a question.
 * `questions: false`: the step reads questions itself ("a keni të lirë të premten?" at the day step).
 * `bookings: false`: the step reads a booking request itself (the day and time of a one-shot request).
 * `name`: the step asks for a name, so text written as one ("Nora Blake") without words that ask to book
 * is the name, even where a word of it is a letter away from a service's ("brake").
 * `inProgress`: a booking is being made, so a change asked without naming a booking ("can we make it 11
 * instead?", "Saturday at 10 instead?") is a change of this one, which the step reads (see {@link changesThisOne}).
 */
export async function digresses(text: string, lang: Lang, ctx: TurnContext, opts: { free?: boolean; questions?: boolean; bookings?: boolean; name?: boolean; inProgress?: boolean } = {}): Promise<boolean> {
  const nlu = ctx.services.nlu;
  if (!nlu) return false;
  const norm = normalize(text);
  // With the catalog's words: a business's name ("Lëvizja") is not a request ("lëviz", to move).
  const catalog = await ctx.services.catalog.entities();
  const found = nlu.intent(text, catalog);
  const intent = found?.intent;
  // "faleminderit", "hello", "wait", "never mind" alone are said to the bot: not a name, an email or a description.
  if (courtesyOnly(text) && !looksLikeName(text)) return true;
  if (opts.free) return !!intent && LEAVING.has(intent) && !ANSWERS_A_DESCRIPTION.has(intent) && norm.split(" ").length <= 4;
  // "sa kushton?", "where are you?" at a data step: answered, then the step is asked again.
  // (A step that reads questions itself, such as the day step, leaves them to the router when it reads none.)
  const asked = infoAsked(text);
  if (opts.questions !== false && asked && !looksLikeName(text) && !(intent && LEAVING.has(intent))) return true;
  // Where the step reads questions itself (free times asked), one about the place's hours or address is not
  // a day: "what time do you close today?" at the times asks the hours, it does not pick today.
  if (opts.questions === false && (asked === "hours" || asked === "where") && !FREE.test(norm)) return true;
  if (intent && LEAVING.has(intent)) return !(opts.inProgress && asksToChangeThisOne(intent, text));
  // A request to book a named service ("dua një manikyr te Sallon Elegance"), or a business with words that
  // ask for a booking ("rezervo te Alba"), is not a name; a name that is also a business's ("Alba Kola") is.
  if (intent === "book" && opts.bookings !== false) {
    if (opts.name && looksLikeName(text) && (found?.confidence ?? 0) < 0.9) return false;
    const named = catalog.recognize(text);
    if (named.services.length || (named.businesses.length && (found?.confidence ?? 0) >= 0.9)) return true;
  }
  if (opts.questions === false) return false;
  // A question asked with a question mark ("a keni parking?") is not a name or an address: the router answers
  // it (the FAQ, or the business's phone to ask them) and the step is asked again.
  if (/\?\s*$/.test(text) && !looksLikeName(text) && !EMAILISH.test(text) && !PHONEISH.test(text)) return true;
  return asksSomething(text) && nlu.faq(text, lang) !== null;
}

/**
 * Whether a message typed while a booking is being made asks to change it: a change asked without naming
 * a booking ("can we make it later?", "a mund ta bëjmë pak më vonë?").
 */
export async function changesThisOne(text: string, ctx: TurnContext): Promise<boolean> {
  const nlu = ctx.services.nlu;
  return !!nlu && asksToChangeThisOne(nlu.intent(text, await ctx.services.catalog.entities())?.intent, text);
}

/** A move asked for that names no booking: while one is being made, a change of that one. */
const asksToChangeThisOne = (intent: string | undefined, text: string) => intent === "reschedule" && !speaksOfABooking(text);
