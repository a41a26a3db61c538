/**
 * Albanian-aware text normalisation: folding (lowercase, ë->e, ç->c, other diacritics stripped),
 * tokenising and a light suffix stemmer. Used by the date parser, intents and FAQ retrieval.
 */

const foldCache = new Map<string, string>();

/** Folds one character: lowercase without diacritics, always exactly one UTF-16 unit out. */
function foldChar(ch: string): string {
  let out = foldCache.get(ch);
  if (out !== undefined) return out;
  const lower = ch.toLowerCase();
  const stripped = lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  out = stripped.length === 1 ? stripped : lower.length === 1 ? lower : ch;
  // Typographic apostrophes and quotes count as the plain apostrophe (n'mëngjes, t'hënën).
  if (out === "\u2019" || out === "\u2018" || out === "`" || out === "\u00b4") out = "'";
  foldCache.set(ch, out);
  return out;
}

/**
 * Lowercases and strips diacritics while keeping every character in place (same length as the
 * input), so positions found in the folded text point at the original text. Punctuation stays.
 */
export function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x41 || (code > 0x5a && code < 0x80) ? text[i] : foldChar(text[i]);
  }
  return out;
}

/** A word with "@" in it: an email address or a handle, whose parts are no words of a request ("besa.manikyr@gmail.com"). */
const ADDRESS = /\S*@\S*/g;

/**
 * Lowercase, ë->e, ç->c, other diacritics stripped, email addresses left out, punctuation to spaces,
 * whitespace collapsed.
 */
export function normalize(text: string): string {
  return fold(text.includes("@") ? text.replace(ADDRESS, " ") : text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Longest first; a suffix is removed only when a stem of at least 4 letters remains.
const SUFFIXES = [
  "imeve", "ueshme", "ohemi", "oheni", "imet", "imin", "imit", "imeve", "ojme", "ohem",
  "ohet", "uara", "uese", "shme", "eshme", "ave", "eve", "ive", "ish", "esh", "ash", "ete", "ese",
  "ene", "ise", "ite", "oni", "uar", "uan", "ova", "ime", "imi", "ojn", "ore", "at", "it", "ut", "in",
  "un", "en", "es", "et", "ve", "ne", "te", "ja", "je", "ni", "oj", "im", "sh", "on", "ri", "i",
  "u", "a", "e", "n", "t", "s", "o",
].sort((a, b) => b.length - a.length);

/** Light Albanian stemming: strips one inflection suffix (rezervimin -> rezerv, ditesh -> dit). */
export function stem(word: string): string {
  for (const s of SUFFIXES) {
    if (word.length - s.length >= 4 && word.endsWith(s)) return word.slice(0, -s.length);
  }
  return word;
}

/** Normalised, stemmed word tokens of `text`. */
export function tokens(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(" ").map(stem) : [];
}

/**
 * Whether `a` and `b` are at most one edit apart (a letter changed, added or dropped, or two neighbours
 * swapped, the optimal-string-alignment distance), in one pass without a distance table. The typo checks
 * of every typed word ask this.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    return sameTail(a, i + 1, b, i + 1)
      || (i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameTail(a, i + 2, b, i + 2));
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

/** Whether `a` from `ia` and `b` from `ib` are the same to their ends. */
function sameTail(a: string, ia: number, b: string, ib: number): boolean {
  if (a.length - ia !== b.length - ib) return false;
  for (; ia < a.length; ia++, ib++) if (a.charCodeAt(ia) !== b.charCodeAt(ib)) return false;
  return true;
}

