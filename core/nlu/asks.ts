import { normalize } from "./normalize.ts";

/** What a customer asks about a business or a service: its price, where it is, when it is open. */
export type InfoAsked = "price" | "where" | "hours";

// «sa kushton?», "how much is it?", "what does a facial cost?"; «çmimi?», "price?" as a question.
const PRICE = /(?:^| )(?:sa (?:kushton|kushtojne|kushtojn|kushtoj|del|eshte cmimi|osht cmimi|leke|lek|para)|how much|what (?:does|do|would) (?:\S+ ){0,3}cost|what s the price|what is the price)(?= |$)/;
const PRICE_WORD = /(?:^| )(?:cmim|cmimi|cmimin|cmimet|prices?|costs?)(?= |$)/;
// «ku ndodhet?», «adresa?», "where are you?", "where is it located?".
const WHERE = /(?:^| )(?:ku (?:ndodhet|ndodheni|ndodhen|gjendet|gjendeni|jeni|e keni|eshte|osht|o) (?!rezervim|termin|takim|parat|kthimi)|ku ndodhet$|ku jeni$|adresa|adresen|adresa e|address|location|located|where (?:is|are) (?:you|it|they|the (?:place|shop|salon|clinic|barber|garage|spa))|where s (?:it|the place))(?= |$|\S)/;
// «orari i Elegance?», «kur hapeni?», "opening hours", "what time do you close?".
const HOURS = /(?:^| )(?:orari (?:i|e) (?!lir|lire|zene|ri\b)\S+|orari juaj|orari i punes|oraret e punes|kur (?:hapeni|mbyllni|hapet|mbyllet|hapen|mbyllen)|deri (?:ne|në) sa (?:jeni|punoni|eshte) hapur|opening hours|business hours|your hours|(?:what time|when) do (?:you|they) (?:open|close)|(?:what time|when) does (?:it|\S+(?: \S+)?) (?:open|close))(?= |$)/;

/** What the message asks about a business or service, or null. */
export function infoAsked(text: string): InfoAsked | null {
  const s = normalize(text);
  // A price word alone is a question only when asked as one ("Daniel Price" is a name).
  if (PRICE.test(s) || (PRICE_WORD.test(s) && /\?\s*$/.test(text))) return "price";
  if (HOURS.test(s)) return "hours";
  if (WHERE.test(s)) return "where";
  return null;
}

// «kur e kam terminin?», «në sa e kam?», «ku është klinika ku kam terminin?», "when's my appointment?",
// "what time is my booking tomorrow?", "where is my appointment?".
const WHEN_OR_WHERE = /(?:^| )(?:kur|ku|ne sa|ne cfare ore|cfare ore|ne c ore|ne cilen ore|ne cilen dite|cilen dite|cila dite|when|where|what time|at what time|which day|what day)(?= |$)/;

/**
 * Whether a message about one's own booking asks when or where it is ("when is my appointment?"), not
 * something else about bookings ("do I get a reminder before my appointment?").
 */
export function asksWhenOrWhere(text: string): boolean {
  return WHEN_OR_WHERE.test(normalize(text));
}
