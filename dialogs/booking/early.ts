import { formatDayTime, formatLocalDate, formatPhone } from "../../core/format.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import type { BookingData } from "./flow.ts";
import { looksLikeName, validEmail, validName, validPhone } from "./validate.ts";
import type { Mentions } from "../../core/catalog/entity-index.ts";
import type { ContactDetails } from "../../core/bookings/port.ts";

/** Whether text names a business, service, kind of service or city of the catalog. */
const namesCatalog = (named: Mentions): boolean =>
  named.businesses.length > 0 || named.services.length > 0 || named.categories.length > 0 || named.cities.length > 0;

/**
 * A name, email or phone typed while the bot still asks for a booking choice (the customer thought the
 * one-shot request was complete): kept for the contact steps, which then skip it, and the step is asked
 * again saying so. Null when the text is not one of them: a name is written as one (see looksLikeName) and
 * names no business, service, day, time or request.
 */
export async function contactGivenEarly(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  const lang = state.lang;
  const data = state.data as BookingData;
  // An email or phone alone, or said in a sentence ("my email is …").
  const said = await contactSaid(text, ctx);
  if (said) {
    const say = [
      ...(said.email ? [{ text: t(lang, "booking:notedEmail", { email: said.email }) }] : []),
      ...(said.phone ? [{ text: t(lang, "booking:notedPhone", { phone: formatPhone(said.phone) }) }] : []),
    ];
    return { type: "stay", data: said, say };
  }
  const name = validName(text);
  if (!name || data.name || !looksLikeName(name) || readYesNo(text)) return null;
  const nlu = ctx.services.nlu;
  const catalog = await ctx.services.catalog.entities();
  // Only a catalog name as written is one: «Albana Gega» is a person, though «Albana» is «Alba» and two
  // letters (which makes it a request to book there, read loosely).
  if (catalog.namesAsWritten(name)) return null;
  const intent = nlu?.intent(text, catalog);
  const loose = intent?.intent === "book" && !!intent.category;
  if ((intent && !loose) || nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone })) return null;
  return { type: "stay", data: { name }, say: [{ text: t(lang, "booking:notedName", { name }) }] };
}

