import { leavesItToUs } from "./any.ts";
import { normalize } from "./normalize.ts";
import { BOUND_WORDS_SQ, HOUR_NOUNS_SQ, PARTS_OF_DAY, type PartOfDay } from "./when-lexicon.ts";
import { parseWhen, type WhenOptions } from "./when.ts";

/**
 * Which free times of a day a customer asks for without naming one: a part of the day ("pasdite",
 * "në mëngjes", "afternoon"), a bound ("pas orës 15", "para orës 12", "after 3pm"), or the first or
 * last free time ("më e hershmja", "e para e lirë", "first thing", "the latest"), alone or together
 * ("më e hershmja pasdite"). Times are local "HH:MM"; `from` is inclusive, `to` exclusive.
 */
export interface TimeWish {
  pick?: "earliest" | "latest";
  from?: string;
  to?: string;
  /** How the window was said, to say it back: a part of the day, or after/before a time. */
  said?: { part: PartOfDay } | { after: string } | { before: string };
}

/** The hours each part of the day covers. */
const PART_WINDOW: Record<PartOfDay, { from?: string; to?: string }> = {
  morning: { to: "12:00" },
  noon: { from: "12:00", to: "14:00" },
  afternoon: { from: "12:00", to: "18:00" },
  evening: { from: "18:00" },
  night: { from: "20:00" },
};

const W = (s: string) => new RegExp(`(?:^| )(?:${s})(?= |$)`);

const EARLIEST = W(
  "sa (?:me|ma) (?:pare|perpara)|(?:sa |sa me |me |ma )?(?:e |te |i )?(?:hershm\\w*|heret|hert|shpejt)(?: e mundur| qe (?:te )?mundet)?|(?:e |ora e |termini i )?(?:para|pari|pare) (?:e |i )?lir\\w*|ora e pare|(?:the )?earliest|(?:the )?soonest|as (?:early|soon) as (?:possible|you can)|first (?:free|available|open)(?: time| slot| one)?|first thing|(?:the )?first (?:slot|time|appointment|one) (?:of the day|in the morning|you have|available)|termini i pare(?: i dites)?|(?:ne )?oren e pare",
);
const LATEST = W(
  "sa (?:me |ma )?von\\w*|(?:me|ma) (?:e |te |i )(?:von\\w*)|(?:e |ora e |termini i )?fundit (?:e |i )?lir\\w*|ora e fundit|(?:the )?latest|as late as possible|last (?:free|available|open)(?: time| slot| one)?|(?:the )?last (?:slot|time|appointment|one) (?:of the day|you have|available)",
);
// "any time is fine", "whenever", «kurdo», «në çdo orë»: the first free time serves.
const ANY_TIME = W("any ?time|any hour|any day|whenever|kurdo|(?:ne )?cdo (?:ore|kohe|dite)|cfaredo (?:ore|dite)|(?:ne )?cilendo (?:ore|dite)");
// "sa më herët" needs a "sa" or "më"; a bare "herët" ("erdha herët") is not a wish.
const EARLY_BARE = /^(?:heret|hert|shpejt)$/;

const EN_PARTS: Array<[RegExp, PartOfDay]> = [
  [W("morning|before lunch"), "morning"],
  [W("noon|midday|lunch ?time|at lunch"), "noon"],
  [W("afternoon|after lunch"), "afternoon"],
  [W("evening|tonight"), "evening"],
];
const SQ_PARTS = PARTS_OF_DAY.map(([alt, part]) => [new RegExp(`(?:^| )(?:${alt})(?= |$)`), part] as const);

