import { normalize } from "./normalize.ts";

// «dua ta mbaj terminin», «e mbaj rezervimin», «nuk dua ta anuloj», «mos e anuloni», "I'll keep my
// appointment", "don't cancel it": the booking is to stay as it is.
const KEEP = /(?:^| )(?:(?:ta |e )?mbaj(?:me)? (?:\S+ )?(?:termin|rezervim|takim)\w*|(?:nuk|s) (?:e )?(?:dua|due|duam|do) (?:ta |te |me )?(?:anuloj|anulojme|ndryshoj|shtyj|heq)|mos (?:e |ma |na )?(?:anulo|anuloni|anuloj|fshi|fshini|hiq|hiqni)\w*|(?:i ll|i will|i want to|i d like to|we ll|we want to|let s|please) keep (?:my|the|our|it|them)|(?:don t|do not|dont) cancel)(?= |$)/;

/** Whether a message says a booking is to stay as it is ("I'll keep my appointment", «mos e anuloni»). */
export function keepsBooking(text: string): boolean {
  return KEEP.test(normalize(text));
}
