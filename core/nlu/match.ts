import { withinOneEdit } from "./normalize.ts";

/**
 * Whether a typed (normalised) word stands for a known (normalised) word: the same word, an inflection
 * of it (one is the other plus up to 3 letters, with 4 letters or more in common: "berberi" for
 * "berber", "tiranes" for "tirane"; or the same 4 letters or more with another ending of up to 2
 * letters: "trupi" for "trupor") or one typo away (words of 5 letters or more: "qethej", "mjekra" for
 * "mjekre").
 */
export function wordMatches(typed: string, known: string): boolean {
  if (typed === known) return true;
  const [short, long] = typed.length <= known.length ? [typed, known] : [known, typed];
  if (short.length >= 4 && long.length - short.length <= 3 && long.startsWith(short)) return true;
  if (short.length < 5) return false;
  return withinOneEdit(typed, known) || otherEnding(short, long);
}

/** The same stem of 4 letters or more, each word ending in up to 2 letters of its own ("trupi", "trupor"). */
function otherEnding(short: string, long: string): boolean {
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= 4 && long.length - common <= 2;
}

/**
 * Finds `phrase` (normalised words) as consecutive words of `words`, each matched with
 * {@link wordMatches}; returns the index of its first word, or -1.
 */
export function findPhrase(words: readonly string[], phrase: readonly string[]): number {
  if (!phrase.length || phrase.length > words.length) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (!wordMatches(words[i + j], phrase[j])) continue outer;
    return i;
  }
  return -1;
}
