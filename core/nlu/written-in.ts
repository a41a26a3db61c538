// The language a customer's message is written in, for the first message of a chat whose channel says
// nothing of it (WhatsApp, SMS): words only one of the two languages uses are counted. Names, numbers,
// emails and words both use ("ok", "a", "me", "do", "i") say nothing.
import type { Lang } from "../../locales/i18n.ts";
import { normalize } from "./normalize.ts";

const EN = new Set([
  "hi", "hello", "hey", "hiya", "good", "morning", "afternoon", "evening", "night", "thanks", "thank", "you", "your", "please",
  "can", "could", "would", "will", "should", "may", "need", "want", "like", "looking", "get", "have", "has", "is", "are", "am", "was",
  "the", "an", "and", "or", "but", "of", "for", "to", "at", "on", "in", "with", "from", "by", "about", "there", "here", "this", "that",
  "it", "my", "mine", "we", "our", "someone", "somebody", "anything", "something", "any", "some", "free", "slot", "slots",
  "what", "where", "when", "which", "who", "how", "much", "many", "time", "open", "close", "located", "price", "cost",
  "book", "booking", "appointment", "appointments", "reservation", "cancel", "change", "move", "reschedule", "call", "back",
  "today", "tomorrow", "tonight", "week", "weekend", "next", "monday", "tuesday", "wednesday", "thursday", "friday",
  "saturday", "sunday", "haircut", "trim", "shave", "teeth", "dentist", "massage", "oil", "tyre", "tyres", "car", "see",
  "yes", "yeah", "no", "not", "don", "doesn", "can't", "late", "running", "help", "question", "where's", "what's", "d", "ll",
]);

const SQ = new Set([
  "pershendetje", "tung", "ckemi", "mirdita", "miredita", "mirmengjes", "mirembrema", "faleminderit", "flm", "rrofsh",
  "dua", "du", "deshiroj", "kam", "keni", "ka", "jam", "jeni", "eshte", "osht", "asht", "mund", "mundem", "vij", "vi", "vjen",
  "nje", "nji", "te", "ne", "per", "nga", "tek", "dhe", "ose", "por", "ju", "lutem", "une", "mua", "tim", "im", "ime",
  "kete", "ate", "kjo", "ky", "pak", "shume", "kur", "cfare", "cila", "cili", "si", "ku", "sa", "pse", "po", "jo", "nuk", "s",
  "ora", "oren", "ore", "sot", "neser", "pasneser", "javen", "jave", "tjeter", "tjetren", "pasdite", "mengjes", "dreke", "darke",
  "hene", "marte", "merkure", "enjte", "premte", "shtune", "diele", "vend", "termin", "terminin", "qethje", "qethja", "pyetje",
  "dentisti", "dhembe", "masazh", "makina", "makinen", "ndihme", "hapur", "mbyllur", "adresa", "cmimi", "kushton",
]);

/** Albanian word beginnings that carry an inflection (rezervoj, rezervimin, anuloje, vonohem). */
const SQ_STEMS = ["rezerv", "anul", "ndrysh", "pershendet", "faleminder", "vonoh", "vones", "shtyj", "kalo"];

/**
 * "en" or "sq" when the message is clearly written in that language (one side's words and none of the
 * other's, or at least twice as many), null when it says nothing of it ("ok", a name, a number).
 */
export function writtenIn(text: string): Lang | null {
  let en = 0, sq = 0;
  for (const w of normalize(text.replace(/['’]/g, "")).split(" ")) {
    if (!w) continue;
    if (SQ.has(w) || SQ_STEMS.some((s) => w.startsWith(s))) sq++;
    else if (EN.has(w) || /^\d{1,2}(?:am|pm)$/.test(w)) en++;
  }
  if (en > 0 && sq === 0) return "en";
  if (sq > 0 && en === 0) return "sq";
  if (!en && !sq) return null;
  return en >= 2 * sq ? "en" : "sq";
}
