import { Chrono, type ParsingComponents, type Parser, type ParsingContext } from "chrono-node";
import { frags, make, mergeRefiner, type WhenFrag } from "./when-frag.ts";
import {
  MONTH_RE, NUMBER_WORD_RE, PARTS_OF_DAY, WEEKDAYS, monthOf, readNumber, type PartOfDay,
} from "./when-lexicon.ts";

export type { WhenFrag } from "./when-frag.ts";

const B = "(?<![\\p{L}\\d'])";
const E = "(?![\\p{L}\\d])";

function parser(tag: string, re: RegExp, read: (m: RegExpMatchArray, ctx: ParsingContext) => WhenFrag | null): Parser {
  return {
    pattern: () => re,
    extract: (context, match) => {
      // chrono looks again from the next character after a match it was given back, where the pattern's
      // leading boundary no longer sees the word before: «thanë» (they said) is no «hanë» (Monday).
      const at = match.index ?? 0;
      if (at > 0 && /[\p{L}\d']/u.test(context.text[at - 1] ?? "")) return null;
      const f = read(match, context);
      return f ? make(context, f, tag) : null;
    },
  };
}

const REL: Record<string, number> = {
  sot: 0, sonte: 0, neser: 1, nesre: 1, nesr: 1, neserr: 1, nesermen: 1, pasneser: 2, pasnesre: 2, pasnesr: 2,
  mbasneser: 2, dje: -1, pardje: -2,
  // Tomorrow's, as a word of its own: «terminin e nesërm», «pedikyrin e nesërmit», «masazhi i nesërm».
  neserm: 1, neserme: 1, nesermi: 1, nesermit: 1, nesermes: 1,
};
const relative = parser(
  "relative",
  new RegExp(
    `${B}(?:(pas|mbas)\\s+)?(sot|sonte|neser|nesre|nesr|neserr|nesermen|nesermit|nesermes|neserme|nesermi|neserm|pasneser|pasnesre|pasnesr|mbasneser|pardje|dje)${E}`,
    "u",
  ),
  (m) => {
    // "pas nesër" written apart is "pasnesër"; "pas sot" is nothing.
    if (m[1] && !/^nes/.test(m[2])) return null;
    return { rel: m[1] ? 2 : REL[m[2]], pod: m[2] === "sonte" ? "evening" : undefined };
  },
);

const WD_ALT = WEEKDAYS.map((w) => `${w.definite}|${w.nominative}`).join("|");
const NEXT = "tjeter|tjetren|(?:e|qe)\\s+(?:ardhshme|ardhshem|vjen)|qe\\s+vjen";
const weekday = parser(
  "weekday",
  new RegExp(
    `${B}(?:(e\\s+se|e\\s+te|e|te|se|t'|t|kete|kete\\s+te|ne)\\s*)?(${WD_ALT})${E}` +
      `(?:\\s+(?:e\\s+|te\\s+)?(?:(javes\\s+(?:se\\s+|qe\\s+)?(?:tjeter|ardhshme|vjen))|(${NEXT})|kesaj\\s+jave))?`,
    "u",
  ),
  (m, ctx) => {
    const word = m[2];
    const def = WEEKDAYS.find((w) => new RegExp(`^(?:${w.definite})$`).test(word));
    const nom = WEEKDAYS.find((w) => new RegExp(`^(?:${w.nominative})$`).test(word));
    const entry = def ?? nom;
    if (!entry) return null;
    // «t'hënën» written without its apostrophe is a day; «thanë» (they said) is no «t' hanë» (Monday); with
    // the apostrophe written, «t'premte» (Gheg) is Friday.
    if (!def && m[1] === "t" && m[0].includes(`${m[1]}${word}`)) return null;
    if (!def && !m[1]) {
      // A bare nominative ("Marte") in the middle of a message is more likely a name.
      const idx = (m.index ?? 0) + m[0].indexOf(word);
      const orig = originalOf(ctx).slice(idx, idx + 1);
      if (idx > 0 && orig !== orig.toLowerCase()) return null;
    }
    // «të mërkurën tjetër» may be this week's or next week's (see WhenFrag.nextSaid); «që vjen» is the coming one.
    return { weekday: entry.wd, nextWeek: Boolean(m[3]), ...(m[4] && /^tjet/.test(m[4]) ? { nextSaid: true } : {}) };
  },
);

const nextWeek = parser(
  "next-week",
  new RegExp(`${B}(?:ne\\s+)?(jave|javen|java|javes)\\s+(?:se\\s+|e\\s+)?(tjeter|ardhshme|ardhshem|qe\\s+vjen)${E}`, "u"),
  () => ({ nextWeek: true }),
);

const other = parser(
  "other",
  new RegExp(
    `${B}(fundjave|fundjaven|fundjaves|(?:ne\\s+)?fund\\s+(?:te\\s+|e\\s+)?javes|muajin\\s+(?:tjeter|e\\s+ardhshem|qe\\s+vjen))${E}`,
    "u",
  ),
  (m) => (/fund/.test(m[1]) ? { weekend: true } : { addMonths: 1, day: 1 }),
);

const UNIT = "(diteve|javeve|muajve|oreve|minutave|ditesh|dite|dit|ditet|jave|javesh|javet|muaji|muajsh|muaj|ore|oresh|oret|minuta|minutash|minute|min)";
const after = parser(
  "after",
  new RegExp(`${B}(?:pas|mbas|per|ne|edhe)\\s+(\\d{1,3}|${NUMBER_WORD_RE}|gjysme|gjysem)\\s+${UNIT}${E}`, "u"),
  (m) => {
    const n = m[1].startsWith("gjys") ? 0.5 : readNumber(m[1]);
    if (!Number.isFinite(n) || n <= 0) return null;
    const u = m[2];
    if (u.startsWith("dit")) return Number.isInteger(n) ? { rel: n } : null;
    if (u.startsWith("jav")) return Number.isInteger(n) ? { rel: 7 * n } : null;
    if (u.startsWith("muaj")) return Number.isInteger(n) ? { addMonths: n } : null;
    if (u.startsWith("or")) return { offsetMin: Math.round(n * 60) };
    return { offsetMin: n };
  },
);

// «një javë nga sot», «3 ditë nga nesër», «dy javë prej sot»: that many days or weeks on from today or tomorrow.
const fromDay = parser(
  "from-day",
  new RegExp(`${B}(\\d{1,2}|${NUMBER_WORD_RE})\\s+(dite|dit|jave|jav)\\s+(?:nga|prej|prej\\s+se|nga\\s+e)\\s+(sot|neser)${E}`, "u"),
  (m) => {
    const n = readNumber(m[1]);
    if (!Number.isInteger(n) || n < 1) return null;
    return { rel: n * (m[2].startsWith("jav") ? 7 : 1) + (m[3] === "neser" ? 1 : 0) };
  },
);

// «dy orë pas mesditës», «3 orë pas dreke» (two hours after noon): that hour of the afternoon.
const afterNoon = parser(
  "after-noon",
  new RegExp(`${B}(\\d{1,2}|${NUMBER_WORD_RE})\\s+or(?:e|et|esh)?\\s+(?:pas|mbas)\\s+(?:mesdit(?:e|es|en)|dreke(?:s|n)?)${E}`, "u"),
  (m) => {
    const n = readNumber(m[1]);
    return Number.isInteger(n) && n >= 1 && n <= 11 ? { hour: 12 + n, minute: 0, hourFixed: true, pod: "afternoon" } : null;
  },
);

const DAYNUM = `\\d{1,2}|e\\s+para|${NUMBER_WORD_RE}`;
const dayMonth = parser(
  "day-month",
  new RegExp(
    `${B}(?:(?:me|dt|daten|date|data)\\s+)?(${DAYNUM})(?:\\s*-?\\s*(?:te|ta|sh)|\\.)?\\s*(?:e\\s+)?(${MONTH_RE})\\.?${E}` +
      `(?:,?\\s+(?:e\\s+|te\\s+|viti\\s+)?(20\\d\\d|19\\d\\d)${E})?`,
    "u",
  ),
  (m) => {
    const day = m[1].startsWith("e") && /^e\s+para$/.test(m[1]) ? 1 : readNumber(m[1]);
    const month = monthOf(m[2]);
    if (!(day >= 1 && day <= 31) || !month) return null;
    return { day, month, year: m[3] ? Number(m[3]) : undefined };
  },
);

// "dhjetor 4", "dhjetor 4 ora 10": the month first, as dates are written in forms. A month with its article
// ("Rruga Dhjetori 21") names a street, not a date.
const monthDay = parser(
  "month-day",
  new RegExp(`${B}(${MONTH_RE})\\.?\\s+(\\d{1,2})${E}(?!\\s*[:.]\\d)`, "u"),
  (m) => {
    const day = Number(m[2]);
    const month = monthOf(m[1]);
    if (/(?:i|u)$/.test(m[1])) return null;
    return day >= 1 && day <= 31 && month ? { day, month } : null;
  },
);

const dayOfMonth = parser(
  "day-of-month",
  new RegExp(`${B}(?:me|ne)?\\s*(?:daten|date|data)\\s+(\\d{1,2})${E}`, "u"),
  (m) => {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 ? { day } : null;
  },
);

const dayOfThisMonth = parser(
  "day-of-this-month",
  new RegExp(`${B}(?:(?:me|ne)\\s+)?(\\d{1,2})(?:-?(?:te|ta|sh))?\\s+(?:e|te)\\s+(?:ketij\\s+)?muaj(?:it|i)?${E}`, "u"),
  (m) => {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 ? { day } : null;
  },
);

// "më 28", "28-të", "28-shin": the day of the month ("me 28" without ë is "with 28").
const ordinalDay = parser(
  "ordinal-day",
  new RegExp(`${B}(?:(me|ne)\\s+)?(\\d{1,2})(?:\\s*-\\s*(te|ta|tin|shin|n|in|it))?${E}(?!\\s*(?:[./:]\\d|h${E}|e\\s+(?:gjys|cerek|\\d)|pa\\s|(?:min|dit|jav|or[ea]|muaj|vjet|person|vet[ae]|lek|eur|shok|njer|femij|cop|here)\\p{L}*${E}|%))(?=(,?\\s+(?:ne|n'|ora|oren|rreth)\\s*\\d)|)`, "u"),
  (m) => {
    const day = Number(m[2]);
    if (!(day >= 1 && day <= 31)) return null;
    if (m[3]) return { day };
    if (m[1] !== "me") return null;
    // "më 25" is a date; "me 25" (typed without ë) too when a time follows or it cannot be a count.
    const idx = m.index ?? 0;
    return currentOriginal.slice(idx, idx + 2).toLowerCase() === "m\u00eb" || m[4] || day >= 13 ? { day } : null;
  },
);

const numericDate = parser(
  "numeric-date",
  new RegExp(
    `(?<![\\p{L}\\d@.:/-])(?:(ora|oren|ores|ne|n')\\s*)?(\\d{1,2})([./])(\\d{1,2})(?:\\3(\\d{4}|\\d{2}))?` +
      `(?![\\p{L}\\d@]|[./:-]\\d)(\\s*(?:ore|oresh|lek|eur|euro|%|km|kg|min|h))?`,
    "u",
  ),
  (m) => {
    const [, prefix, d, , mo, y, unit] = m;
    if (unit) return null;
    if (prefix && !y) return null; // "ora 10.15", "në 10.15" are times
    const day = Number(d), month = Number(mo);
    if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
    const year = y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : undefined;
    return { day, month, year };
  },
);

const isoDate = parser(
  "iso-date",
  new RegExp(`(?<![\\p{L}\\d@.-])(20\\d\\d)-(\\d{2})-(\\d{2})${E}`, "u"),
  (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
);

const POD_ALT = PARTS_OF_DAY.map(([re]) => re).join("|");
function podOf(word: string): PartOfDay | undefined {
  for (const [re, pod] of PARTS_OF_DAY) if (new RegExp(`^(?:${re})$`, "u").test(word)) return pod;
  return undefined;
}

const HOUR_WORDS = "njembedhjete|dymbedhjete|dhjete|nente|tete|shtate|gjashte|pese|kater|tre|tri|dy|nje|nji";
const time = parser(
  "time",
  new RegExp(
    `${B}(?:(ne|n'|n|rreth|nga|prej|tek|te|per|pas|mbas|ndermjet|midis|between)\\s*)?(?:(ora|oren|ores|oret|orarin)\\s*)?(\\d{1,2}|${HOUR_WORDS})` +
      `(?:\\s*([:.h])\\s*(\\d{2}))?(h${E})?(\\s*(?:fiks|sakt|sakte|ekzakt))?` +
      `(?:\\s+(?:e\\s+(gjysme|gjysem|nje\\s+cerek|cerek|tre\\s+cereke?|\\d{1,2})|pa\\s+(nje\\s+cerek|cerek|\\d{1,2}|${HOUR_WORDS}))(?:\\s*min\\p{L}*)?)?` +
      `(?:\\s*(?:e\\s+|te\\s+|ne\\s+|n'\\s*)?(${POD_ALT}|am|pm|a\\.m\\.?|p\\.m\\.?)${E})?` +
      `(?!\\s*(?:min|dit|jav|or[ea]|muaj|vjet|person|veta|lek|eur|%|[./-]\\d|${MONTH_RE})${E})${E}`,
    "u",
  ),
  (m) => {
    const [, pre, ora, h, sep, mm, hSuffix, fiks, plus, minus, suffix] = m;
    const digits = /^\d+$/.test(h);
    const hasMarker = Boolean(ora || sep || hSuffix || fiks || plus || minus || suffix);
    if (!hasMarker && !(pre && /^(ne|n'|n|rreth|nga|prej|pas|mbas|ndermjet|midis|between)$/.test(pre) && digits)) return null;
    if (!digits && !(ora || plus || minus || suffix)) return null;
    // A bare "10.12" is a date (day first); "10.30" can only be a time.
    if (sep === "." && !ora && !pre && Number(mm) <= 12 && readNumber(h) <= 31) return null;
    let hour = readNumber(h);
    let minute = mm ? Number(mm) : 0;
    if (!(hour >= 0 && hour <= 24) || minute > 59) return null;
    if (hour === 24) hour = 0;
    let fixed = hour === 0 || hour > 12 || (digits && h.length === 2 && h.startsWith("0"));
    if (plus) minute = /gjys/.test(plus) ? 30 : /tre/.test(plus) ? 45 : /cerek/.test(plus) ? 15 : Number(plus);
    if (minute > 59) return null;
    if (minus) {
      const less = /cerek/.test(minus) ? 15 : readNumber(minus);
      if (!(less > 0 && less < 60) || mm) return null;
      hour = hour - 1;
      minute = 60 - less;
      if (hour === 0 && !fixed) hour = 12;
      if (hour < 0) hour = 23;
    }
    let pod: PartOfDay | undefined;
    if (suffix) {
      const s = suffix.replace(/\./g, "");
      if (s === "am") { fixed = true; if (hour === 12) hour = 0; }
      else if (s === "pm") { fixed = true; if (hour < 12) hour += 12; }
      else pod = podOf(suffix);
    }
    return { hour, minute, hourFixed: fixed, pod };
  },
);

const partOfDay = parser(
  "part-of-day",
  new RegExp(`${B}(?:(?:ne|n'|n|te|e|gjate|ne\\s+te)\\s*)?(${POD_ALT})${E}(?!\\s+(?:e|te)\\s+mire)`, "u"),
  (m) => {
    const pod = podOf(m[1]);
    if (!pod) return null;
    if (/^mesnat|^midnight/.test(m[1])) return { pod, hour: 0, minute: 0, hourFixed: true, midnight: true };
    return /^mesdit/.test(m[1]) ? { pod, hour: 12, minute: 0, hourFixed: true } : { pod };
  },
);

let currentOriginal = "";
function originalOf(_ctx: ParsingContext): string {
  return currentOriginal;
}

/** The Albanian chrono instance (parsers above, merge refiner). */
export const sqChrono = new Chrono({
  parsers: [
    fromDay, relative, weekday, nextWeek, other, after, afterNoon, dayMonth, monthDay, dayOfMonth, dayOfThisMonth, ordinalDay, numericDate, isoDate, time, partOfDay,
  ],
  refiners: [mergeRefiner],
});

/** Parses folded text; `original` is the unfolded text (same length) for capitalisation checks. */
export function parseSq(folded: string, original: string, ref: Date): WhenFrag | null {
  currentOriginal = original;
  const results = sqChrono.parse(folded, ref);
  const r = results[0];
  return r ? (frags.get(r.start as ParsingComponents) ?? null) : null;
}
