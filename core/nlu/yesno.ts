import { normalize } from "./normalize.ts";

/** A short answer to a yes/no question: "po", "po, konfirmoj", "ok", "dakord", "sounds good", 👍, "jo", "no thanks". */
export type YesNo = "yes" | "no";

const YES = new Set([
  "po", "pp", "yes", "yeah", "yep", "yup", "y", "ok", "okay", "oke", "okej", "k", "dakord", "dakort", "dakrd",
  "sigurisht", "patjeter", "natyrisht", "sure", "absolutely", "definitely", "correct", "right", "sakte",
  "perfekt", "perfect", "great", "fine", "mire", "mir", "bukur", "vazhdo", "vazhdojme", "proceed",
  "go", "ahead", "konfirmo", "konfirmoj", "konfirmoje", "konfirmojeni", "konfirmoni", "konfirmohet",
  "confirm", "confirmed", "pranoj", "pranoje", "accept", "agreed", "agree", "rregull", "good", "cool", "alright",
  "awesome", "excellent", "lovely", "super", "exactly", "indeed",
]);
const NO = new Set(["jo", "no", "nope", "nah", "n", "mos", "nuk", "not", "don", "dont", "never", "kurre", "stop", "ndalo"]);
// Words that carry neither: politeness and glue ("po, ju lutem", "yes please", "jo faleminderit").
const FILLER = new Set([
  "ju", "lutem", "please", "pls", "faleminderit", "flm", "rrofsh", "thanks", "thank", "you", "ty", "e", "ta",
  "te", "it", "dhe", "and", "pra", "atehere", "then", "do", "that", "s", "is", "all", "a", "very", "much",
  "boss", "zoteri", "zonje", "kshu", "keshtu", "ashtu", "so", "i", "me", "eshte", "want", "dua", "ne", "shume",
  "sounds", "looks", "seems", "works", "for", "to",
]);

/** The emoji people answer a question with, as the word they stand for (any skin tone): 👍 "yes", 👎 "no", 🙏 "thanks". */
const EMOJI: [RegExp, string][] = [
  [/(?:\u{1F44D}|\u{1F44C}|\u{2705}|\u{2714}\u{FE0F}?)[\u{1F3FB}-\u{1F3FF}]?/gu, " yes "],
  [/(?:\u{1F44E}|\u{274C}|\u{1F6AB})[\u{1F3FB}-\u{1F3FF}]?/gu, " no "],
  [/\u{1F64F}[\u{1F3FB}-\u{1F3FF}]?/gu, " thanks "],
];
export const emojiWords = (text: string) => EMOJI.reduce((t, [re, word]) => t.replace(re, word), text);

/**
 * Reads a typed answer to a yes/no question. `extra` are the step's own words for each side ("anuloje"
 * says yes to "cancel this booking?", "mbaje" says no; `filler`: words that say neither there). Every word must be a yes, a no or politeness:
 * anything else ("po, por në orën 11") is not a plain answer and gives null, as do mixed answers.
 */
export function readYesNo(text: string, extra: { yes?: readonly string[]; no?: readonly string[]; filler?: readonly string[] } = {}): YesNo | null {
  const words = normalize(emojiWords(text)).split(" ").filter(Boolean);
  if (!words.length || words.length > 8) return null;
  let yes = 0, no = 0;
  for (const w of words) {
    if (extra.yes?.includes(w) || YES.has(w)) yes++;
    else if (extra.no?.includes(w) || NO.has(w)) no++;
    else if (!FILLER.has(w) && !extra.filler?.includes(w)) return null;
  }
  // "jo, faleminderit" is no; "po" with "nuk" ("po, nuk dua") or "ok" next to "jo" is not clear.
  if (no && !yes) return "no";
  if (yes && !no) return "yes";
  return null;
}
