import { normalize } from "./normalize.ts";

/**
 * The words of "the same time" (folded): "në të njëjtën orë", "po në atë orë", "ora e njëjtë", "në të
 * njëjtin orar", "same time", "same hour"; also for patterns built on them (the intent rule of moves).
 */
export const SAME_TIME_WORDS = "(?:ne |me )?(?:te )?njejt\\w* (?:ore|oren|kohe|orar\\w*)|or\\w* e njejt\\w*|po (?:ne )?(?:ate|ato) or\\w*|(?:the )?same (?:time|hour|slot)";
const SAME_TIME = new RegExp(`(?:^| )(?:${SAME_TIME_WORDS})(?= |$)`);

/** Whether a message asks for the same time of day as before ("të premten në të njëjtën orë"), said while moving a booking. */
export function saysSameTime(text: string): boolean {
  return SAME_TIME.test(normalize(text));
}

// "në të njëjtën ditë", "po atë ditë", "same day"; with its time: "në të njëjtën ditë dhe orë", "same day and time".
const SAME_DAY = /(?:^| )(?:(?:ne |me )?(?:te )?njejt\w* dit\w*|dit\w* e njejt\w*|po (?:ne )?(?:ate|asaj) dit\w*|(?:the )?same (?:week)?day)(?= |$)/;
const WEEK = /(?:^| )(?:jav\w*|weeks?)(?= |$)/;
const WEEKDAY = /(?:^| )(?:hene|marte|merkure|enjte|premte|shtune|diel|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\w*(?= |$)/;
const AND_TIME = /(?:^| )(?:njejt\w* dit\w* (?:dhe|e|edhe) (?:ne )?(?:or\w*|koh\w*|orar\w*)|same (?:week)?day and (?:time|hour))(?= |$)/;

/**
 * Whether a message moving a booking asks for the same day ("në të njëjtën ditë, por në 12"), in another
 * week when it names one (`week`: "javën tjetër, në të njëjtën ditë", "same day next week"), and whether
 * also for the same time (`time`: "në të njëjtën ditë dhe orë"); null when it does not.
 */
export function saysSameDay(text: string): { time: boolean; week: boolean } | null {
  const norm = normalize(text);
  if (SAME_DAY.test(norm)) return { time: AND_TIME.test(norm) || SAME_TIME.test(norm), week: WEEK.test(norm) };
  // "the same time next week", «javën tjetër në të njëjtën orë»: its weekday and time, a week on.
  if (SAME_TIME.test(norm) && WEEK.test(norm) && !WEEKDAY.test(norm)) return { time: true, week: true };
  return null;
}

// "next week", «javën tjetër», «javën që vjen» (folded), as typed: the words a "same again" request says its week with.
const NEXT_WEEK = /(?:^|[\s,.;:!?])(?:(?:for |on )?(?:the )?(?:next|following|coming) week|(?:per |ne )?jav[eë]n? (?:tjet[eë]r|e ardhshme|q[eë] vjen|pasardh[eë]se))(?=[\s,.;:!?]|$)/iu;

/**
 * A request that names the next week and no day or time in it ("the same again next week please"): the
 * message without those words (its day is the week's same weekday); null when it says more or no week.
 */
export function nextWeekAlone(text: string): string | null {
  const norm = normalize(text);
  if (WEEKDAY.test(norm) || /\d/.test(norm)) return null;
  const m = NEXT_WEEK.exec(text);
  return m ? `${text.slice(0, m.index)}${text.slice(m.index + m[0].length)}`.replace(/\s{2,}/g, " ").trim() : null;
}

// Words that place a weekday in a week or next to today: "next", «tjetër», "this", "coming", «që vjen», a date.
const WEEK_PLACED = /(?:^| )(?:next|this|coming|following|last|tjeter\w*|ardhshme|kete|keto|kesaj|vjen|pasardhes\w*|jav\w*|weeks?|neser|pasneser|sot|tomorrow|today)(?= |$)|\d/;
// A time said with the day ("at 10", «në 10 30», "9am"), which places nothing; other numbers are dates.
const AT_TIME = /(?:^| )(?:(?:ne|at|ora|oren|ores|around|rreth) (?:ora |oren |ores )?\d{1,2}(?: \d{2})?(?: ?(?:am|pm))?|\d{1,2}(?: \d{2})? ?(?:am|pm))(?= |$)/g;

/** Whether a message names a weekday and nothing that places it ("is there anything on Tuesday instead?", «po të enjten në 10?»). */
export function bareWeekday(text: string): boolean {
  const norm = normalize(text);
  return WEEKDAY.test(norm) && !WEEK_PLACED.test(norm.replace(AT_TIME, " "));
}
