import { withinOneEdit } from "../nlu/normalize.ts";

/**
 * Topic words folded to one canonical term, so different wordings of a question meet in the index
 * ("anulloj", "fshij", "cancel" -> anul; Gheg infinitives "me anulu", "me pagu" too). Only
 * canonical terms (and DOMAIN words) open the FAQ gate.
 */
const CANON: Array<[RegExp, string]> = [
  [/^(?:vono|vones|vone$|vonu|late$|lateness|delay|arrij$|ngec|ngel$|stuck|presin$|prisni$|pret$|wait$)/, "vonese"],
  [/^(?:anul|fshi|cancel|delet)/, "anul"],
  [/^(?:ndrysh|ndrr|nderr|shty|zhvendos|resched|chang|modif|move|kalo|postpon|swap)/, "ndrysh"],
  [/^(?:rezerv|book|reserv|rezrv|rezev|zane$|zene$|zini$|bok$|boking|boook)/, "rezerv"],
  [/^(?:termin|takim|appoint|apoint|apointm|vizit)/, "termin"],
  [/^(?:pag|pay|revolut|applepay|bitcoin|crypto|kripto|iban$)/, "pages"],
  [/^(?:kart|card)/, "kart"],
  [/^(?:cash|kesh|dore$)/, "cash"],
  [/^(?:llogari|account|akount|acount|profil|login|log$)/, "llogari"],
  [/^(?:regjist|regist|sign|signup)/, "regjistr"],
  [/^(?:fjalekalim|password|passwordi|fjalkalim)/, "fjalekalim"],
  [/^(?:verifik|verif|aktiviz|activat)/, "verifik"],
  [/^(?:njoft|notif|lajmer|lajmro|rikujt|kujt|remind|perkujt)/, "njoft"],
  [/^(?:konfirm|confirm)/, "konfirm"],
  [/^(?:mesazh|messages?$|texts?$)/, "njoft"],
  [/^(?:sigur|safe|secur|mbro|protect)/, "sigur"],
  [/^(?:dhena|dhenat|data$|informacion|information|info$|personal|detaj|details?$)/, "dhena"],
  [/^(?:privat|privacy)/, "privat"],
  [/^(?:enkript|encrypt|kriptu)/, "enkript"],
  [/^(?:nda[nj]|share|sharing)/, "ndaj"],
  [/^(?:kontakt|contact|reach)/, "kontakt"],
  [/^(?:suport|support|mbeshtet|customer)/, "suport"],
  [/^(?:telefon|phone|call$|thirr)/, "telefon"],
  [/^(?:tiket|ticket)/, "tiket"],
  [/^(?:penal|tarif|fee$|fees$|gjob|charge$|charges$|charged$)/, "tarif"],
  [/^(?:rimburs|refund)/, "rimburs"],
  [/^(?:e?mail)/, "email"],
  [/^(?:problem|defekt|gabim|bug$|error|ankes|complain|reklamim)/, "problem"],
  [/^(?:funksion|works?$)/, "funksion"],
  [/^(?:disponue|available|availab|punoni$|punojne$|punon$)/, "disponue"],
  [/^(?:kalendar|calendar|slot$|slots$)/, "kalendar"],
];

/** Words that name a FAQ topic by themselves. */
const DOMAIN = new Set([
  "revolut", "applepay", "bitcoin", "crypto", "kripto", "iban",
  "paypal", "visa", "mastercard", "amex", "american", "express", "gdpr", "sms", "ssl", "tolerance", "toleranc",
]);

// Stems of topic words long enough to correct one typo in ("rezrvohet", "anuluar", "njofitm").
const TYPO_STEMS: Array<[string, string]> = [
  ["rezerv", "rezerv"], ["anulim", "anul"], ["anuloj", "anul"], ["ndrysh", "ndrysh"], ["regjistr", "regjistr"],
  ["verifik", "verifik"], ["llogari", "llogari"], ["mbeshtet", "suport"], ["kontakt", "kontakt"],
  ["telefon", "telefon"], ["fjalekalim", "fjalekalim"], ["privat", "privat"], ["enkript", "enkript"],
  ["njoftim", "njoft"], ["vonohem", "vonese"], ["pagese", "pages"], ["paguaj", "pages"], ["konfirm", "konfirm"],
  ["rikujt", "njoft"], ["support", "suport"], ["account", "llogari"], ["cancel", "anul"], ["notific", "njoft"],
];

const cache = new Map<string, string | null>();

/** The canonical term for a folded word (one typo allowed in longer words), or undefined. */
export function canonical(word: string): string | undefined {
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  let out: string | null = null;
  for (const [re, c] of CANON) if (re.test(word)) { out = c; break; }
  if (!out && word.length >= 6) {
    for (const [s, c] of TYPO_STEMS) {
      const near = withinOneEdit(word.slice(0, s.length), s)
        || withinOneEdit(word.slice(0, s.length + 1), s)
        || withinOneEdit(word.slice(0, s.length - 1), s);
      if (near) { out = c; break; }
    }
  }
  if (cache.size < 10_000) cache.set(word, out);
  return out ?? undefined;
}

/** True when a folded word names a FAQ topic. */
export function isDomainWord(word: string): boolean {
  return DOMAIN.has(word) || canonical(word) !== undefined;
}
