import type { Choice } from "../../core/conversation/messages.ts";
import { wordMatches } from "../../core/nlu/match.ts";
import { normalize } from "../../core/nlu/normalize.ts";

/** What typed text picks among a prompt's choices. */
export type ChoiceMatch =
  | { kind: "one"; id: string }
  /** Several choices fit equally well: ask which, listing only these. */
  | { kind: "many"; ids: string[] }
  | { kind: "none" };

/**
 * Words around a choice that do not say which one ("te berberi ardit", "ai në Tiranë", "dua të parin",
 * "the one at ..."), normalised.
 */
const FILLER = new Set([
  "te", "tek", "ne", "n", "per", "dua", "du", "me", "ma", "the", "at", "ai", "ajo", "ate", "aty", "nje", "nji",
  "a", "i", "e", "to", "in", "one", "please", "pls", "lutem", "ju", "want", "i d", "like", "ku", "kete", "ket",
]);

/** Ordinal words (after "i"/"e", which are fillers) -> position; -1 is the last. */
const ORDINALS: Record<string, number> = {
  pari: 1, parin: 1, para: 1, paren: 1, first: 1,
  dyti: 2, dytin: 2, dyta: 2, dyten: 2, second: 2,
  treti: 3, tretin: 3, treta: 3, treten: 3, third: 3,
  katerti: 4, katertin: 4, katerta: 4, katerten: 4, fourth: 4,
  pesti: 5, pestin: 5, pesta: 5, pesten: 5, fifth: 5,
  fundit: -1, fundi: -1, last: -1,
};

const NUMBERED = /^(?:(?:numri|numrin|numer|nr|no|number|opsioni|option) )?(\d{1,2})$/;
const isGlobal = (c: Choice) => c.id.startsWith("g.");
const valueOf = (c: Choice) => c.id.slice(c.id.indexOf(".") + 1);

/** The name part of a label: "Prerje flokësh · 30 min · 800 lekë" -> "prerje floksh", "Berberi Ardit (Tiranë)" -> "berberi ardit". */
function nameWords(label: string): string[] {
  const name = label.split(" · ")[0].replace(/\([^)]*\)/g, " ");
  return normalize(name).split(" ").filter((w) => w && !FILLER.has(w));
}

/**
 * The items a word ordinal counts over: the step's own options (ids with a kind, "b:…", "v:…", "d:…"),
 * not navigation ("more", "days") or global buttons ("g.back"); all non-global choices when none has a kind.
 */
function items(choices: Choice[]): Choice[] {
  const own = choices.filter((c) => !isGlobal(c));
  const kinded = own.filter((c) => valueOf(c).includes(":"));
  return kinded.length ? kinded : own;
}

/** How well a typed word fits a choice's word: 3 the same, 2 an inflection or typo, 1 an abbreviation, 0 not at all. */
function fit(typed: string, known: string): number {
  if (typed === known) return 3;
  if (wordMatches(typed, known)) return 2;
  return typed.length >= 3 && known.startsWith(typed) ? 1 : 0;
}

/**
 * Among times ("09:00", "14:00"), the one on the hour a bare number names: the hour itself from 8 to 12
 * ("9" is 09:00), the afternoon's before the morning's from 1 to 7 ("2" is 14:00), as the day reader reads
 * an hour without AM/PM; undefined when no such time is offered.
 */
function hourChoice(n: number, choices: Choice[]): Choice | undefined {
  if (n < 1 || n > 23) return undefined;
  const hours = n >= 13 ? [n] : n >= 8 ? [n, n + 12] : [n + 12, n];
  for (const h of hours) {
    const label = `${String(h % 24).padStart(2, "0")}:00`;
    // A time alone ("11:00"), or a day's time ("e premte, 4 dhjetor në 11:00"): the first offered, the
    // asked day's before the next days'.
    const c = choices.find((x) => x.label === label) ?? choices.find((x) => x.label.endsWith(` ${label}`));
    if (c) return c;
  }
  return undefined;
}

// Words said around a bare hour that take one of the times offered: "11 then", "ok, 10 atëherë".
const AROUND_HOUR = new Set(["then", "atehere", "ateher", "ok", "okay", "pra", "mire", "fine", "please", "pls", "ju", "lutem", "po", "yes"]);

