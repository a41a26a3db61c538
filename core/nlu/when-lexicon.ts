/** Folded (no diacritics, lowercase) Albanian words for dates and times, standard and Gheg. */

/** A part of the day. */
export type PartOfDay = "morning" | "noon" | "afternoon" | "evening" | "night";

/** Number words 1..31 (folded), both "tre" and "tri", Gheg "nji"/"pes". */
export const NUMBER_WORDS: Record<string, number> = {
  nje: 1, nji: 1, dy: 2, tre: 3, tri: 3, kater: 4, pese: 5, pes: 5, gjashte: 6, gjasht: 6,
  shtate: 7, shtat: 7, tete: 8, tet: 8, nente: 9, nand: 9, nande: 9, dhjete: 10, dhete: 10,
  njembedhjete: 11, njimbedhjete: 11, dymbedhjete: 12, trembedhjete: 13, katermbedhjete: 14,
  pesembedhjete: 15, gjashtembedhjete: 16, shtatembedhjete: 17, tetembedhjete: 18,
  nentembedhjete: 19, njezet: 20, njezete: 20, "njezet e nje": 21, "njezet e dy": 22,
  "njezet e tre": 23, "njezet e kater": 24, "njezet e pese": 25, "njezet e gjashte": 26,
  "njezet e shtate": 27, "njezet e tete": 28, "njezet e nente": 29, tridhjete: 30,
  "tridhjete e nje": 31,
};

/** Alternation of number words, longest first so "njezet e nje" wins over "njezet". */
export const NUMBER_WORD_RE = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, "\\s+"))
  .join("|");

/** Reads "12", "dy", "njezet e nje" (folded) as a number, or NaN. */
export function readNumber(s: string): number {
  const t = s.trim().replace(/\s+/g, " ");
  if (/^\d+$/.test(t)) return Number(t);
  return NUMBER_WORDS[t] ?? NaN;
}

/** Month stems (folded) -> month number; matched with their definite forms. */
export const MONTHS: Array<[RegExp, number]> = [
  [/^jan/, 1], [/^shk/, 2], [/^mar/, 3], [/^pri/, 4], [/^maj/, 5], [/^qer/, 6],
  [/^kor/, 7], [/^gus/, 8], [/^sht/, 9], [/^tet/, 10], [/^nen|^nan/, 11], [/^dhj/, 12],
];

/** Month names with definite forms and short forms ("dhj", "nen."). */
export const MONTH_RE =
  "janar(?:it|i)?|shkurt(?:it|i)?|mars(?:it|i)?|prill(?:it|i)?|maj(?:it|i)?|qershor(?:it|i)?|" +
  "korrik(?:ut|u)?|gusht(?:it|i)?|shtator(?:it|i)?|tetor(?:it|i)?|nentor(?:it|i)?|nandor(?:it|i)?|" +
  "dhjetor(?:it|i)?|jan|shk|pri|qer|kor|gus|tet|nen|dhj";

/** Month number for a matched month word. */
export function monthOf(word: string): number {
  for (const [re, m] of MONTHS) if (re.test(word)) return m;
  return NaN;
}

/** Weekday forms: [regex alternation, weekday 0=Sunday]; nominative forms are listed separately. */
export const WEEKDAYS: Array<{ wd: number; definite: string; nominative: string }> = [
  { wd: 1, definite: "henen|hena|hanen|hana|henes|hanes", nominative: "hene|hane" },
  { wd: 2, definite: "marten|marta|martes", nominative: "marte" },
  { wd: 3, definite: "merkuren|merkura|merkuri|merkures", nominative: "merkure" },
  { wd: 4, definite: "enjten|enjtja|enjtes", nominative: "enjte" },
  { wd: 5, definite: "premten|premtja|premtes", nominative: "premte" },
  { wd: 6, definite: "shtunen|shtuna|shtunes", nominative: "shtune" },
  { wd: 0, definite: "dielen|diela|djelen|djela|dieles|djeles", nominative: "diel|djele" },
];

/** Parts of day: folded word alternation -> part. */
export const PARTS_OF_DAY: Array<[string, PartOfDay]> = [
  ["mengjes(?:it|in|i)?|sabah(?:u|in)?", "morning"],
  ["paradite(?:s|n)?|paradreke|para\\s+dreke(?:s)?", "morning"],
  ["mesdit(?:e|es|en)|dreke|drekes|dreken|dreka", "noon"],
  ["pasdite(?:s|n)?|mbasdite(?:s|n)?|(?:pas|mbas)\\s*mesdit(?:e|es|en)|pas\\s+dreke(?:s)?|mbas\\s+dreke(?:s)?|pasdreke|mbasdreke|(?:pas|mbas)\\s+dite(?:s|n)?(?!\\p{L})", "afternoon"],
  ["mbremje(?:s|n)?|mbrema|mbrame|mramje(?:s|n)?|mrama|darke(?:s|n)?", "evening"],
  ["mesnat(?:e|es|en)?|midnight|nate(?:s|n)?|naten", "night"],
];

/** Hours (local) when a part of day is over, to forward-date a part of day without a date. */
export const POD_END: Record<PartOfDay, number> = {
  morning: 12, noon: 14, afternoon: 18, evening: 22, night: 24,
};

/** Turns an hour said with a part of day into 24 h ("7" + evening = 19). */
export function applyPartOfDay(hour: number, pod: PartOfDay): number {
  if (hour > 12) return hour;
  switch (pod) {
    case "morning":
      return hour === 12 ? 12 : hour;
    case "noon":
      return hour >= 11 ? hour : hour + 12;
    case "afternoon":
    case "evening":
      return hour === 12 ? 12 : hour + 12;
    case "night":
      return hour === 12 ? 0 : hour >= 6 ? hour + 12 : hour;
  }
}

/** Words that make an hour a bound of the day ("pas orës 15", "para 12"), and the words for "hour" after them. */
export const BOUND_WORDS_SQ = "pas|mbas|para|perpara";
export const HOUR_NOUNS_SQ = "ores|ora|oren|ore|ne";
