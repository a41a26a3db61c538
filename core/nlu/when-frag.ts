import { ParsingComponents, type ParsingContext, type ParsingResult, type Refiner } from "chrono-node";
import { BOUND_WORDS_SQ, HOUR_NOUNS_SQ, type PartOfDay } from "./when-lexicon.ts";

/** What the Albanian parsers understood in a message, before it is resolved against "now". */
export interface WhenFrag {
  rel?: number; // days from today (sot 0, nesër 1)
  weekday?: number; // 0 = Sunday
  nextWeek?: boolean; // "javën tjetër"
  /** A weekday said as the "next" one ("next Wednesday", «të mërkurën tjetër»), without naming the week. */
  nextSaid?: boolean;
  weekend?: boolean;
  day?: number;
  month?: number;
  year?: number;
  addMonths?: number;
  offsetMin?: number; // "pas 2 orësh"
  hour?: number;
  minute?: number;
  /** True when the hour needs no AM/PM reading (24 h form, leading zero, am/pm). */
  hourFixed?: boolean;
  pod?: PartOfDay;
  /** "mesnatë": 00:00 at the end of the day named (or the coming one). */
  midnight?: boolean;
}

/** Fragments by the chrono components they were made into. */
export const frags = new WeakMap<ParsingComponents, WhenFrag>();

/** The fragment attached to a chrono result by the Albanian parsers. */
export function fragOf(result: ParsingResult): WhenFrag | undefined {
  return frags.get(result.start);
}

/** Chrono components carrying a fragment. */
export function make(context: ParsingContext, frag: WhenFrag, tag: string): ParsingComponents {
  const c = new ParsingComponents(context.reference);
  if (frag.day) c.assign("day", frag.day);
  if (frag.month) c.assign("month", frag.month);
  if (frag.year) c.assign("year", frag.year);
  if (frag.hour !== undefined) c.assign("hour", frag.hour);
  if (frag.minute !== undefined) c.assign("minute", frag.minute);
  if (frag.weekday !== undefined) c.assign("weekday", frag.weekday);
  c.addTag(`parser/sq/${tag}`);
  frags.set(c, frag);
  return c;
}

/** Drops results that overlap a longer one, then merges all fragments of the message into one. */
// The words before an hour that make it a bound of the day, not the time asked for ("pas orës", "para").
const BOUND_BEFORE = new RegExp(`(?:^| )(?:${BOUND_WORDS_SQ}|deri)(?: (?:${HOUR_NOUNS_SQ}))?\\s*$`);
// The same words at the start of a fragment that holds them ("pas ores 2").
const BOUND_WORD = new RegExp(`^(?:${BOUND_WORDS_SQ}|deri)(?: (?:${HOUR_NOUNS_SQ}))? `);

export const mergeRefiner: Refiner = {
  refine: (_context, results) => {
    const kept: ParsingResult[] = [];
    const byLength = [...results].sort((a, b) => b.text.length - a.text.length || a.index - b.index);
    for (const r of byLength) {
      const overlaps = kept.some((k) => r.index < k.index + k.text.length && k.index < r.index + r.text.length);
      if (!overlaps) kept.push(r);
    }
    kept.sort((a, b) => a.index - b.index);
    if (kept.length <= 1) return kept;
    const merged: WhenFrag = {};
    // An hour that bounds a part of the day ("pas orës 2") gives way to an hour said plainly after it ("…
    // pas orës 2? në 3 do ishte mirë" asks for 15:00); alone, it is read as before.
    let bound = false;
    for (const r of kept) {
      const f = frags.get(r.start);
      if (!f) continue;
      const bounds = BOUND_BEFORE.test(`${_context.text.slice(0, r.index)}${BOUND_WORD.exec(r.text)?.[0] ?? ""}`);
      if (bound && f.hour !== undefined && !bounds) {
        delete merged.hour;
        delete merged.minute;
        delete merged.hourFixed;
        bound = false;
      }
      if (f.hour !== undefined && merged.hour === undefined) bound = bounds;
      const hasDate = merged.rel !== undefined || merged.day !== undefined || merged.weekday !== undefined ||
        merged.offsetMin !== undefined || merged.addMonths !== undefined || merged.weekend;
      const fDate = f.rel !== undefined || f.day !== undefined || f.weekday !== undefined ||
        f.offsetMin !== undefined || f.addMonths !== undefined || f.weekend;
      // "sot pas 2 orësh": the offset says more than "today".
      if (f.offsetMin !== undefined && merged.rel === 0 && merged.hour === undefined) { delete merged.rel; merged.offsetMin = f.offsetMin; }
      else if (fDate && !hasDate) Object.assign(merged, pick(f, ["rel", "weekday", "day", "month", "year", "addMonths", "offsetMin", "weekend"]));
      // "e shtunë 28 nëntor": the calendar date wins over the weekday said with it.
      else if (f.day !== undefined && f.month !== undefined && merged.day === undefined && merged.rel === undefined) {
        delete merged.weekday;
        Object.assign(merged, pick(f, ["day", "month", "year"]));
      }
      else if (f.weekday !== undefined && merged.weekday === undefined && merged.day === undefined) merged.weekday = f.weekday;
      if (f.nextWeek) merged.nextWeek = true;
      if (f.nextSaid) merged.nextSaid = true;
      if (f.hour !== undefined && merged.hour === undefined) Object.assign(merged, pick(f, ["hour", "minute", "hourFixed"]));
      if (f.pod && !merged.pod) merged.pod = f.pod;
      if (f.midnight && merged.hour === 0) merged.midnight = true;
    }
    const first = kept[0], last = kept[kept.length - 1];
    const out = first.clone();
    out.text = _context.text.slice(first.index, last.index + last.text.length);
    out.start = make(_context, merged, "merged");
    return [out];
  },
};

function pick(f: WhenFrag, keys: Array<keyof WhenFrag>): Partial<WhenFrag> {
  const o: Partial<WhenFrag> = {};
  for (const k of keys) if (f[k] !== undefined) (o as Record<string, unknown>)[k] = f[k];
  return o;
}

