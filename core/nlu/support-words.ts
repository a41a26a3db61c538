import { normalize } from "./normalize.ts";

// Help a person needs because of a disability, an illness or a condition: "wheelchair access for my mother",
// «djali im ka autizëm», «ndihmë e specializuar», "special needs" (folded).
const SPECIAL = /(?:^| )(?:wheel ?chairs?|disabilit\w*|disabled|accessib\w*|autis\w*|special needs|special help|speciali[sz]ed help|mobility|blind|deaf|hearing aid|pregnan\w*|karroc\w*|aftesi (?:te )?kufizuar\w*|autiz\w*|nevoja (?:te )?vecanta|ndihm\w* (?:e |te )?specializuar|(?:i|e) verber|shurdh\w*|invalid\w*|paraliz\w*|shtatzan\w*)(?= |$)/;

/** Whether a message asks for help with a special need («ndihmë e specializuar», "wheelchair access", «autizëm»). */
export function speaksOfSpecialNeeds(text: string): boolean {
  return SPECIAL.test(normalize(text));
}

// A complaint asked for, and words that tell nothing of what happened: "I want to make a complaint", "it's a
// complaint about a booking", «si mund të ankohem për një biznes?», «kam një ankesë».
const COMPLAINT = /(?:^| )(?:complain\w*|ankes\w*|ankoh\w*|ankoj)(?= |$)/;
const EMPTY = new Set([
  "complain", "complaint", "complaints", "complaining", "ankese", "ankesa", "ankesen", "ankohem", "ankoj", "ankohen",
  "i", "id", "im", "want", "would", "like", "to", "make", "file", "lodge", "submit", "have", "got", "a", "an", "the", "it", "its", "s", "this", "is",
  "about", "regarding", "with", "for", "my", "booking", "appointment", "business", "place", "one", "please", "how", "can", "do", "where",
  "dua", "te", "bej", "kam", "nje", "per", "rreth", "me", "si", "mund", "ku", "ju", "lutem", "rezervim", "rezervimin", "rezervimi",
  "termin", "terminin", "biznes", "biznesi", "biznesin", "nje", "e", "ne", "lidhje", "dicka",
]);

/** Whether a message asks to complain ("I want to make a complaint", «dua të ankohem …»). */
export function asksToComplain(text: string): boolean {
  return COMPLAINT.test(normalize(text));
}

/** Whether a complaint asked for also tells what happened («… më vonuan një orë»), beyond asking for it. */
export function complaintTold(text: string): boolean {
  return normalize(text).split(" ").filter((w) => w && !EMPTY.has(w)).length >= 3;
}
