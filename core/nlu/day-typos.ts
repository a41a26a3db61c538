import { fold, withinOneEdit } from "./normalize.ts";

/**
 * Day words typed with a slip ("tommorow", "wenesday", "thrusday", "nesr", "të premtn"), said right for the
 * date reader, which otherwise drops the day and reads the time as today's. Words are compared folded; a
 * word is corrected when it is a known slip, or (6 letters or more) one edit or one swap of two letters
 * from a day word of 6 letters or more. Short words are left alone: "nëse" (if) is not "nesër".
 */
// Slips the edit rule below does not reach: two edits ("tommorow"), short words, "nesër" (5 letters).
const SLIPS: Record<string, string> = {
  tommorow: "tomorrow", tmrw: "tomorrow", tmr: "tomorrow", tomoro: "tomorrow", "2morrow": "tomorrow", "2moro": "tomorrow",
  nesr: "nesër", nsr: "nesër", neserr: "nesër", nesre: "nesër", nser: "nesër", nesere: "nesër",
};
const DAYS = [
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "tonight",
  "pasneser", "merkuren", "premten", "shtunen", "marten", "enjten", "dielen", "merkure", "premte", "shtune",
];
const DAY_SET = new Set(DAYS);

/** Whether two words differ by one swap of neighbouring letters ("thrusday", "thursday"). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function dayWord(word: string): string | undefined {
  const w = fold(word);
  if (SLIPS[w]) return SLIPS[w];
  if (w.length < 6 || DAY_SET.has(w)) return undefined;
  return DAYS.find((d) => withinOneEdit(w, d) || swapped(w, d));
}

/** The text with its day words' slips corrected (see above). */
export function fixDayTypos(text: string): string {
  return text.replace(/[\p{L}\d]+/gu, (word) => dayWord(word) ?? word);
}