// "pas orës 15", "mbas 3", "para orës 12:30", "after 3pm", "before 11"; the hour is read like a typed time.
// Not a stretch of days or weeks: "pas 3 ditësh" (in three days), "after 2 weeks".
const BOUND = new RegExp(`(?:^| )(${BOUND_WORDS_SQ}|after|before)(?: (?:${HOUR_NOUNS_SQ}|n|the))? (\\d{1,2}(?: \\d{2})?)(?: ?(am|pm))?(?= |$)(?! (?:dit|jav|muaj|vjet|day|week|month|year|minut|min|hour|hrs?)\\w*)`);
const AFTER_WORDS = new Set(["pas", "mbas", "after"]);
// "from 4pm on", «nga ora 4 e tutje», "4pm onwards", "16:00 or later": a bound from that time. A bare
// "from 4pm" is a time, unless the earliest or latest is asked with it ("from 4pm, the earliest"); "from 10
// to 12" is neither.
const HOUR = "(\\d{1,2}(?: \\d{2})?)(?: ?(am|pm))?";
const FROM = new RegExp(`(?:^| )(?:from|nga|prej|starting(?: at| from)?|duke filluar nga)(?: (?:ores|ora|oren|ore|the))? ${HOUR}(?= |$)(?! (?:to|until|till|deri|-)(?= |$))( (?:on|onwards?|and later|or later|e tutje|e me tej|e me vone)(?= |$))?`);
const ONWARDS = new RegExp(`(?:^| )(?:(?:ne|ores|ora|oren|at) )?${HOUR} (?:onwards?|and later|or later|e tutje|e me tej|e me vone)(?= |$)`);

/** A bound's hour ("15", "3 pm", "16 30"), read like a typed time against the opening hours in `opts`. */
function hourSaid(digits: string, meridiem: string | undefined, opts: WhenOptions): string | undefined {
  return parseWhen(`ora ${digits.replace(" ", ":")}${meridiem ? ` ${meridiem}` : ""}`, opts)?.time;
}

/**
 * Reads a wish about the time of day (see {@link TimeWish}); null when the message has none, or names an
 * exact time ("në 3 pasdite" is 15:00, not the afternoon). Bounds read their hour like a typed time,
 * against the opening hours in `opts` ("pas orës 3" is 15:00 where the business is closed at 3 at night).
 */
export function parseTimeWish(text: string, opts: WhenOptions): TimeWish | null {
  const norm = normalize(text);
  if (!norm) return null;
  const wish: TimeWish = {};
  // The exact time the whole message names, read once and only when a rule below needs it.
  let exact: string | null | undefined;
  const exactTime = () => (exact === undefined ? (exact = parseWhen(text, opts)?.time ?? null) : exact);
  if (EARLIEST.test(norm) && !EARLY_BARE.test(norm)) wish.pick = "earliest";
  else if (LATEST.test(norm)) wish.pick = "latest";

  const bound = BOUND.exec(norm);
  if (bound) {
    const [, word, digits, meridiem] = bound;
    const time = hourSaid(digits, meridiem, opts);
    // "… pas orës 2? në 3 do ishte mirë": a time said besides the bound is the one asked for.
    const said = time ? exactTime() : null;
    if (time && !(said && said !== time)) {
      if (AFTER_WORDS.has(word)) Object.assign(wish, { from: time, said: { after: time } });
      else Object.assign(wish, { to: time, said: { before: time } });
    }
  }
  if (!wish.said) {
    const from = FROM.exec(norm);
    const onwards = from && (from[3] || wish.pick) ? from : ONWARDS.exec(norm);
    const time = onwards ? hourSaid(onwards[1], onwards[2], opts) : undefined;
    if (time) Object.assign(wish, { from: time, said: { after: time } });
  }
  if (!wish.said) {
    // The longest words win: "pas dreke" is the afternoon, though "dreke" alone is midday.
    let part: PartOfDay | undefined;
    let longest = 0;
    for (const [re, p] of [...SQ_PARTS, ...EN_PARTS]) {
      const m = re.exec(norm);
      if (m && m[0].length > longest) [part, longest] = [p, m[0].length];
    }
    // An hour with the part of day is an exact time ("në 3 pasdite", "7 in the evening").
    if (part && !exactTime()) Object.assign(wish, PART_WINDOW[part], { said: { part } });
  }
  // Leaving the time to the bot ("doesn't matter", «s'ka rëndësi», "any time") asks for the first free one;
  // "any time after 2" or "any time in the afternoon" ask for that part's list.
  // Only as a short answer with no time in it: "is there any time on Friday? 12:30 works" asks for 12:30.
  const anyTime = (ANY_TIME.test(norm) && norm.split(" ").length <= 5) || leavesItToUs(text);
  if (!wish.pick && !wish.said && anyTime && !exactTime()) wish.pick = "earliest";
  return wish.pick || wish.said ? wish : null;
}
