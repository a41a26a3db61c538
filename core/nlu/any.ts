import { normalize } from "./normalize.ts";

// "doesn't matter", "any of them", "you choose", "up to you", «cilido», «s'ka rëndësi», «zgjidh ti»,
// «njësoj më është» — said as the whole answer (a few words around at most).
const ANY = /^(?:(?:ok|okay|hmm|well|mire|ne rregull|po)\s)?(?:(?:it )?(?:doesn t|does not|don t|do not) (?:matter|mind|care)|no preference|any(?: one| of them| place| of those)?|anyone|whichever(?: one)?|either(?: one)?|you (?:choose|pick|decide)|up to you|(?:i )?don t care|cilido|cilado|cdonjeri|kushdo|(?:s|nuk) ka (?:rendesi|problem)|(?:mua )?(?:me|m) (?:eshte |osht )?njesoj|njesoj (?:me|m) (?:eshte|osht|esht)|zgjidh(?:ni)? (?:ti|ju)|si te (?:doni|duash|deshironi)|ku te (?:doni|duash)|kudo)(?:\s(?:please|ju lutem|te lutem|really|fare|per mua|for me|you choose|zgjidh ti|zgjidhni ju))?$/;

/** Whether an answer to a choice leaves it to the bot ("doesn't matter, you choose", «cilido»). */
export function leavesItToUs(text: string): boolean {
  return ANY.test(normalize(text));
}
