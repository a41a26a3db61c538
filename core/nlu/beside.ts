import { fold, normalize } from "./normalize.ts";

// "the same again", "another one of those", "same as last time", «të njëjtën gjë», «të njëjtin shërbim»,
// «si herën e kaluar», «përsëri», «prapë», «sërish», "the same massage", «të njëjtin masazh» (not "the same day"
// or "the same time", said on their own).
const SAME = /(?:^| )(?:(?:the )?same (?:again|thing|one|service|as (?:before|last time|last week))|(?:book|do|get|make) (?:me |us |it )?(?:the )?same(?! (?:time|day|hour|slot|week))|another (?:one )?of (?:those|these|them|the same)|one more of (?:those|these)|(?:book|do) (?:it|that|this) again|(?:te |ne )?njejt(?:en|in|at) (?:gje|sherbim\w*)|te njejt(?:en|in)(?! \S*(?:dit|or|koh|jav|orar))|(?:the )?same (?!(?:time|day|hour|slot|week|weekday|date|people|person|thing|again|one|service|as|way|to|but|please|price|cost|amount|address|number|name|email|phone)(?= |$))[a-z]{3,}|si (?:heren|here) e (?:kaluar|fundit|pare)|perseri|prape|serish|njesoj si (?:heren|here))(?= |$)/;

// "also", "as well", "another", "one more", «edhe një», «një tjetër», «gjithashtu» (not "another day" or «një
// ditë tjetër», which move a booking).
const ALSO = /(?:^| )(?:also|as well|too|another(?! (?:day|time|date|hour|slot|week))|one more|a second|edhe (?:nje|per|te|ne)|nje tjeter|gjithashtu|dhe nje|edhe (?:\d+|dy|tre|kater|pese)|(?:\d+|two|three|four|five|a few|couple of) more)(?= |$)/;

// "right after it", "straight after my haircut", «menjëherë pas», «direkt pas vizitës», «pas saj», «pas meje» (not "after
// 3pm" or «pas orës 15», which ask for a part of the day).
const RIGHT_AFTER = /(?:^| )(?:(?:right|straight|directly|just|immediately) after|after (?:it|that|mine|this one|the first(?: one)?)|(?:menjehere|direkt|drejt|fill|sakaq) pas|pas (?:saj|tij|asaj|atij|kesaj|ketij|meje|nesh)|after (?:me|us))(?= |$)/;

// "one such session", "another session like that", «një seancë të tillë», «një të tillë»: the same service, whatever
// word names its kind (not "like that one at Ardit", where a business follows).
const SUCH = /(?:^| )(?:(?:nje |edhe nje )(?:\S+ )?(?:te|i|e) till(?:e|a)|(?:another|one more|one)(?: \S+)? like (?:that|this|it|the last(?: one)?)(?= |$)(?! (?:at|in|te|ne) )|one such)(?= |$)/;

/** What a request for another booking says of one already made: the same service, "also", right after it. */
export interface Beside {
  /** The same service again ("the same again", «të njëjtën gjë»). */
  same: boolean;
  /** Said as "such" ("one such session", «një seancë të tillë»): the word for its kind names the booked service. */
  such?: boolean;
  /** One more booking beside it ("also", «edhe një»). */
  also: boolean;
  /** Starting when it ends ("right after", «menjëherë pas»). */
  after: boolean;
}

/** How a booking request refers to a booking already made, or null when it does not. */
export function besideWords(text: string): Beside | null {
  const norm = normalize(text);
  const such = SUCH.test(norm);
  const said = { same: such || SAME.test(norm), also: ALSO.test(norm), after: RIGHT_AFTER.test(norm), ...(such ? { such } : {}) };
  return said.same || said.also || said.after ? said : null;
}

// The words that name the booking a new one comes after ("right after my haircut", «menjëherë pas vizitës»),
// on the folded text, whose characters stand where the typed ones do.
const AFTER_WHAT = /(?:^|[\s,.;:!?])(?:(?:right|straight|directly|just|immediately) after(?: (?:my|the|it|that|mine|this|our)(?= |$))?(?: [\p{L}'’-]+)?|(?:menjehere|direkt|drejt|fill|sakaq) pas(?: [\p{L}'’-]+)?(?: (?:sime|tim|time|tone|tona))?)(?=[\s,.;:!?]|$)/u;

// "after the facial", "after my check-up", «pas prerjes», «pas vizitës»: a word after "after" that may name a
// booked service (the caller checks that it does; "after the weekend", «pas drekës» name none).
const AFTER_WORD = /(?:^|[\s,.;:!?])(?:after (?:the|my|our|his|her) ([\p{L}'’-]+)|pas ([\p{L}'’-]+)(?: (?:sime|tim|time|tone|tona))?)(?=[\s,.;:!?]|$)/u;

/**
 * The word of "after the facial" / «pas prerjes» that may name the booking a new one comes after, and the
 * request without those words; null when the request has none.
 */
export function afterWord(text: string): { word: string; rest: string } | null {
  const m = AFTER_WORD.exec(fold(text));
  const word = m?.[1] ?? m?.[2];
  if (!m || !word) return null;
  return { word, rest: `${text.slice(0, m.index)}${text.slice(m.index + m[0].length)}`.replace(/\s{2,}/g, " ").trim() };
}

/**
 * A request without the words that name the booking it comes after ("a cleaning right after my check-up"
 * -> "a cleaning"): they name no service to book.
 */
export function withoutAfterWhat(text: string): string {
  const m = AFTER_WHAT.exec(fold(text));
  return m ? `${text.slice(0, m.index)}${text.slice(m.index + m[0].length)}`.replace(/\s{2,}/g, " ").trim() : text;
}
