import { normalize } from "./normalize.ts";

// Every one of one's bookings: "cancel all my bookings", "both of them", «anuloni të dy terminet», «të
// gjitha», «krejt rezervimet».
const ALL = /(?:^| )(?:all (?:of )?(?:my |the |them|those|these)?(?:\S+ )?(?:bookings|appointments|reservations|of them)?|both(?: of them| bookings| appointments)?|every (?:one|booking|appointment)|te dy(?:ja)?|te dyja|te gjitha|te gjithe|gjithe (?:rezervimet|terminet|takimet)|krejt(?: rezervimet| terminet)?|te tera|te treja|gjithcka|gjithe cka|(?:cancel|delete|remove) everything|(?:cancel|delete|remove) (?:them )?all)(?= |$)/;

/** Whether a message about one's bookings means every one of them ("cancel all my bookings", «të dy terminet»). */
export function meansAll(text: string): boolean {
  return ALL.test(normalize(text));
}
