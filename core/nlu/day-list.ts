import { fold, normalize } from "./normalize.ts";

// A day as said in a list: «të enjten», «e premte», «nesër», "Thursday", "on Friday", "tomorrow" (folded, lower case).
const DAY = "(?:(?:te|ne|on|the|e)\\s+)?(?:neser|pasneser|hene\\w*|marte\\w*|merkure\\w*|enjte\\w*|premte\\w*|shtune\\w*|diel\\w*|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const JOIN = "(?:\\s*,\\s*|\\s+)(?:(?:dhe|and|edhe|plus)\\s+)?";
// Days said one after another, joined by «dhe», "and", a comma ("Thursday and Friday", «të enjten dhe të
// premten», «të hënën, të mërkurën dhe të premten»); not "Thursday or Friday" (one of them).
const LIST = new RegExp(`(?<![\\p{L}\\d])${DAY}(?:${JOIN}${DAY})+(?![\\p{L}\\d])`, "u");
const ONE = new RegExp(`(?<![\\p{L}\\d])${DAY}(?![\\p{L}\\d])`, "gu");
// Each day with its own time: «të martën në 10 dhe të enjten në 12», "Tuesday at 10 and Thursday at 12".
// A time after a day: «në 10», "at 2pm", or without a word before it when it cannot be a date ("10am", "14:30").
const AT = "(?:\\s+(?:ne|at|ora|@)\\s*(?:oren\\s+|ora\\s+)?\\d{1,2}(?:[:.]\\d{2})?(?:\\s*(?:am|pm))?|\\s+\\d{1,2}(?:(?::\\d{2})?\\s*(?:am|pm)|:\\d{2}))";
const TIMED = new RegExp(`(?<![\\p{L}\\d])${DAY}${AT}(?:${JOIN}${DAY}${AT})+(?![\\p{L}\\d])`, "u");
const ONE_TIMED = new RegExp(`(?<![\\p{L}\\d])${DAY}${AT}(?![\\p{L}\\d])`, "gu");
// A list said of days that cannot be had ("Monday and Tuesday are busy for me", «e hëna dhe e marta s'më
// bëjnë»), or offered as a choice: no series.
const NOT = /(?:^| )(?:nuk|s|not|can t|cannot|cant|busy|zene|zena|(?:are|is|re|s) full|fully booked|except|pervec|or|ose|apo)(?= |$)/;

/**
 * The days a booking request lists for a series of bookings of the same service ("two more sessions,
 * Thursday and Friday at the same time", «të enjten dhe të premten»), as said, in order (each with its own
 * time when every one has one: «të martën në 10 dhe të enjten në 12»), and the request with
 * the list cut to its first day (read for the first booking: "Tuesday and Thursday at 10" is Tuesday at 10).
 * Null when the request names fewer than two days in such a list.
 */
export function listedDays(text: string): { days: string[]; first: string } | null {
  const folded = fold(text).toLowerCase();
  const timed = TIMED.exec(folded);
  const list = timed ?? LIST.exec(folded);
  if (!list) return null;
  // Only the words next to the list say it cannot be had (not «s'kam email» elsewhere in the request).
  const before = normalize(folded.slice(0, list.index)).split(" ").slice(-3).join(" ");
  const after = normalize(folded.slice(list.index + list[0].length)).split(" ").slice(0, 4).join(" ");
  if (NOT.test(before) || NOT.test(after)) return null;
  // Each day with its time, or the days alone (a time after the last one is all of theirs: "… at 10").
  const days = [...list[0].matchAll(timed ? ONE_TIMED : ONE)];
  const head = days[0];
  const first = `${text.slice(0, list.index)}${text.slice(list.index + head.index, list.index + head.index + head[0].length)}${text.slice(list.index + list[0].length)}`;
  return { days: days.map((m) => m[0]), first };
}

