import * as chrono from "chrono-node";
import { addDays, nextMonday, tzOffsetMin, weekdayOf, zonedParts, zonedToUtc } from "../clock.ts";
import type { OpeningHours } from "../availability/types.ts";
import { fold } from "./normalize.ts";
import { fixDayTypos } from "./day-typos.ts";
import { parseSq, type WhenFrag } from "./when-parsers.ts";
import { POD_END, applyPartOfDay, type PartOfDay } from "./when-lexicon.ts";

export type { PartOfDay } from "./when-lexicon.ts";

/** A date (and maybe a time) understood in a message, in the business's time zone. */
export interface WhenResult {
  /** The instant; for a date without a time, local midnight of that date. */
  start: Date;
  /** False when only a day was given: ask for the time, never invent one. */
  hasTime: boolean;
  /** Local date YYYY-MM-DD. */
  date: string;
  /** Local time HH:MM, only when hasTime. */
  time?: string;
  /** Part of the day that was said ("nesër në mëngjes"). */
  partOfDay?: PartOfDay;
  /** True when the message named the day; without it, a time is read as today's or tomorrow's. */
  daySaid?: boolean;
  /**
   * "next Wednesday" said before this week's Wednesday: `date` is this week's, and this is next week's
   * (YYYY-MM-DD), which the message may as well have meant. Not set when `WhenOptions.nextWeekday` says which.
   */
  orWeekLater?: string;
}

/** Options for parseWhen. */
export interface WhenOptions {
  now: Date;
  /** IANA zone, default Europe/Tirane. */
  timeZone?: string;
  /** The business's weekly hours, to read an hour without AM/PM ("në 4" -> 16:00). */
  openingHours?: OpeningHours;
  /**
   * Which week "next Wednesday" said before this week's Wednesday means, once the customer said: "this"
   * or "following". Unset, it is this week's, with the other reading in `WhenResult.orWeekLater`.
   */
  nextWeekday?: "this" | "following";
}

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (h: number, m: number) => `${pad(h)}:${pad(m)}`;
const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Reads an hour 1-12 said without AM/PM, against the day's opening hours or a default. */
function readHour(hour: number, minute: number, date: string, hours?: OpeningHours): number {
  if (hour === 12) return 12;
  const intervals = hours?.[String(weekdayOf(date)) as keyof OpeningHours];
  if (intervals?.length) {
    const open = (h: number) =>
      intervals.some((iv) => toMin(iv.open) <= h * 60 + minute && h * 60 + minute < toMin(iv.close));
    const am = open(hour), pm = open(hour + 12);
    if (am && !pm) return hour;
    if (pm && !am) return hour + 12;
  }
  return hour <= 7 ? hour + 12 : hour;
}

function resolveDate(f: WhenFrag, today: string, todayWd: number): string | null {
  const [ty, tm, td] = today.split("-").map(Number);
  if (f.day !== undefined && f.month !== undefined) {
    let y = f.year ?? ty;
    if (f.year === undefined && (f.month < tm || (f.month === tm && f.day < td))) y += 1;
    if (f.day > daysInMonth(y, f.month)) return null;
    return `${y}-${pad(f.month)}-${pad(f.day)}`;
  }
  if (f.addMonths !== undefined) {
    const total = tm - 1 + f.addMonths;
    const y = ty + Math.floor(total / 12), m = (total % 12) + 1;
    return `${y}-${pad(m)}-${pad(Math.min(f.day ?? td, daysInMonth(y, m)))}`;
  }
  if (f.day !== undefined) {
    let y = ty, m = tm;
    if (f.day < td) { m += 1; if (m > 12) { m = 1; y += 1; } }
    for (let i = 0; i < 3 && f.day > daysInMonth(y, m); i++) { m += 1; if (m > 12) { m = 1; y += 1; } }
    return `${y}-${pad(m)}-${pad(f.day)}`;
  }
  const monday = nextMonday(today);
  if (f.weekday !== undefined) {
    if (f.nextWeek) return addDays(monday, (f.weekday + 6) % 7);
    return addDays(today, (f.weekday - todayWd + 7) % 7 || 7);
  }
  if (f.rel !== undefined) return addDays(today, f.rel);
  if (f.weekend) return todayWd === 6 || todayWd === 0 ? today : addDays(today, 6 - todayWd);
  if (f.nextWeek) return monday;
  return null;
}

