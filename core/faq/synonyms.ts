/**
 * Topic words folded to one canonical term, so different wordings of a question meet in the index
 * ("anulloj", "fshij", "cancel" -> anul). Only canonical terms (and DOMAIN words) open the FAQ gate.
 */
const CANON: Array<[RegExp, string]> = [
  [/^(?:vono|vones|vone$|late$|delay)/, "vonese"],
  [/^(?:anul|fshi|cancel|delet)/, "anul"],
  [/^(?:ndrysh|ndrr|nderr|shty|zhvendos|resched|chang|modif|move|kalo)/, "ndrysh"],
  [/^(?:rezerv|book|reserv)/, "rezerv"],
  [/^(?:termin|takim|appoint|vizit)/, "termin"],
  [/^(?:pag|pay)/, "pages"],
  [/^(?:kart|card)/, "kart"],
  [/^(?:cash|kesh|dore$)/, "cash"],
  [/^(?:llogari|account|profil)/, "llogari"],
  [/^(?:regjistr|register|sign)/, "regjistr"],
  [/^(?:verifik|verif|aktiviz|activat)/, "verifik"],
  [/^(?:njoft|notif|lajmer|rikujt|kujt|remind|perkujt)/, "njoft"],
  [/^(?:sigur|safe|secur|mbro|protect)/, "sigur"],
  [/^(?:dhena|dhenat|data$|informacion|information|info$)/, "dhena"],
  [/^(?:privat|privacy)/, "privat"],
  [/^(?:enkript|encrypt)/, "enkript"],
  [/^(?:kontakt|contact|reach)/, "kontakt"],
  [/^(?:suport|support|mbeshtet)/, "suport"],
  [/^(?:tiket|ticket)/, "tiket"],
  [/^(?:penal|tarif|fee$|fees$|gjob|charge)/, "tarif"],
  [/^(?:e?mail)/, "email"],
  [/^(?:problem|defekt|gabim|bug$|error)/, "problem"],
];

/** Words that name a FAQ topic by themselves. */
const DOMAIN = new Set(["paypal", "visa", "mastercard", "amex", "american", "express", "gdpr", "sms", "fjalekalim", "password"]);

/** The canonical term for a folded word, or undefined. */
export function canonical(word: string): string | undefined {
  for (const [re, c] of CANON) if (re.test(word)) return c;
  return undefined;
}

/** True when a folded word names a FAQ topic. */
export function isDomainWord(word: string): boolean {
  return DOMAIN.has(word) || canonical(word) !== undefined;
}