// Counts as words (folded): "two".."twelve", «dy».."dymbëdhjetë", Gheg too.
const COUNTS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  dy: 2, tre: 3, tri: 3, kater: 4, pese: 5, pes: 5, gjashte: 6, gjasht: 6, shtate: 7, shtat: 7, tete: 8, tet: 8,
  nente: 9, nand: 9, dhjete: 10, dhete: 10, njembedhjete: 11, dymbedhjete: 12,
};
const COUNT = `(\\d{1,2}|${Object.keys(COUNTS).join("|")})`;
const WEEKDAY = "(?:hene|marte|merkure|enjte|premte|shtune|diele?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\w*";
// That it repeats each week: «çdo javë», «një herë në javë», «javore»; "every week", "weekly", "once a week",
// "each week" (cut from the request); «çdo të martë», "every Tuesday" (only «çdo», "every" cut: the day stays);
// "on Tuesdays", «të martave» (nothing cut).
const B = "(?<![\\p{L}\\d])";
const E = "(?![\\p{L}\\d])";
const EACH_WEEK = new RegExp(
  `${B}(?:(?:cdo\\s+jave|(?:nje|nji|1)\\s+(?:here\\s+)?(?:ne|per)\\s+jave|javore|javor|(?:every|each)\\s+(?:single\\s+)?week|weekly|once\\s+(?:a|per|every)\\s+week)${E}|(?:cdo|every|each)(?=\\s+(?:(?:te|e)\\s+|t['’]\\s*)?${WEEKDAY})|(?=(?:on\\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s${E})|(?=(?:te\\s+)?(?:henave|marteve|martave|merkureve|enjteve|premteve|shtuneve|dieleve)${E}))`,
  "u",
);
// How many weeks or sessions: «për 4 javë», «4 javë rresht», «për një muaj»; "for 4 weeks", "for the next 3
// weeks", "4 weeks in a row", "for a month"; «3 seanca», "3 sessions", «4 herë», "4 times".
const WEEKS = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:per|gjate|for|over)\\s+(?:the\\s+)?(?:next\\s+|coming\\s+)?${COUNT}\\s+(?:javet?\\s+(?:e\\s+)?(?:ardhshme|ardhme|rradhazi|radhazi|rresht)|javeve\\s+te\\s+ardhshme|javet?|weeks)|${COUNT}\\s+(?:jav[eë]?\\s+(?:rresht|radhazi|rradhazi)|weeks\\s+(?:in\\s+a\\s+row|running|straight))|(?:per|for)\\s+(?:(nje|nji|1|dy|2)\\s+muaj|(a|one|two|2|the(?:\\s+(?:next|coming|following))?)\\s+months?))(?![\\p{L}\\d])`,
  "u",
);
// More weeks after the one said: "and the same the next two Saturdays", "and the following 3 weeks too",
// «dhe dy të shtunat e ardhshme», «edhe 2 javët e tjera» (the count does not include the first).
const MORE_WEEKS = new RegExp(
  `${B}(?:and|also|plus)\\s+(?:the\\s+same\\s+)?(?:(?:for|on)\\s+)?(?:the\\s+)?(?:next|following|coming)\\s+${COUNT}\\s+weeks${E}|${B}(?:(?:and|also|plus)\\s+)?(?:the\\s+same\\s+)?(?:(?:for|on)\\s+)?(?:the\\s+)?(?:next|following|coming)\\s+${COUNT}\\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s${E}|${B}(?:dhe|edhe)\\s+(?:(?:per|ne)\\s+)?${COUNT}\\s+(?:javet|te\\s+(?:henat|martat|merkurat|enjtet|premtet|shtunat|dielat))\\s+(?:e\\s+)?(?:ardhshme|ardhme|tjera|pasardhese|rradhes|radhes)${E}`,
  "u",
);
// With the weekly words said, a count of sessions or of weeks alone: «3 seanca», "3 sessions", "3 weeks please".
const SESSIONS = new RegExp(`(?<![\\p{L}\\d])${COUNT}\\s+(?:seanca|takime|termine|here|sessions|appointments|times|visits|weeks|jave|jav)(?![\\p{L}\\d])`, "u");
/** The most a weekly series books in one request (three months). */
export const MOST_WEEKS = 12;
/** Without a count, a weekly series is a month: four weeks. */
export const WEEKS_UNSAID = 4;

const PLURAL_DAYS: [RegExp, string][] = [
  [/(?<![\p{L}])h[eë]nave(?![\p{L}])/iu, "hënën"], [/(?<![\p{L}])mart(?:ave|eve)(?![\p{L}])/iu, "martën"],
  [/(?<![\p{L}])m[eë]rkur(?:ave|eve)(?![\p{L}])/iu, "mërkurën"], [/(?<![\p{L}])enjteve(?![\p{L}])/iu, "enjten"],
  [/(?<![\p{L}])premteve(?![\p{L}])/iu, "premten"], [/(?<![\p{L}])shtun(?:ave|eve)(?![\p{L}])/iu, "shtunën"],
  [/(?<![\p{L}])diel(?:ave|eve)(?![\p{L}])/iu, "dielën"],
  [/(?<![\p{L}])(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?![\p{L}])/iu, "$1"],
];

const countOf = (word: string): number => (/^\d+$/.test(word) ? Number(word) : COUNTS[word] ?? NaN);

/**
 * A booking request for the same day and time each week («çdo të martë në 9 për 4 javë», "every Tuesday at 9
 * for the next 3 weeks", «3 seanca, një në javë»): how many in all (the first included; four when no count is
 * said, at most {@link MOST_WEEKS}) and the request with the repeating cut out (read for the first booking:
 * «të martë në 9»). Null when nothing says it repeats weekly.
 */
export function weeklyDays(text: string): { count: number; asked: number; unsaid: boolean; first: string } | null {
  const folded = fold(text).toLowerCase();
  const each = EACH_WEEK.exec(folded);
  const more = MORE_WEEKS.exec(folded);
  const weeks = more ?? WEEKS.exec(folded);
  if (!each && !weeks) return null;
  if (NOT_WEEKLY.test(normalize(text))) return null;
  let asked = NaN;
  if (more) asked = countOf(more[1] ?? more[2] ?? more[3]) + 1;
  else if (weeks) {
    const months = weeks[3] ?? weeks[4];
    asked = months ? (/^(?:dy|2|two)$/.test(months) ? 8 : 4) : countOf(weeks[1] ?? weeks[2]);
  }
  const sessions = SESSIONS.exec(folded);
  if (Number.isNaN(asked) && sessions && each) asked = countOf(sessions[1]);
  if (!Number.isNaN(asked) && asked < 2) return null;
  // "weekly", «javore» alone ("do you have weekly offers?") say no series without a count or a day said.
  // Nor said of offers or packages ("weekly packages", «oferta javore»).
  const weak = !!each && /^(?:weekly|javore|javor)$/.test(each[0].trim());
  if (weak && /(?:weekly\s+(?:packages?|offers?|deals?|discounts?|specials?|prices?|pass)|(?:oferta|paketa|zbritje|cmime)\w*\s+javor)/.test(folded)) return null;
  if (Number.isNaN(asked) && weak && !new RegExp(`${B}(?:(?:te|e|on)\\s+)?${WEEKDAY}${E}`, "u").test(folded)) return null;
  const asked2 = Number.isNaN(asked) ? WEEKS_UNSAID : asked;
  // The repeating words are cut (the day said after «çdo» stays: «çdo të martë» -> «të martë»).
  const cuts = [each, weeks].filter((m): m is RegExpExecArray => !!m).sort((a, b) => b.index - a.index);
  let first = text;
  for (const m of cuts) first = `${first.slice(0, m.index)} ${first.slice(m.index + m[0].length)}`;
  // The count of sessions is cut too («3 seanca fizioterapie» -> «seanca fizioterapie»), and a day said
  // of every week is said of one («të martave» -> «të martën», "on Tuesdays" -> "on Tuesday").
  if (sessions && !weeks && each) {
    // "3 weeks" goes whole; «3 seanca fizioterapie» keeps its noun, which may name the service.
    const whole = /(?:weeks|jave|jav)$/.test(sessions[0]);
    first = first.replace(new RegExp(`(?<![\\p{L}\\d])${sessions[1]}\\s+${whole ? "\\p{L}+" : "(?=\\p{L})"}`, "iu"), "");
  }
  for (const [plural, one] of PLURAL_DAYS) first = first.replace(plural, one);
  return { count: Math.min(asked2, MOST_WEEKS), asked: asked2, unsaid: Number.isNaN(asked), first: first.replace(/\s+/g, " ").replace(/\s+([,.;])/g, "$1").replace(/([,;])(?:\s*[,;])+/g, "$1").trim() };
}

// Said of weeks that are not a series: "I'm away for 3 weeks", «s'jam këtu për 2 javë», "every week is busy".
const NOT_WEEKLY = /(?:^| )(?:away|abroad|jashte shtetit|larg|busy|zene|zena|unavailable|(?:nuk|s) (?:jam|mund|vij)|can t|cannot|cant)(?= |$)/;