/** Turns a fragment into a result; null when it names no date or time. */
function resolve(f: WhenFrag, opts: WhenOptions, tz: string): WhenResult | null {
  const now = zonedParts(opts.now, tz);
  if (f.offsetMin !== undefined) {
    const at = zonedParts(new Date(opts.now.getTime() + f.offsetMin * 60_000), tz);
    return { start: zonedToUtc(at.date, at.time, tz), hasTime: true, date: at.date, time: at.time };
  }
  let date = resolveDate(f, now.date, now.weekday);
  const explicitDate = date !== null;
  // "next Wednesday" on a Monday: the day after tomorrow, or the Wednesday of next week. "next Tuesday" on
  // a Monday is next week's: tomorrow is called tomorrow.
  let orWeekLater: string | undefined;
  if (date && f.nextSaid && f.weekday !== undefined && !f.nextWeek && date < nextMonday(now.date)) {
    if (opts.nextWeekday === "following" || (opts.nextWeekday !== "this" && date === addDays(now.date, 1))) date = addDays(date, 7);
    else if (opts.nextWeekday !== "this") orWeekLater = addDays(date, 7);
  }
  if (!date && f.hour === undefined && !f.pod) return null;
  date ??= now.date;
  let time: string | undefined;
  if (f.hour !== undefined) {
    const minute = f.minute ?? 0;
    const at = (d: string) =>
      f.hourFixed ? f.hour! : f.pod ? applyPartOfDay(f.hour!, f.pod) : readHour(f.hour!, minute, d, opts.openingHours);
    let h = at(date);
    if (explicitDate && f.midnight) date = addDays(date, 1); // "sonte në mesnatë": the night's end
    if (!explicitDate && hhmm(h, minute) <= now.time) {
      date = addDays(date, 1);
      h = at(date);
    }
    time = hhmm(h, minute);
  } else if (!explicitDate && f.pod && now.hour >= POD_END[f.pod]) {
    date = addDays(date, 1);
  }
  const start = zonedToUtc(date, time ?? "00:00", tz);
  const out: WhenResult = { start, hasTime: time !== undefined, date };
  if (explicitDate) out.daySaid = true;
  if (orWeekLater) out.orWeekLater = orWeekLater;
  if (time) out.time = time;
  if (f.pod) out.partOfDay = f.pod;
  return out;
}

// "next week", "the following week": with a weekday, that weekday of the week after this one.
const NEXT_WEEK_EN = /\b(?:next|following) week\b/i;
// "next Wednesday", "next wed": which week is asked when it could be this one's.
const NEXT_WEEKDAY_EN = /\bnext\s+(?:mon|tue|wed|thu|fri|sat|sun)/i;

