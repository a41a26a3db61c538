import { normalize } from "./normalize.ts";

// Giving up a place on the waiting list (folded text): "take me off the waiting list", "cancel my waiting
// list spot", "I don't need the massage waitlist anymore", «më hiqni nga lista», «dil nga lista e pritjes»,
// «nuk më duhet më vendi në listë», «nuk dua më të pres».
const LIST = "(?:waiting list|waitlist|wait list|waiting-list)";
// «lista», «lista e pritjes»; not another list («lista e sms-ve»).
const SQ_LIST = "(?:lista|listen|listes|liste)(?: e pritjes)?(?! e | te )";
const LEAVE = new RegExp(`(?:^| )(?:${[
  `(?:take|get|remove|drop|delete|cross|scratch) (?:me|us|my name) (?:off|out of|from) (?:the |your |my |that |this )?(?:(?:\\S+ )?${LIST}|list(?! of))`,
  `(?:leave|quit|exit|cancel|drop|remove|delete|withdraw from) (?:the |my |this |that |your )?(?:\\S+ )?${LIST}`,
  `(?:don t|do not|dont|no longer) (?:need|want) (?:the |my |a |that |this |to be on the |to stay on the )?(?:\\S+ )?${LIST}`,
  `(?:no need|don t need|do not need|dont need) (?:for me )?(?:to )?(?:keep me|be|stay|remain)? ?(?:on|in) (?:the |your |that |this )?(?:\\S+ )?${LIST}`,
  `(?:nuk|s) (?:kam|me duhet|na duhet) (?:me )?(?:nevoje )?(?:per )?(?:listen|lista|liste|vend|vendi|vendin) (?:e |ne )?(?:pritjes|liste)`,
  `(?:me |na |ma )?(?:hiq|hiqni|hiqmni|hiqe|hiqeni|hiqem|nxirr|nxirrni|fshi|fshini|fshij)\\w* (?:\\S+ ){0,3}(?:nga|prej) ${SQ_LIST}`,
  `(?:dil|dal|dilni|largohem|largomeni|largo)\\w* (?:\\S+ ){0,1}(?:nga|prej) ${SQ_LIST}`,
  `(?:nuk|s) (?:dua|kam nevoje|me duhet|me intereson) (?:me (?:te pres|te prisni)|(?:me )?(?:(?:listen|lista|liste) e pritjes|ne listen e pritjes))`,
  `(?:anulo|anuloj|anuloni|anulojeni)\\w* (?:\\S+ ){0,2}(?:pritjen|(?:listen|vendin) (?:e |ne )?(?:pritjes|liste))`,
  // «s'dua më të jem në listë», «nuk dua të qëndroj në listën e pritjes».
  `(?:nuk|s) (?:dua|due|duam) (?:me )?(?:te |t )?(?:jem|rri|qendroj|mbetem|vazhdoj) (?:me )?(?:ne|n) (?:listen|lista|liste)(?: e pritjes)?`,
].join("|")})(?= |$)`);

/** Whether a message gives up a place on the waiting list ("take me off the waiting list", «më hiqni nga lista»). */
export function leavesWaitlist(text: string): boolean {
  return LEAVE.test(normalize(text));
}

/** Whether it says the waiting list itself (not another list): then it is answered even with no place on one. */
export function namesWaitlist(text: string): boolean {
  return new RegExp(`(?:^| )(?:${LIST}|(?:lista|listen|listes|liste) e pritjes|pritje|te pres)(?= |$)`).test(normalize(text));
}
