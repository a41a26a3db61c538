import { fold, withinOneEdit } from "./normalize.ts";
import { isOwnWord } from "./own-words.ts";

/**
 * Day words typed with a slip ("tommorow", "wenesday", "thrusday", "nesr", "të premtn"), said right for the
 * date reader, which otherwise drops the day and reads the time as today's. Words are compared folded; a
 * word is corrected when it is a known slip, or (6 letters or more) one edit or one swap of two letters
 * from a day word of 6 letters or more, or (7 letters or more) two edits from exactly one day word of 8
 * letters or more ("wednsdy"). Short words are left alone: "nëse" (if) is not "nesër".
 */
// Slips the edit rule below does not reach: two edits ("tommorow"), short words, "nesër" (5 letters).
const SLIPS: Record<string, string> = {
  tommorow: "tomorrow", tmrw: "tomorrow", tmr: "tomorrow", tomoro: "tomorrow", "2morrow": "tomorrow", "2moro": "tomorrow",
  nesr: "nesër", nsr: "nesër", neserr: "nesër", nesre: "nesër", nser: "nesër", nesere: "nesër",
  weds: "wednesday", wensday: "wednesday", wendsday: "wednesday", frday: "friday", enjtn: "enjten",
  // Short forms chrono reads only next to a time ("fri 10am"): "move it to fri", "tue". Not "thu" (Gheg "you
  // say"), "mar" (Albanian "take"), "sat" nor "sun", which are words of their own.
  mon: "monday", tue: "tuesday", tues: "tuesday", wed: "wednesday", thur: "thursday", fri: "friday",
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
  // A word of its own ("kartën", the card) is no slip of a day word.
  if (w.length < 6 || DAY_SET.has(w) || isOwnWord(w)) return undefined;
  const near = DAYS.find((d) => withinOneEdit(w, d) || swapped(w, d));
  if (near || w.length < 7) return near;
  // Two slips in a long day word ("wednsdy"), when only one day word is that near.
  const far = DAYS.filter((d) => d.length >= 8 && withinTwoEdits(w, d));
  return far.length === 1 ? far[0] : undefined;
}

/** The text with its day words' slips corrected (see above). */
export function fixDayTypos(text: string): string {
  return text.replace(/[\p{L}\d]+/gu, (word) => dayWord(word) ?? word);
}

// Words that name a day or a week by themselves, short enough to need saying exactly.
const DAY_UNITS = new Set(["week", "weeks", "weekday", "jave", "javen", "javes", "java", "javet"]);

/** Whether two words are at most two edits apart (insertions, deletions, substitutions). */
function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > 2) return false;
    prev = row;
  }
  return prev[b.length] <= 2;
}

/**
 * Whether a message has a word that looks like a day's but that the date reader could not have read: a
 * word for a week ("this week at 10"), or one of 7 letters or more within two edits of a day word of 8
 * letters or more; slips near only one day word ("wednsdy", "thrsday") are corrected before reading (see
 * above), so this finds those near two. Asked only of a
 * message whose date was not read, so that its time is not taken as today's (or tomorrow's) when the
 * customer named another day.
 */
export function looksLikeUnreadDay(text: string): boolean {
  return (fold(text).toLowerCase().match(/[\p{L}\d]+/gu) ?? []).some((w) =>
    DAY_UNITS.has(w) || (w.length >= 7 && DAYS.some((d) => d.length >= 8 && withinTwoEdits(w, d))));
}
