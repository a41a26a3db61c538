/**
 * Common words (folded) of Albanian or English, or first names, that stand one letter from a catalog word
 * or a day word: typed, they are themselves, never read as a slip of that word. "message" is no "massage",
 * "times" no "tires", "tenth" no "teeth", "killing" no "filling", "broke" no "brake", "charge" and "chance" no "change";
 * "kartën" (the card: "me kartën") no "të martën", "premton" (promises) no "të premten", "Martin" no "të martën";
 * «njëra» (one of them: "dy qethje, njëra për djalin") no «njeri» (a person, asked for); «paguar», «paguam»
 * (paid) no «paguaj» (to pay).
 */
const OWN_WORDS = new Set([
  "message", "messages", "times", "tries", "types", "tenth", "store", "share", "shape", "charge", "chance", "broke", "killing", "tired",
  "karten", "kartes", "kartat", "martin", "premton", "njera", "paguar", "paguam",
  // "that's a shame" is no slip of "shave".
  "shame",
]);

/** Whether a folded word is a word of its own, never a slip of another (see {@link OWN_WORDS}). */
export const isOwnWord = (w: string): boolean => OWN_WORDS.has(w);