/**
 * Matches typed text against the choices of the last prompt: its number ("2", "numri 2"), an ordinal
 * ("i pari", "e dyta", "i fundit"), the label or its words (diacritics and case ignored, one typo in
 * words of 5+ letters, inflections), the choice's extra terms (city, catalog aliases), with words
 * around it ignored. One shared matcher for every step with choices. With `hours` (a channel that shows
 * choices as buttons, not as a numbered list), a bare number among times is the time on that hour ("9" is
 * 09:00, not the ninth button).
 */
export function matchChoice(text: string, choices: Choice[], opts: { hours?: boolean } = {}): ChoiceMatch {
  const norm = normalize(text);
  if (!norm || !choices.length) return { kind: "none" };
  const numbered = NUMBERED.exec(norm);
  // Only a bare number: "numri 9" is the ninth choice wherever it is typed.
  if (numbered && opts.hours && numbered[1] === norm) {
    const time = hourChoice(Number(numbered[1]), choices);
    if (time) return { kind: "one", id: time.id };
  }
  const hourWith = opts.hours ? norm.split(" ").filter((w) => !AROUND_HOUR.has(w)) : [];
  if (hourWith.length === 1 && hourWith[0] !== norm && /^\d{1,2}$/.test(hourWith[0])) {
    const time = hourChoice(Number(hourWith[0]), choices);
    if (time) return { kind: "one", id: time.id };
  }
  if (numbered) {
    const c = choices[Number(numbered[1]) - 1];
    return c ? { kind: "one", id: c.id } : { kind: "none" };
  }
  const exact = choices.filter((c) => normalize(c.label) === norm);
  if (exact.length === 1) return { kind: "one", id: exact[0].id };

  const words = norm.split(" ").filter((w) => !FILLER.has(w));
  if (!words.length) return { kind: "none" };
  if (words.length === 1 && ORDINALS[words[0]] !== undefined) {
    const list = items(choices);
    const n = ORDINALS[words[0]];
    const c = n === -1 ? list[list.length - 1] : list[n - 1];
    return c ? { kind: "one", id: c.id } : { kind: "none" };
  }
  // Numbers are times, dates or prices, read by the step itself ("në 10" is not "10:30").
  if (words.some((w) => /^\d+$/.test(w))) return { kind: "none" };

  const typed = words.join(" ");
  const scored: { c: Choice; named: boolean; whole: boolean; aliasHits: number; begins: boolean }[] = [];
  for (const c of choices) {
    const terms = (c.terms ?? []).map(normalize).filter(Boolean);
    const termWords = terms.flatMap((t) => t.split(" "));
    const vocab = [...normalize(c.label).split(" "), ...termWords].filter(Boolean);
    if (!words.every((w) => vocab.some((v) => fit(w, v) > 0))) continue;
    const name = nameWords(c.label);
    scored.push({
      c,
      named: name.length > 0 && name.every((n) => words.some((w) => fit(w, n) >= 2)),
      whole: terms.includes(typed),
      aliasHits: words.filter((w) => termWords.includes(w)).length,
      begins: name.length >= words.length && words.every((w, i) => fit(w, name[i]) > 0),
    });
  }
  if (scored.length === 1) return { kind: "one", id: scored[0].c.id };
  if (!scored.length) return { kind: "none" };
  // Several fit. "Prerje flokësh" names one service whole, though "Prerje flokësh dhe mjekre" holds both
  // words; "haircut" is one service's whole other name; "floktar" is a word the catalog gives one of them.
  for (const pick of [(x: (typeof scored)[0]) => x.named, (x: (typeof scored)[0]) => x.whole]) {
    const only = scored.filter(pick);
    if (only.length === 1) return { kind: "one", id: only[0].c.id };
  }
  const top = Math.max(...scored.map((x) => x.aliasHits));
  const best = scored.filter((x) => x.aliasHits === top);
  if (top > 0 && best.length === 1) return { kind: "one", id: best[0].c.id };
  // A word that begins one name and ends another's is the first: «prerje» at Berber Kalaja is «Prerje
  // flokësh», not «Larje dhe prerje» (as in a typed request); where it begins several, they are asked about.
  const begins = scored.filter((x) => x.begins);
  if (begins.length === 1) return { kind: "one", id: begins[0].c.id };
  return { kind: "many", ids: scored.map((x) => x.c.id) };
}
