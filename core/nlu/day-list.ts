import { fold, normalize } from "./normalize.ts";

// A day as said in a list: «të enjten», «e premte», «nesër», "Thursday", "on Friday", "tomorrow" (folded, lower case).
const DAY = "(?:(?:te|ne|on|the|e)\\s+)?(?:neser|pasneser|hene\\w*|marte\\w*|merkure\\w*|enjte\\w*|premte\\w*|shtune\\w*|diel\\w*|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const JOIN = "(?:\\s*,\\s*|\\s+)(?:(?:dhe|and|edhe|plus)\\s+)?";
// Days said one after another, joined by «dhe», "and", a comma ("Thursday and Friday", «të enjten dhe të
// premten», «të hënën, të mërkurën dhe të premten»); not "Thursday or Friday" (one of them).
const LIST = new RegExp(`(?<![\\p{L}\\d])${DAY}(?:${JOIN}${DAY})+(?![\\p{L}\\d])`, "u");
const ONE = new RegExp(`(?<![\\p{L}\\d])${DAY}(?![\\p{L}\\d])`, "gu");
// A list said of days that cannot be had ("Monday and Tuesday are busy for me", «e hëna dhe e marta s'më
// bëjnë»), or offered as a choice: no series.
const NOT = /(?:^| )(?:nuk|s|not|can t|cannot|cant|busy|zene|zena|full|except|pervec|or|ose|apo)(?= |$)/;

/**
 * The days a booking request lists for a series of bookings of the same service ("two more sessions,
 * Thursday and Friday at the same time", «të enjten dhe të premten»), as said, in order, and the request with
 * the list cut to its first day (read for the first booking: "Tuesday and Thursday at 10" is Tuesday at 10).
 * Null when the request names fewer than two days in such a list.
 */
export function listedDays(text: string): { days: string[]; first: string } | null {
  if (NOT.test(normalize(text))) return null;
  const folded = fold(text).toLowerCase();
  const list = LIST.exec(folded);
  if (!list) return null;
  const days = [...list[0].matchAll(ONE)];
  const head = days[0];
  const first = `${text.slice(0, list.index)}${text.slice(list.index + head.index, list.index + head.index + head[0].length)}${text.slice(list.index + list[0].length)}`;
  return { days: days.map((m) => m[0]), first };
}