// Only messages with a digit or an English date word reach chrono's (slower) English parsers.
const EN_HINT = /\d|\b(?:today|tonight|tomorrow|yesterday|mon|tue|wed|thu|fri|sat|sun|next|this|week|month|noon|midday|midnight|morning|afternoon|evening|night|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|o'?clock|thirty|fifteen|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)/i;
const EN_NOISE = /^(?:sun|sat|mon|tue|wed|thu|fri|may|mar|now|second|sec|min)\.?$/i;

const HOUR_EN = "(1[0-2]|0?[1-9])";
const HOUR_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const HOUR_WORD = `(${HOUR_WORDS.join("|")})`;
const MINUTE_WORDS: Record<string, string> = { fifteen: "15", thirty: "30", "forty five": "45", "forty-five": "45", fortyfive: "45" };
const hourOf = (w: string) => String(HOUR_WORDS.indexOf(w.toLowerCase()) + 1);
/**
 * English ways of saying a time that chrono does not read, said the way it does: "half past 2" (2:30),
 * "quarter past 3", "quarter to 4" (3:45), "around 11", "about 11", "near 3", "close to 2", "11ish" (at 11), "around noon" and "noonish" (at noon);
 * hours in words ("ten thirty", "seven in the evening", "at nine"), "make it 11", "how about 4"; "about 10
 * minutes" stays.
 */
function plainEnglishTimes(text: string): string {
  return text
    // "sat morn": the morning, shortened.
    .replace(/\bmorn\b/gi, "morning")
    // "bring my cleaning forward to 9", "push it back to 4", "move it to 11" (and "to 9" or "it to 12" cut
    // after such a verb): "to" an hour is that hour (not "to 12 December", "to the 9th").
    .replace(/\b((?:move|moved|moving|change|changed|bring|push|put|shift|switch|reschedule|make)\b(?:\s+\S+){0,4}?\s+|(?:forward|back)\s+|^\s*(?:(?:it|this|that|them|mine)\s+)?)to (\d{1,2}(?::\d{2})?)(?![\d:]|\s*(?:st|nd|rd|th|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|minutes?|mins?|hours?|hrs?|days?|weeks?|people|persons?)\b|[./-]\d)/gi, (_, before: string, h: string) => `${before}at ${h}`)
    // "the last one of the day": "the day" names no day (chrono reads it as tomorrow's).
    .replace(/\b(?:of )?the day\b(?!\s+(?:after|before)\b)/gi, " ")
    // Hours in words: "ten thirty", "seven in the evening", "at nine", "eleven o'clock".
    .replace(new RegExp(`\\b${HOUR_WORD}[\\s-](fifteen|thirty|forty[\\s-]?five)\\b`, "gi"), (_, h: string, m: string) => `${hourOf(h)}:${MINUTE_WORDS[m.toLowerCase().replace(/\s+/, " ")] ?? "00"}`)
    .replace(new RegExp(`\\b${HOUR_WORD}(?=\\s*(?:o'?clock|[ap]\\.?m\\b|in the (?:morning|afternoon|evening)|at night|tonight))`, "gi"), (_, h: string) => hourOf(h))
    .replace(new RegExp(`\\b(at|around|about) ${HOUR_WORD}\\b`, "gi"), (_, at: string, h: string) => `${at} ${hourOf(h)}`)
    .replace(new RegExp(`\\b(half past|half|(?:a )?quarter past|(?:a )?quarter to) ${HOUR_WORD}\\b`, "gi"), (_, q: string, h: string) => `${q} ${hourOf(h)}`)
    .replace(new RegExp(`\\bhalf past ${HOUR_EN}\\b`, "gi"), (_, h) => `at ${h}:30`)
    // British "half 4" (half past four), not "half an hour".
    .replace(new RegExp(`\\bhalf ${HOUR_EN}\\b(?!\\s*(?:hours?|hrs?|min\\w*|days?|price|lek|euro|%))`, "gi"), (_, h) => `at ${h}:30`)
    .replace(new RegExp(`\\b(?:a )?quarter past ${HOUR_EN}\\b`, "gi"), (_, h) => `at ${h}:15`)
    .replace(new RegExp(`\\b(?:a )?quarter to ${HOUR_EN}\\b`, "gi"), (_, h) => `at ${Number(h) === 1 ? 12 : Number(h) - 1}:45`)
    .replace(new RegExp(`\\b(?:at )?(?:around|about|approximately|roughly|circa|(?:somewhere )?near|close to|as close to)\\s+(?:at\\s+)?(\\d{1,2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?)(?!\\s*(?:min|hour|hr|day|week|people|person|euro|lek|%))`, "gi"), (_, t) => `at ${t}`)
    .replace(/\b(?:at )?(?:around|about|approximately|roughly|circa)\s+(?:at\s+)?(noon|midday|midnight)\b/gi, (_, w: string) => `at ${/midday/i.test(w) ? "noon" : w}`)
    .replace(/\b(\d{1,2})\s*-?ish\b/gi, (_, h) => `at ${h}`)
    .replace(/\b(?:at )?(noon|midday)\s*-?ish\b/gi, "at noon")
    // "is 3 ok?", "would 4 work?", "is 10:30 free?": a time asked about.
    .replace(/\b(is|would|will|does|could)\s+(\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)\s+(?=(?:ok|okay|fine|good|possible|free|available|alright|work|suit|do)\b)/gi, (_, w: string, t: string) => `${w} at ${t} `)
    // "9 would be great", "10 works", "3 would suit me", "10 if possible", "11 instead": a time said as a wish.
    .replace(/\b(\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)\s+(?=(?:would be|would work|would suit|suits|works|will do|instead|is (?:fine|good|great|ok|okay|perfect|best|ideal)|if (?:possible|you can|that works|that's ok|that is ok))\b)/gi, (_, t) => `at ${t} `)
    // "around 1700", "at 0930", "1700h": a time of four digits (a 24-hour clock without its colon).
    .replace(/\b(at|around|about|by|after|before|from)\s+([01]\d|2[0-3])(00|15|30|45)\b(?!\s*(?:lek|euro|eur|people|persons?|[.:,/-]\d))/gi, (_, at: string, h: string, m: string) => `${at} ${h}:${m}`)
    .replace(/\b([01]\d|2[0-3])(00|15|30|45)\s*(?:h|hrs|hours)\b/gi, (_, h: string, m: string) => `at ${h}:${m}`)
    // "…, like 3?", "…, say 10", "maybe 4pm": a time given as an example, at the end of a clause ("I'd like
    // 3" at a list is its third choice).
    .replace(/(?:(?:^|[,(–—?.!-])\s*(?:like|say)|\b(?:maybe|perhaps|ideally))\s+(\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)(?=\s*(?:$|[,.;:!?)]|o'?clock\b|or\b|if\b|ish\b))/gi, (_, t) => ` at ${t}`)
    // "make it 11", "how about 4?": a time asked for instead of another.
    .replace(/\b(?:make it|how about|what about)\s+(\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)(?!\s*(?:min|hour|hr|day|week|people|person|euro|lek|%|\d))/gi, (_, t) => `at ${t}`)
    // "Saturday 7 in the evening": an hour with its part of the day, read as a time (chrono needs its "at").
    .replace(/(?<!\b(?:at|around|about|by|after|before|from|until|till|past|to|half)\s)(?<![\d:.])\b(\d{1,2}(?::\d{2})?)\s+(?=in the (?:morning|afternoon|evening)\b|at night\b)/gi, (_, t: string) => `at ${t} `)
    // "at 7 in the evening on Thursday": the hour with its part of the day as one time ("at 7pm"), so the day
    // said after it is read too.
    .replace(/\bat (\d{1,2})(:\d{2})? in the (morning|afternoon|evening)\b/gi, (all: string, h: string, m: string | undefined, part: string) =>
      Number(h) >= 1 && Number(h) <= 11 ? `at ${h}${m ?? ""}${/morning/i.test(part) ? "am" : "pm"}` : all);
}

const COUNT_EN: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
/**
 * "a week from today", "3 days from now", "two weeks from tomorrow", said as chrono reads them ("in 7 days"):
 * chrono otherwise joins "today" to a time said after it and drops the week.
 */
function daysFromEn(text: string): string {
  return text.replace(/\b(an?|one|two|three|four|five|six|\d{1,2})\s+(day|week)s?\s+from\s+(today|now|tomorrow)\b/gi, (whole, n: string, unit: string, from: string) => {
    const count = COUNT_EN[n.toLowerCase()] ?? Number(n);
    if (!Number.isInteger(count) || count < 1) return whole;
    return `in ${count * (/week/i.test(unit) ? 7 : 1) + (/tomorrow/i.test(from) ? 1 : 0)} days`;
  });
}

const WEEKDAY_WEEK = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday) week\b/i;

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * "on the 4th" without a month, said as chrono reads it: that day of this month, or of the next one when
 * it has passed ("the 4th" on 30 November is 4 December).
 */
function dayOfMonth(text: string, now: Date, tz: string): string {
  return text.replace(/\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b(?! (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi, (whole, d: string) => {
    const day = Number(d);
    if (day < 1 || day > 31) return whole;
    const today = zonedParts(now, tz).date;
    const month = Number(today.slice(5, 7)) - 1 + (day < Number(today.slice(8, 10)) ? 1 : 0);
    return `on ${MONTHS_EN[month % 12]} ${day}`;
  });
}

/** English fallback through chrono's casual parser, as a fragment resolved the same way. */
function englishFrag(raw: string, opts: WhenOptions, tz: string): WhenFrag | null {
  if (!EN_HINT.test(raw)) return null;
  // "Thursday week" (British): a week after the coming Thursday; chrono reads the weekday without "week".
  const weekOn = WEEKDAY_WEEK.test(raw);
  const text = dayOfMonth(plainEnglishTimes(daysFromEn(weekOn ? raw.replace(WEEKDAY_WEEK, "$1") : raw)), opts.now, tz);
  const ref = { instant: opts.now, timezone: tzOffsetMin(opts.now, tz) };
  const all = chrono.casual.parse(text, ref, { forwardDate: true });
  // The most definite day said wins: a date ("December 5th") over a weekday over "next week" or "evening"
  // ("Good evening! … on Wednesday at 4:30 pm", "visiting next week, but … on December 5th").
  const dated = (x: chrono.ParsedResult) => x.start.isCertain("day") && x.start.isCertain("month");
  const rank = (x: chrono.ParsedResult) => (dated(x) && /\d/.test(x.text) ? 3 : dated(x) ? 2 : x.start.isCertain("weekday") ? 1 : 0);
  let r = [...all].sort((a, b) => rank(b) - rank(a))[0];
  // "sometime next week, Tuesday morning ideally", "Tuesday next week": that weekday of next week.
  const nextWeek = NEXT_WEEK_EN.test(text);
  const weekday = all.find((x) => x.start.isCertain("weekday") && !x.start.isCertain("day"));
  if (r && nextWeek && weekday && NEXT_WEEK_EN.test(r.text) && !r.start.isCertain("weekday")) r = weekday;
  if (!r || EN_NOISE.test(r.text.trim()) || /^\d+$/.test(r.text.trim())) return null;
  const s = r.start as chrono.ParsingComponents;
  const f: WhenFrag = {};
  if (/\bday after tomorrow\b/i.test(text)) f.rel = 2;
  if (f.rel !== undefined) {
    // chrono reads "day after tomorrow at 10" as tomorrow
  } else if (s.isCertain("weekday") && !s.isCertain("day") && weekOn) {
    const today = zonedParts(opts.now, tz);
    const date = addDays(today.date, ((s.get("weekday")! - today.weekday + 7) % 7 || 7) + 7);
    [f.year, f.month, f.day] = date.split("-").map(Number);
  } else if (s.isCertain("weekday") && !s.isCertain("day")) {
    f.weekday = s.get("weekday")!; // "friday" on a Friday is next week's, as in Albanian
    if (nextWeek) f.nextWeek = true;
    else if (NEXT_WEEKDAY_EN.test(text)) f.nextSaid = true;
  } else if (!s.isOnlyTime()) {
    f.year = s.get("year")!; f.month = s.get("month")!; f.day = s.get("day")!;
  }
  // A day and a time said apart ("Friday, could it be at 5?"): the time is the next one chrono found.
  const timed = s.isCertain("hour") ? s : (all.find((o) => o !== r && (o.start as chrono.ParsingComponents).isOnlyTime() && o.start.isCertain("hour"))?.start as chrono.ParsingComponents | undefined);
  if (timed) {
    f.hour = timed.get("hour")!;
    f.minute = timed.get("minute") ?? 0;
    f.hourFixed = timed.isCertain("meridiem") || f.hour === 0 || f.hour > 12;
  }
  return f;
}

const hasDate = (f: WhenFrag) =>
  f.rel !== undefined || f.day !== undefined || f.weekday !== undefined || f.nextWeek ||
  f.weekend || f.addMonths !== undefined || f.offsetMin !== undefined;

/** Masks e-mail addresses and links, keeping positions. */
function mask(text: string): string {
  return text.replace(/\S+@\S+|https?:\/\/\S+|www\.\S+/g, (m) => " ".repeat(m.length));
}

/**
 * Understands a date and/or time in an Albanian (or English) message, e.g. "nesër në orën 10",
 * "të hënën pasdite", "3 dhjetor ora 7 e mbrëmjes". Dates without a year are the next such date;
 * an hour without AM/PM is read against the opening hours (or 1-7 PM, 8-11 AM). Null when the
 * message holds no date or time (a bare "3" is a menu choice, not a date).
 */
export function parseWhen(text: string, opts: WhenOptions): WhenResult | null {
  const fixed = fixDayTypos(text);
  // "not Thursday but Friday", "të premten, jo të enjten": the day said with "not" is not the one meant,
  // when the text names another.
  const kept = withoutNegatedDays(fixed);
  const other = kept !== fixed ? readWhen(kept, opts) : null;
  return other?.daySaid ? other : readWhen(fixed, opts);
}

// A day said with "not" or "jo" before it ("not Thursday", "not on Friday", "jo të enjten", "jo nesër").
const NEGATED_DAY = new RegExp(
  "(?:^|(?<=[\\s,(]))(?:not|jo)\\s+(?:(?:on|this|the|te|ne|per|e)\\s+)*" +
    "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|" +
    "hene|henen|marte|marten|merkure|merkuren|enjte|enjten|premte|premten|shtune|shtunen|diele|dielen|sot|neser|pasneser)" +
    "(?![\\p{L}\\d])",
  "gu",
);

/** `text` with the days said with "not" blanked out (same length), or `text` itself when there are none. */
function withoutNegatedDays(text: string): string {
  const folded = fold(text);
  let out = text;
  for (const m of folded.matchAll(NEGATED_DAY)) out = out.slice(0, m.index) + " ".repeat(m[0].length) + out.slice(m.index + m[0].length);
  return out;
}

/** {@link parseWhen} on a text whose day slips are already corrected. */
function readWhen(text: string, opts: WhenOptions): WhenResult | null {
  const tz = opts.timeZone ?? "Europe/Tirane";
  const masked = mask(text);
  const folded = fold(masked);
  const sq = parseSq(folded, masked, opts.now);
  if (sq && hasDate(sq)) {
    // "on 5/12 at 10": the date read as Albanian writes it, the time said in English.
    const en = sq.hour === undefined && !sq.pod ? englishFrag(masked, opts, tz) : null;
    return resolve(en?.hour !== undefined ? { ...sq, hour: en.hour, minute: en.minute, hourFixed: en.hourFixed } : sq, opts, tz);
  }
  // No Albanian date: English may name one ("tomorrow at 5pm"); Albanian time wins when both.
  const en = englishFrag(masked, opts, tz);
  if (!en) return sq ? resolve(sq, opts, tz) : null;
  if (!sq) return resolve(en, opts, tz);
  const both: WhenFrag = { ...sq, year: en.year, month: en.month, day: en.day, weekday: en.weekday, nextWeek: sq.nextWeek || en.nextWeek, nextSaid: sq.nextSaid || en.nextSaid };
  if (sq.hour === undefined && en.hour !== undefined) Object.assign(both, { hour: en.hour, minute: en.minute, hourFixed: en.hourFixed });
  return resolve(both, opts, tz);
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-26T10:00:00+01:00. */
export function isoWithOffset(instant: Date, timeZone = "Europe/Tirane"): string {
  const p = zonedParts(instant, timeZone);
  const off = tzOffsetMin(instant, timeZone);
  const sign = off >= 0 ? "+" : "-";
  const a = Math.abs(off);
  return `${p.date}T${p.time}:${pad(p.second)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