// Where a message introduces its writer, or whom the booking is for: "I'm Ana Berisha", "my name is …", "Name is …", ", name
// Erion Hasa", "jam
// Arta Hoxha", "quhem …", "her name is Maria Costa", "emri i saj është …";
// the name is the words written as one right after it, up to a word that starts the request.
const INTRO = /(?:^|[\s,.;:!(])(?:i'?m|i am|(?:my )?name is|(?:my )?name's|name:|name(?=\s+\p{Lu})|this is|(?:une |unë )?jam|quhem|emri(?: im)?(?: (?:eshte|është))?:?|me quajne|më quajnë|(?:her|his) name is|(?:her|his) name's|(?:emri i saj|emri i tij) (?:eshte|është)|quhet)\s+/giu;
const NAME_AT = /^\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){1,3}/u;
const NOT_IN_NAME = /^(?:could|can|would|will|please|i|i'm|hi|hello|dua|doja|desha|a|mund|kam|need|want|book|rezervo)$/i;
// «nuk kam email», «s'kam e-mail», «pa email», "I don't have an email", "no email" (normalized text); at the
// email step "skip" says it too.
export const NO_EMAIL = /(?:^| )(?:(?:nuk|s) (?:kam|perdor|e kam|e perdor)(?: \S+){0,2} e ?mail\w*|pa e ?mail\w*|ska e ?mail\w*|(?:don t|do not|dont) (?:have|use)(?: an?| any)? e ?mail\w*|no e ?mail\w*(?: address)?|without (?:an? )?e ?mail\w*)(?= |$)/;
/**
 * The details of the chat's last booking as booking data: its name, email and phone; one made without an email
 * gives none, and none is asked again. With `reach` only the email and phone (a booking for someone else).
 */
export function detailsOf(contact: ContactDetails, reach = false): Pick<BookingData, "name" | "email" | "phone" | "noEmail"> {
  return { ...(reach ? {} : { name: contact.name }), phone: contact.phone, ...(contact.email ? { email: contact.email } : { noEmail: true }) };
}

export const SKIP = /^(?:skip|kalo)(?: it| this| ate| kete)?$/;
const EMAIL_IN = /[^\s,;:()<>]+@[^\s,;:()<>]+\.[^\s,;:()<>]*[\p{L}\d]/u;
const PHONE_IN = /(?:\+|00)?\d[\d\s().-]{6,20}\d/g;

/**
 * The name, email and phone a longer message gives along with its request ("Hi, I'm Ana Berisha
 * (ana@example.al, 069 555 7001). Could you book …"), and the message without the email and phone. A
 * name counts only after words that introduce one and written as one (see looksLikeName), never a
 * business's, service's or city's name as written (see EntityIndex.namesAsWritten).
 */
export async function contactIn(text: string, ctx: TurnContext): Promise<{ contact: Pick<BookingData, "name" | "email" | "phone" | "noEmail">; rest: string }> {
  const contact: Pick<BookingData, "name" | "email" | "phone" | "noEmail"> = {};
  let rest = text;
  const mail = EMAIL_IN.exec(rest);
  const email = mail ? validEmail(mail[0]) : null;
  if (mail && email) {
    contact.email = email;
    rest = rest.replace(mail[0], " ");
  } else if (NO_EMAIL.test(normalize(rest))) {
    // «…, nuk kam email»: no email asked later.
    contact.noEmail = true;
  }
  for (const m of rest.matchAll(PHONE_IN)) {
    const phone = validPhone(m[0].trim());
    if (phone) {
      contact.phone = phone;
      rest = rest.replace(m[0], " ");
      break;
    }
  }
  const intro = [...rest.matchAll(INTRO)].map((m) => NAME_AT.exec(rest.slice(m.index + m[0].length))?.[0]).find(Boolean);
  const words = intro?.split(/\s+/) ?? [];
  while (words.length && NOT_IN_NAME.test(words[words.length - 1])) words.pop();
  const name = words.length ? validName(words.join(" ")) : null;
  if (name && looksLikeName(name) && !(await ctx.services.catalog.entities()).namesAsWritten(name)) contact.name = name;
  return { contact, rest };
}

// Words that join contact details given together ("Ana Berisha, ana@…, 069 …", "… and my email is …").
const JOINING = new Set(["and", "dhe", "my", "im", "e", "i", "email", "e-mail", "emaili", "mail", "phone", "number", "numri",
  "tel", "telefoni", "telefon", "mobile", "cel", "celulari", "is", "eshte", "është", "-"]);

// Words around an email or phone said in a sentence: "my number's …", "here's my email: …", "reach me at …".
const SAYING = new Set(["s", "here", "heres", "here's", "it", "its", "it's", "at", "me", "reach", "you", "can", "the", "number's", "email's", "ime", "ja", "jua", "ua", "po"]);

/**
 * The email and/or phone of a message that says only them in a sentence ("my email is …", "my number's
 * …", "numri im është …"); null when it says anything else.
 */
async function contactSaid(text: string, ctx: TurnContext): Promise<Pick<BookingData, "email" | "phone"> | null> {
  const { contact, rest } = await contactIn(text, ctx);
  if (!contact.email && !contact.phone) return null;
  const other = rest.split(/[\s,;:()'’.!]+/u).filter((w) => w && !JOINING.has(w.toLowerCase()) && !SAYING.has(w.toLowerCase()));
  if (other.length) return null;
  return { ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) };
}

/**
 * Contact details said in a sentence or given together at a contact step: the name (after words that
 * introduce one, or the words left when the email, phone and joining words are taken out, written as a
 * name), email and phone (see contactIn). Only those the booking still lacks, and only when the message
 * gives `own`, the step's own detail; a name with nothing else only after words that introduce it ("my
 * name is …", "jam …"). Null otherwise.
 */
export async function contactsTogether(state: ConversationState, text: string, own: "name" | "email" | "phone", ctx: TurnContext): Promise<Outcome | null> {
  const { contact, rest } = await contactIn(text, ctx);
  const introduced = !!contact.name;
  if (!contact.name) {
    const left = rest.split(/[\s,;:()]+/u).filter((w) => w && !JOINING.has(w.toLowerCase())).join(" ");
    const name = validName(left);
    if (name && looksLikeName(name) && !(await ctx.services.catalog.entities()).namesAsWritten(name)) contact.name = name;
  }
  const data = state.data as BookingData;
  const given = Object.fromEntries(Object.entries(contact).filter(([k, v]) => v && (k === own || !data[k as keyof typeof contact])));
  if (!given[own] || (own === "name" && !introduced && Object.keys(given).length < 2)) return null;
  const say = given.name ? [{ text: t(state.lang, "booking:thanksName", { name: given.name }) }] : [];
  return { type: "next", step: missingContact({ ...data, ...given }), data: given, say };
}

/** The first contact step whose answer is missing, or the summary when none is. */
function missingContact(data: BookingData): "name" | "email" | "phone" | "confirm" {
  return !data.name ? "name" : !data.email && !data.noEmail ? "email" : !data.phone ? "phone" : "confirm";
}

/** A contact step whose answer was typed early goes on to the next one missing (null: ask this one). */
export function nextContact(state: ConversationState): Outcome | null {
  const step = missingContact(state.data as BookingData);
  return step === state.step ? null : { type: "next", step };
}

/**
 * What to read the day and time from: the text, with a day said before (`before`, kept from an earlier step)
 * when the text names no day of its own ("në 10" after «të premten»: Friday at 10), or that day alone when
 * the text says no day or time.
 */
export function whenWith(before: string | undefined, text: string, ctx: TurnContext): string {
  const nlu = ctx.services.nlu;
  if (!before || !nlu) return before ?? text;
  const opts = { now: ctx.now, timeZone: ctx.timeZone };
  const alone = nlu.when(text, opts);
  if (!alone) return before;
  const day = nlu.when(before, opts);
  // The text names its own day: that day, unless `before` is the same day with a time the text does not say.
  if (alone.daySaid) return day?.hasTime && !alone.hasTime && day.date === alone.date ? before : text;
  const joined = `${before} ${text}`;
  const both = day && !day.hasTime && alone.hasTime ? nlu.when(joined, opts) : null;
  return both && both.date === day!.date && both.hasTime ? joined : text;
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
  if (namesCatalog(catalog.recognize(text))) return null;
  const intent = nlu.intent(text, catalog);
  if (intent && intent.intent !== "book") return null;
  const opts = { now: ctx.now, timeZone: ctx.timeZone };
  const alone = nlu.when(text, opts);
  if (!alone) return null;
  // A time after a day said before ("e mërkurë", then "në 6 pasdite") is on that day, also one said with the
  // request («… të hënën tjetër në mëngjes», then «ora 10»).
  const { wantWhen, wantText } = state.data as BookingData;
  const before = wantWhen ?? (wantText && nlu.when(wantText, opts)?.daySaid ? wantText : undefined);
  const said = whenWith(before, text, ctx);
  const when = said === text ? alone : nlu.when(said, opts) ?? alone;
  const lang = state.lang;
  const shown = when.hasTime ? formatDayTime(lang, when.start, ctx.timeZone) : formatLocalDate(lang, when.date);
  return { type: "stay", data: { wantWhen: said }, say: [{ text: t(lang, "booking:notedWhen", { when: shown }) }] };
}

/** Text at the category, business or service step that is none of them: a contact detail or a day given early. */
export async function givenEarly(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome | null> {
  return (await contactGivenEarly(state, text, ctx)) ?? (await whenGivenEarly(state, text, ctx));
}
