import { normalize } from "./normalize.ts";
import { readYesNo } from "./yesno.ts";

/**
 * A typed answer to a freed place offered from the waiting list («U lirua një vend … Jua mbajmë deri në
 * orën 09:15»): "yes" takes it, "no" declines it, "again" asks about it (its price, how long it is held,
 * whether it is still free) or hesitates ("hmm", «prit pak»): the offer is said again. Null: something else.
 */
export type OfferAnswer = "yes" | "no" | "again";

// Folded text. Saying the place is taken: "I'll take it", "book it for me", "I'll be there", "works for
// me", «e marr», «e dua», «po e rezervoj», «vij patjetër», «më shkon mirë».
const TAKE = [
  "(?:i ll|i will|ill|we ll|let me|i d like to|i want to|gonna) (?:take|grab|have) (?:it|that|the (?:slot|place|spot|time|one)|this(?: one)?)",
  "(?:i |we )?(?:want|need|d like|would like|ll have) (?:it|that(?: one)?|this(?: one)?|the (?:slot|place|spot))",
  "see you(?: then| there| soon)?", "shihemi", "go ahead", "(?:\\d{1,2}(?: \\d{2})?(?: ?[ap]m)?|that time|the time) (?:works|suits me|is (?:fine|good|ok|okay|perfect|great))",
  "(?:take|grab) (?:it|that one|this one)",
  "book (?:it|me|us|that|this)(?: in| for me| for us)?",
  "(?:i ll|i will|we ll|will) be there", "i m in", "count me in", "(?:that|it|this|which) (?:works|suits)(?: for me| me)?",
  "(?:works|suits) (?:for )?me", "(?:is|s) (?:fine|good|perfect|great|ok|okay)(?: (?:for|with) me)?", "can t wait",
  "(?:po )?(?:e|ta|ma) (?:marr|dua|rezervoj|rezervoni|rezervojme|mbaj)", "(?:e|ta|ma) marrim",
  "(?:do |po )?vij(?: patjeter)?", "(?:do (?:te )?)?jem (?:aty|atje)", "(?:i ll|i will|we ll) see you", "(?:me|na) (?:shkon|pershtatet|bie) (?:mire|mbare|per shtat)", "s ka problem", "ne rregull",
  "rezervo(?:je|jeni|ni|jme)?(?: ate| kete| vendin| oren)?", "konfirmo(?:je|jeni|ni|j)?",
];
// Declining it: "doesn't work for me", "can't make it", "I'll pass", «s'mundem», «nuk më përshtatet».
const DECLINE = [
  "(?:doesn t|does not|won t|will not|wouldn t|don t|do not) (?:work|suit)", "can t (?:make|do|come)", "cannot (?:make|do|come)",
  "(?:i ll|i will|ill|i m gonna|i) pass", "not (?:for me|this (?:one|time)|that (?:one|time))", "too (?:early|late|soon)",
  "(?:nuk|s) (?:mundem|mund|mundemi|vij|vijme|me (?:pershtatet|shkon|bie|pershtat)|(?:e |ta )?(?:dua|marr|duam))",
  "jo faleminderit", "refuzoj", "(?:eshte |e )?(?:shume )?(?:heret|vone) per mua",
  "not (?:at )?(?:that|this) (?:time|hour|one|day)", "(?:i m|i am|i ll be|i will be|we re|we are) (?:at work|working|busy|away|out|not (?:free|available|around))",
  "unfortunately", "sadly", "fatkeqesisht", "keep me posted", "i m afraid", "afraid not", "i can t(?! wait)",
  "i (?:have|ve got|got) (?:another|other|a) (?:appointment|commitment|meeting|plans?)", "kam (?:nje )?(?:takim|angazhim|pune|detyrim) (?:tjeter|atehere)", "(?:jam|jemi|do jem|do te jem) (?:ne pune|i zene|e zene|te zene|jashte)",
  "(?:me |na )?(?:njoftoni|lajmeroni|shkruani) (?:per |nese (?:lirohet|ka) )?(?:ndonje|nje) (?:tjeter|ore tjeter|orar tjeter|vend tjeter)",
];
// Asking about the place, or taking a moment: the offer is said again with its price and hold.
const ASK = [
  "how (?:much|long)", "until when", "till when", "(?:what|which) (?:time|price|is the price)", "price", "cost", "still (?:free|available|open|there)",
  "where (?:is|s) (?:it|the)", "address\\w*", "sa (?:kushton|kushtojne|eshte cmimi|leke|kohe|minuta)", "cmim\\w*", "deri (?:kur|ne sa|sa)",
  "(?:ende|akoma|ende e|akoma e) (?:lire|i lire|e lire|bosh|vend)", "ku (?:eshte|ndodhet)", "adres\\w*", "pay\\w*", "deposit\\w*", "paguaj\\w*",
  "paradhen\\w*", "depozit\\w*",
  "h?m{2,}", "hm+", "wait", "hold on", "one (?:sec|second|moment|minute)", "let me (?:think|check|see)", "prit(?:ni)?(?: pak| nje minute| nje moment)?",
  "nje (?:moment|minute|sekonde)", "(?:te|ta) (?:mendoj|shoh|kontrolloj)", "se (?:mendoj|shoh)",
];
const words = (list: string[]) => new RegExp(`(?:^| )(?:${list.join("|")})(?= |$)`);
const TAKE_RE = words(TAKE);
const DECLINE_RE = words(DECLINE);
const ASK_RE = words(ASK);
// A yes word anywhere ("oh nice, yes I want it").
const YES_WORD = words(["yes", "yeah", "yep", "sure", "ok", "okay", "po", "dakord", "perfect", "perfekt", "great", "super", "absolutely", "definitely", "patjeter", "sigurisht"]);
// Words that leave the answer open ("yes, but at 4", «po, por në orën 11»): read as something else.
const BUT = words(["but", "instead", "only if", "por", "vetem nese", "ne vend", "another (?:day|time)", "tjeter dite"]);

/** Reads a typed answer to a freed place offered (see {@link OfferAnswer}). */
export function readOfferAnswer(text: string): OfferAnswer | null {
  const plain = readYesNo(text, { yes: ["rezervo", "rezervoje", "rezervojeni", "book", "vij", "marr", "take"], no: ["pass", "refuzoj", "s e dua"] });
  // "no problem", «s'ka problem» say yes.
  const norm = normalize(text).replace(/(?:^| )(?:no problem|no worries|s ka problem|pa problem)(?= |$)/g, " ok ").trim();
  if (!norm) return plain;
  const ask = ASK_RE.test(norm);
  // A no said first or in so many words; a bare no further on counts when nothing is asked.
  const no = plain === "no" || DECLINE_RE.test(norm) || /^(?:no|nope|nah|jo)(?: |$)/.test(norm) || (!ask && /(?:^| )(?:no|jo)(?: |$)/.test(norm));
  const yes = plain === "yes" || (!no && (TAKE_RE.test(norm) || YES_WORD.test(norm)));
  if (no && !yes) return "no";
  if (ask && !(yes && !/\?/.test(text))) return "again";
  if (yes && !no && !BUT.test(norm)) return "yes";
  return null;
}
